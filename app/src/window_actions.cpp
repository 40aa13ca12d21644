// MainWindow's menus, tool bars and actions (the wiring of keys to the edit API and the views).
// Contexts: view-scoped keys (nudges, tools, flip, place) are WidgetWithChildrenShortcut on the
// 3D view area and the sub-views, so a focused spin box or list keeps its own arrow keys; the
// rest are WindowShortcut. docs/gui.md lists the layout.
#include <QActionGroup>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTextBrowser>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include "lidarlabel/app/box_tool.h"
#include "lidarlabel/app/frame_navigator.h"
#include "lidarlabel/app/main_window.h"
#include "lidarlabel/app/nudge_actions.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/sub_views.h"
#include "lidarlabel/app/timeline.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {

namespace {
const char* const kColoringNames[] = {QT_TR_NOOP("Height"),         QT_TR_NOOP("Intensity"),
                                      QT_TR_NOOP("Box membership"), QT_TR_NOOP("Label"),
                                      QT_TR_NOOP("Instance"),       QT_TR_NOOP("Disagreement")};
}  // namespace

QAction* MainWindow::viewAction(const QString& text, const QKeySequence& key, QMenu* menu) {
  auto* a = new QAction(text, this);
  a->setShortcut(key);
  a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  viewArea_->addAction(a);
  subViews_->addAction(a);
  if (menu) menu->addAction(a);
  return a;
}

void MainWindow::buildMenus() {
  buildFileMenu();
  buildEditMenu();
  buildViewMenu();
  buildToolMenu();
  buildSequenceMenu();  // sequence_menu.cpp
  QMenu* help = menuBar()->addMenu(tr("He&lp"));
  QAction* sheet = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
    auto* d = new QDialog(this);
    d->setObjectName(QStringLiteral("shortcutSheet"));
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setWindowTitle(tr("Keyboard shortcuts"));
    auto* text = new QTextBrowser(d);
    text->setHtml(shortcutSheet());
    (new QVBoxLayout(d))->addWidget(text);
    d->resize(520, 640);
    d->show();
  });
  sheet->setShortcut(QKeySequence::HelpContents);
}

