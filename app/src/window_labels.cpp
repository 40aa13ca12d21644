// MainWindow: point labelling (the label tool, the "Point labels" and "Disagreements" docks and
// their keys). docs/gui.md lists the keys.
#include <QActionGroup>
#include <QDockWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>

#include "lidarlabel/app/box_tool.h"
#include "lidarlabel/app/disagreement_list.h"
#include "lidarlabel/app/label_panel.h"
#include "lidarlabel/app/label_tool.h"
#include "lidarlabel/app/main_window.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/sub_views.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {

void MainWindow::buildLabelling() {
  labelTool_ = new LabelTool(editor_, *view_, *presenter_, subViews_, {}, this);
  labelPanel_ = new LabelPanel(editor_, *labelTool_, *presenter_, this);
  disagreements_ = new DisagreementList(editor_, this);
  auto dock = [this](const QString& title, const QString& name, QWidget* w) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(w);
    addDockWidget(Qt::RightDockWidgetArea, d);
    return d;
  };
  QDockWidget* labels = dock(tr("Point labels"), QStringLiteral("pointLabelsDock"), labelPanel_);
  QDockWidget* dis = dock(tr("Disagreements"), QStringLiteral("disagreementsDock"), disagreements_);
  // Tabs beside the box views, so the 3D view keeps its width; a label tool raises its dock.
  if (auto* boxViews = findChild<QDockWidget*>(QStringLiteral("subViewsDock"))) {
    tabifyDockWidget(boxViews, labels);
    tabifyDockWidget(labels, dis);
    boxViews->raise();
  } else {
    tabifyDockWidget(labels, dis);
  }
  statusBar()->addPermanentWidget(labelPanel_->offerButton());
  connect(labelPanel_, &LabelPanel::message, this,
          [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  connect(disagreements_, &DisagreementList::focusRequested, this,
          [this] { focusSelection(false); });
  connect(labelTool_, &LabelTool::strokeFinished, this, [this](int n) {
    if (n > 0) statusBar()->showMessage(tr("%n point(s) labelled", nullptr, n), 3000);
  });
}

namespace {
bool labelColoring(PointColoring c) {
  return c == PointColoring::Label || c == PointColoring::Instance ||
         c == PointColoring::Disagreement;
}
}  // namespace

void MainWindow::syncSubViewColors() {
  if (!labelColoring(presenter_->coloring())) {
    subViews_->setPointColors({});
    return;
  }
  // The box views show the main view's label colours of their points.
  subViews_->setPointColors([this](const std::vector<std::uint32_t>& index) {
    const std::vector<std::uint8_t>& all = presenter_->pointColors();
    std::vector<std::uint8_t> rgb(3 * index.size(), 128);
    for (std::size_t k = 0; k < index.size(); ++k)
      if (3 * static_cast<std::size_t>(index[k]) + 2 < all.size())
        std::copy_n(all.begin() + 3 * static_cast<long>(index[k]), 3,
                    rgb.begin() + 3 * static_cast<long>(k));
    return rgb;
  });
}

ViewTool* MainWindow::activeTool() const {
  return labelling_ ? static_cast<ViewTool*>(labelTool_) : static_cast<ViewTool*>(tool_);
}

void MainWindow::setLabelling(bool on) {
  if (on == labelling_) return;
  labelling_ = on;
  if (!on) labelTool_->deactivate();
  if (auto* d = findChild<QDockWidget*>(QStringLiteral("pointLabelsDock")); d && on) d->raise();
  if (workspace_.isReadOnly()) return;
  view_->setTool(activeTool());
  subViews_->setTool(activeTool());
}

void MainWindow::buildLabelMenu() {
  auto* menu = new QMenu(tr("&Label"), this);  // before Help
  const QList<QAction*> top = menuBar()->actions();
  menuBar()->insertMenu(top.isEmpty() ? nullptr : top.last(), menu);
  auto* bar = findChild<QToolBar*>(QStringLiteral("toolsBar"));
  QActionGroup* group = nullptr;
  if (bar)
    for (QAction* a : bar->actions())
      if (a->actionGroup()) group = a->actionGroup();
  auto mode = [&](const QString& text, const QKeySequence& key, LabelMode m, bool erase) {
    QAction* a = viewAction(text, key, menu);
    a->setCheckable(true);
    if (group) group->addAction(a);
    if (bar) bar->addAction(a);
    editActions_ << a;
    connect(a, &QAction::triggered, this, [this, m, erase] {
      labelTool_->setMode(m);
      labelTool_->setErasing(erase);
      setLabelling(true);
    });
    return a;
  };
  mode(tr("Label &brush"), QKeySequence(Qt::Key_W), LabelMode::Brush, false);
  mode(tr("Label &lasso"), QKeySequence(Qt::Key_L), LabelMode::Lasso, false);
  mode(tr("&Eraser brush"), QKeySequence(Qt::Key_D), LabelMode::Brush, true);
  menu->addSeparator();
  auto add = [&](const QString& text, const QKeySequence& key, auto fn) {
    QAction* a = viewAction(text, key, menu);
    connect(a, &QAction::triggered, this, fn);
    return a;
  };
  add(tr("Larger brush"), QKeySequence(Qt::Key_BraceRight),
      [this] { labelTool_->setRadius(labelTool_->radius() * 1.25); });
  add(tr("Smaller brush"), QKeySequence(Qt::Key_BraceLeft),
      [this] { labelTool_->setRadius(labelTool_->radius() / 1.25); });
  menu->addSeparator();
  editActions_ << add(tr("Fill from selected &box"), QKeySequence(Qt::CTRL | Qt::Key_B),
                      [this] { labelPanel_->fillSelected(); });
  editActions_ << add(tr("Fill from selected &track (all frames)"),
                      QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_B),
                      [this] { labelPanel_->fillTracks(); });
  editActions_ << add(tr("Fill from &all boxes of the frame"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
                      [this] { labelPanel_->fillFrame(); });
  editActions_ << add(tr("Label &ground"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G),
                      [this] { labelPanel_->labelGround(); });
  editActions_ << add(tr("Fill &instances from boxes"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
                      [this] { labelPanel_->fillInstances(); });
  editActions_ << add(tr("&Update the moved box's points"), QKeySequence(Qt::CTRL | Qt::Key_U),
                      [this] { labelPanel_->updateOffered(); });
  add(tr("&Next disagreement"), QKeySequence(Qt::CTRL | Qt::Key_J),
      [this] { disagreements_->jumpToNext(); });
}

}  // namespace lidarlabel
