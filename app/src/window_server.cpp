// MainWindow in team server mode: File > Open server location, the Conflicts dock, and the
// server's messages in the status bar (docs/gui.md, docs/team-server.md "In the window").
#include <QDockWidget>
#include <QInputDialog>
#include <QMenuBar>
#include <QStatusBar>

#include "lidarlabel/app/main_window.h"

#ifdef LIDARLABEL_HAVE_SERVER
#include "lidarlabel/app/conflicts_dock.h"
#endif

namespace lidarlabel {

void MainWindow::buildServer() {
  workspace_.setServerConfig(config_.server);
  QMenu* file = nullptr;
  for (QAction* a : menuBar()->actions())
    if (a->menu() && a->text() == tr("&File")) file = a->menu();
  if (file == nullptr) return;
  QAction* open = new QAction(tr("Open server &location..."), this);
  open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  connect(open, &QAction::triggered, this, [this] {
    bool ok = false;
    const QString uri = QInputDialog::getText(
        this, tr("Open server location"),
        tr("Team server sequence (postgresql://user@host/database/dataset/sequence):"),
        QLineEdit::Normal, QStringLiteral("postgresql://"), &ok);
    if (ok && !uri.trimmed().isEmpty()) openFolder(uri.trimmed());
  });
  QAction* recent = file->actions().size() > 1 ? file->actions()[1] : nullptr;
  file->insertAction(recent, open);
#ifdef LIDARLABEL_HAVE_SERVER
  auto* panel = new ConflictsDock(document_, this);
  conflicts_ = panel;
  conflictsDock_ = new QDockWidget(tr("Conflicts"), this);
  conflictsDock_->setObjectName(QStringLiteral("conflictsDock"));
  conflictsDock_->setWidget(panel);
  addDockWidget(Qt::BottomDockWidgetArea, conflictsDock_);
  conflictsDock_->hide();
  connect(&document_, &Document::sequenceChanged, this, [this] { attachServer(); });
#else
  open->setEnabled(false);
  open->setToolTip(tr("This build has no PostgreSQL team server support"));
#endif
}

void MainWindow::attachServer() {
#ifdef LIDARLABEL_HAVE_SERVER
  auto* panel = static_cast<ConflictsDock*>(conflicts_);
  ServerSync* sync = workspace_.serverSync();
  panel->setSync(sync);
  conflictsDock_->setVisible(sync != nullptr);
  if (sync == nullptr) return;
  disconnect(sync, nullptr, this, nullptr);  // attached once per connection
  connect(sync, &ServerSync::statusMessage, this,
          [this](const QString& m) { statusBar()->showMessage(m, 15000); });
  connect(sync, &ServerSync::conflictsChanged, this, [this, sync] {
    if (!sync->conflicts().empty()) conflictsDock_->show();
    updateTitle();
  });
  connect(sync, &ServerSync::remoteChangesApplied, this, [this] { updateStatus(); });
  statusBar()->showMessage(tr("Connected to %1: every change is committed")
                               .arg(QString::fromStdString(sync->location())),
                           15000);
#endif
}

}  // namespace lidarlabel