void MainWindow::buildFileMenu() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open folder..."), QKeySequence::Open, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open sequence folder"));
    if (!dir.isEmpty()) openFolder(dir);
  });
  recentMenu_ = file->addMenu(tr("Open &recent"));
  editActions_ << file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { save(); });
  editActions_ << file->addAction(tr("Save &as..."), QKeySequence::SaveAs, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save annotations to folder"));
    if (!dir.isEmpty()) save(dir);
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  for (const QString& f : recentFolders())
    recentMenu_->addAction(f, this, [this, f] { openFolder(f); });
  recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

void MainWindow::buildEditMenu() {
  QMenu* edit = menuBar()->addMenu(tr("E&dit"));
  QAction* undo = document_.undoStack()->createUndoAction(edit, tr("&Undo"));
  undo->setShortcuts(QKeySequence::Undo);
  QAction* redo = document_.undoStack()->createRedoAction(edit, tr("&Redo"));
  redo->setShortcuts(
      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
  edit->addActions({undo, redo});
  edit->addSeparator();
  auto sel = [this] { return document_.selection(); };
  auto add = [&](const QString& text, const QKeySequence& key, auto fn) {
    QAction* a = edit->addAction(text, key, this, fn);
    editActions_ << a;
    return a;
  };
  add(tr("&Delete"), QKeySequence::Delete, [this, sel] { editor_.remove(sel()); });
  add(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
      [this, sel] { editor_.duplicate(sel()); });
  add(tr("&Copy to next frame"), QKeySequence(Qt::CTRL | Qt::Key_PageDown),
      [this, sel] { editor_.copyToNextFrame(sel()); });
  add(tr("&Accept boxes"), QKeySequence(Qt::CTRL | Qt::Key_Return),
      [this, sel] { editor_.acceptObjects(sel()); });
  edit->addSeparator();
  QAction* flip = viewAction(tr("&Flip heading"), QKeySequence(Qt::Key_X), edit);
  connect(flip, &QAction::triggered, this, [this, sel] {
    for (ObjectId id : sel()) editor_.flipHeading(id);
  });
  editActions_ << flip;
  QMenu* nudge = edit->addMenu(tr("&Nudge (Alt fine, Shift coarse)"));
  const QList<QAction*> nudges = createNudgeActions(editor_, *repeat_, this);
  for (int i = 0; i < nudges.size(); ++i) {
    QAction* a = nudges[i];
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    viewArea_->addAction(a);
    subViews_->addAction(a);
    if (i % 3 == 0) nudge->addAction(a);  // the unmodified step; fine/coarse are keys only
    editActions_ << a;
  }
}

void MainWindow::buildViewMenu() {
  QMenu* view = menuBar()->addMenu(tr("&View"));
  auto add = [&](const QString& text, QList<QKeySequence> keys, auto fn) {
    QAction* a = view->addAction(text, this, fn);
    a->setShortcuts(keys);
    return a;
  };
  add(tr("&Bird's-eye camera"), {Qt::Key_B},
      [this] { view_->resetCamera(CameraPreset::BirdsEye); });
  add(tr("&Chase camera"), {Qt::Key_C}, [this] { view_->resetCamera(CameraPreset::Chase); });
  add(tr("&Focus on selection"), {Qt::Key_F}, [this] { focusSelection(false); });
  add(tr("&Orbit around selection"), {Qt::Key_O}, [this] { focusSelection(true); });
  view->addSeparator();
  for (int i = 0; i < static_cast<int>(std::size(kColoringNames)); ++i)
    add(tr("Colour by %1").arg(tr(kColoringNames[i]).toLower()), {Qt::Key_1 + i},
        [this, i] { setColoring(static_cast<PointColoring>(i)); });
  QAction* ground = add(tr("&Hide ground"), {QKeySequence(Qt::CTRL | Qt::Key_G)}, [] {});
  ground->setCheckable(true);
  connect(ground, &QAction::toggled, this, [this](bool on) { presenter_->setHideGround(on); });
  auto pointSize = [this](float factor) {
    SceneStyle style = view_->style();
    style.pointSize = std::clamp(style.pointSize * factor, 1.0f, 12.0f);
    view_->setStyle(style);
  };
  add(tr("&Larger points"), {Qt::Key_Plus, Qt::Key_Equal}, [pointSize] { pointSize(1.5f); });
  add(tr("&Smaller points"), {Qt::Key_Minus}, [pointSize] { pointSize(1.0f / 1.5f); });
  view->addSeparator();
  for (QDockWidget* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());

  QMenu* frame = menuBar()->addMenu(tr("F&rame"));
  auto step = [&](const QString& text, QList<QKeySequence> keys, auto fn) {
    frame->addAction(text, this, fn)->setShortcuts(keys);
  };
  // Through the navigator: a sweep not in memory yet is read without blocking the window.
  step(tr("Next frame"), {Qt::Key_PageDown, Qt::Key_Period}, [this] { navigator_->step(1); });
  step(tr("Previous frame"), {Qt::Key_PageUp, Qt::Key_Comma}, [this] { navigator_->step(-1); });
  step(tr("First frame"), {Qt::Key_Home}, [this] { navigator_->goTo(0); });
  step(tr("Last frame"), {Qt::Key_End}, [this] {
    if (document_.frameCount() > 0) navigator_->goTo(document_.frameCount() - 1);
  });
}

void MainWindow::buildToolMenu() {
  QMenu* tools = menuBar()->addMenu(tr("T&ools"));
  QToolBar* bar = addToolBar(tr("Tools"));
  bar->setObjectName(QStringLiteral("toolsBar"));
  auto* group = new QActionGroup(this);
  const struct {
    const char* text;
    int key;
    ToolMode mode;
  } modes[] = {{QT_TR_NOOP("&Select and edit"), Qt::Key_Escape, ToolMode::Select},
               {QT_TR_NOOP("Create by &click"), Qt::Key_N, ToolMode::CreateClick},
               {QT_TR_NOOP("Create by &rectangle"), Qt::Key_R, ToolMode::CreateRect}};
  for (const auto& m : modes) {
    QAction* a = viewAction(tr(m.text), QKeySequence(m.key), tools);
    a->setCheckable(true);
    a->setChecked(m.mode == ToolMode::Select);
    group->addAction(a);
    bar->addAction(a);
    const ToolMode mode = m.mode;
    connect(a, &QAction::triggered, this, [this, mode] {
      const bool wasLabelling = labelling_;
      setLabelling(false);
      if (!wasLabelling && mode == ToolMode::Select && tool_->mode() == ToolMode::Select)
        editor_.select({});
      tool_->setMode(mode);
    });
    connect(tool_, &BoxTool::modeChanged, a,
            [a, mode](ToolMode now) { a->setChecked(now == mode); });
  }
  QAction* place = viewAction(tr("&Place default box at cursor"), QKeySequence(Qt::Key_P), tools);
  editActions_ << place;
  connect(place, &QAction::triggered, this, [this] {
    if (const auto p = tool_->cursorOnGround()) editor_.createDefaultAt(*p, tool_->className());
  });
  bar->addSeparator();
  bar->addWidget(new QLabel(tr(" New box class: "), bar));
  classCombo_ = new QComboBox(bar);
  classCombo_->setObjectName(QStringLiteral("classSelector"));
  classCombo_->setFocusPolicy(Qt::NoFocus);
  bar->addWidget(classCombo_);
  auto fillClasses = [this] {
    const QString keep = classCombo_->currentText();
    const QSignalBlocker block(classCombo_);
    classCombo_->clear();
    for (const ClassDef& c : document_.ontology().classes)
      if (c.isThing) classCombo_->addItem(QString::fromStdString(c.name));
    const int i = classCombo_->findText(keep.isEmpty() ? QStringLiteral("car") : keep);
    classCombo_->setCurrentIndex(std::max(0, i));
    tool_->setClassName(classCombo_->currentText().toStdString());
  };
  fillClasses();
  connect(&document_, &Document::sequenceChanged, this, fillClasses);
  connect(classCombo_, &QComboBox::currentTextChanged, this,
          [this](const QString& t) { tool_->setClassName(t.toStdString()); });
  auto cycle = [this](int d) {
    const int n = classCombo_->count();
    if (n > 0) classCombo_->setCurrentIndex((classCombo_->currentIndex() + d + n) % n);
  };
  tools->addSeparator();
  tools->addAction(tr("Next class"), QKeySequence(Qt::Key_BracketRight), this,
                   [cycle] { cycle(1); });
  tools->addAction(tr("Previous class"), QKeySequence(Qt::Key_BracketLeft), this,
                   [cycle] { cycle(-1); });
}

void MainWindow::buildFrameBar() {
  QToolBar* bar = new QToolBar(tr("Frames"), this);
  bar->setObjectName(QStringLiteral("framesBar"));
  addToolBar(Qt::BottomToolBarArea, bar);
  timeline_ = new Timeline(document_, *navigator_, {}, bar);
  colorCombo_ = new QComboBox(bar);
  colorCombo_->setObjectName(QStringLiteral("colorCombo"));
  for (const char* name : kColoringNames) colorCombo_->addItem(tr(name));
  colorCombo_->setFocusPolicy(Qt::NoFocus);
  bar->addWidget(timeline_);
  bar->addSeparator();
  bar->addWidget(new QLabel(tr(" Colour: "), bar));
  bar->addWidget(colorCombo_);
  connect(colorCombo_, &QComboBox::currentIndexChanged, this,
          [this](int i) { setColoring(static_cast<PointColoring>(i)); });
}

void MainWindow::setColoring(PointColoring coloring) {
  presenter_->setColoring(coloring);
  syncSubViewColors();
  const QSignalBlocker block(colorCombo_);
  colorCombo_->setCurrentIndex(static_cast<int>(coloring));
}

PointColoring MainWindow::coloring() const {
  return presenter_->coloring();
}

void MainWindow::focusSelection(bool keepDistance) {
  const auto& sel = document_.selection();
  const ObjectAnnotation* o =
      sel.empty() ? nullptr : document_.object(document_.currentFrame(), sel.front());
  if (!o) return;
  // F: the box centred and filling the view; O: the eye stays and orbits the box's centre.
  view_->setCamera(keepDistance ? orbitAround(view_->camera(), o->box.center)
                                : focusOn(view_->camera(), o->box));
}

QString MainWindow::shortcutSheet() const {
  QString html = QStringLiteral("<table>");
  for (QMenu* menu : menuBar()->findChildren<QMenu*>()) {
    QString rows;
    for (QAction* a : menu->actions())
      if (!a->shortcuts().isEmpty() && !a->menu()) {
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
        rows += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                    .arg(a->text().remove(QLatin1Char('&')).toHtmlEscaped(),
                         keys.join(QStringLiteral(", ")).toHtmlEscaped());
      }
    if (!rows.isEmpty())
      html += QStringLiteral("<tr><th colspan=2 align=left><br>%1</th></tr>")
                  .arg(menu->title().remove(QLatin1Char('&'))) +
              rows;
  }
  html += tr("<tr><td colspan=2><br>Nudges: Alt = fine, Shift = coarse steps.</td></tr>");
  return html + QStringLiteral("</table>");
}

}  // namespace lidarlabel
