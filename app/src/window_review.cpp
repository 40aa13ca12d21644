// MainWindow: reviewer mode (the Review menu, the Review and Check results docks, the active
// annotation time recorder). docs/review.md describes it, docs/gui.md lists the keys.
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>

#include "lidarlabel/app/check_results.h"
#include "lidarlabel/app/main_window.h"
#include "lidarlabel/app/object_list.h"
#include "lidarlabel/app/review_actions.h"
#include "lidarlabel/app/review_panel.h"
#include "lidarlabel/app/sub_views.h"

namespace lidarlabel {

void MainWindow::buildReview() {
  auto* menu = new QMenu(tr("Revie&w"), this);  // before Help
  const QList<QAction*> top = menuBar()->actions();
  menuBar()->insertMenu(top.isEmpty() ? nullptr : top.last(), menu);
  review_ = new ReviewActions(*this, editor_, *navigator_, *objectList_, menu,
                              {viewArea_, subViews_, objectList_});
  editActions_ << review_->editActions();

  // The reviewer: --reviewer for this run, else the name kept in the settings, else the login.
  const QString kept = QSettings(settingsFile_, QSettings::IniFormat)
                           .value(QStringLiteral("review/name"))
                           .toString();
  editor_.setReviewer((config_.reviewer.isEmpty() ? kept : config_.reviewer).toStdString());
  review_->panel()->reviewerEdit()->setText(QString::fromStdString(editor_.reviewer()));
  connect(review_->panel(), &ReviewPanel::reviewerChanged, this, [this](const QString& name) {
    QSettings(settingsFile_, QSettings::IniFormat).setValue(QStringLiteral("review/name"), name);
  });

  auto dock = [this](const QString& title, const QString& name, QWidget* w,
                     Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(w);
    addDockWidget(area, d);
    return d;
  };
  QDockWidget* reviewDock =
      dock(tr("Review"), QStringLiteral("reviewDock"), review_->panel(), Qt::LeftDockWidgetArea);
  QDockWidget* checksDock = dock(tr("Check results"), QStringLiteral("checkResultsDock"),
                                 review_->checkResults(), Qt::RightDockWidgetArea);
  // Tabs beside Properties and Tracks, so the views keep their size.
  if (auto* props = findChild<QDockWidget*>(QStringLiteral("propertiesDock"))) {
    tabifyDockWidget(props, reviewDock);
    props->raise();
  }
  if (auto* tracks = findChild<QDockWidget*>(QStringLiteral("tracksDock"))) {
    tabifyDockWidget(tracks, checksDock);
    tracks->raise();
  }
  for (QMenu* m : menuBar()->findChildren<QMenu*>())
    if (m->title() == tr("&View"))
      m->addActions({reviewDock->toggleViewAction(), checksDock->toggleViewAction()});

  connect(review_, &ReviewActions::message, this,
          [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  connect(review_, &ReviewActions::focusRequested, this, [this] { focusSelection(false); });
  connect(&workspace_, &Workspace::readOnlyChanged, review_->panel(),
          [this](bool readOnly) { review_->panel()->setEnabled(!readOnly); });
}

}  // namespace lidarlabel
