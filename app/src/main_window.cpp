#include "lidarlabel/app/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

#include "lidarlabel/app/box_tool.h"
#include "lidarlabel/app/frame_navigator.h"
#include "lidarlabel/app/nudge_actions.h"
#include "lidarlabel/app/object_list.h"
#include "lidarlabel/app/properties_panel.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/app/sequence_actions.h"
#include "lidarlabel/app/status_text.h"
#include "lidarlabel/app/sub_views.h"
#include "lidarlabel/app/timeline.h"
#include "lidarlabel/app/track_list.h"
#include "lidarlabel/app/track_selection.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {

namespace {
QString defaultSettingsFile() {
  return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
         QStringLiteral("/lidarlabel.ini");
}
}  // namespace

MainWindow::MainWindow(MainWindowConfig config, QWidget* parent)
    : QMainWindow(parent),
      config_(config),
      settingsFile_(config.settingsFile.isEmpty() ? defaultSettingsFile() : config.settingsFile),
      document_(config.document),
      editor_(document_),
      workspace_(document_, config.workspace) {
  setObjectName(QStringLiteral("mainWindow"));
  updateTitle();
  viewArea_ = new QWidget(this);
  auto* layout = new QVBoxLayout(viewArea_);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  banner_ = new QLabel(viewArea_);
  banner_->setObjectName(QStringLiteral("readOnlyBanner"));
  banner_->setStyleSheet(QStringLiteral("background:#8a1c1c;color:white;padding:4px;"));
  banner_->setWordWrap(true);
  banner_->hide();
  view_ = new SceneView(viewArea_);
  view_->setObjectName(QStringLiteral("mainView"));
  view_->setFocusPolicy(Qt::StrongFocus);
  view_->setMouseTracking(true);  // the cursor position for "place a box here"
  layout->addWidget(banner_);
  layout->addWidget(view_, 1);
  setCentralWidget(viewArea_);

  presenter_ = new ScenePresenter(document_, *view_, this);
  tool_ = new BoxTool(editor_, *view_, *presenter_, {}, this);
  view_->setTool(tool_);
  repeat_ = new KeyRepeatWatch(this);
  navigator_ = new FrameNavigator(document_, this);
  trackSelection_ = new TrackSelection(document_, this);
  buildDocks();
  buildLabelling();
  buildFrameBar();
  buildMenus();
  buildLabelMenu();
  buildReview();
  buildServer();
  statusLabel_ = new QLabel(this);
  statusBar()->addWidget(statusLabel_, 1);

  connect(presenter_, &ScenePresenter::loadFailed, this,
          [this](const QString& m) { showError(tr("Cannot read sweep"), m); });
  connect(presenter_, &ScenePresenter::drawCancelled, this, [this] {
    statusBar()->showMessage(
        tr("Drawing cancelled: no points shown (step to another frame and back to retry)"));
  });
  connect(&document_, &Document::sequenceChanged, this, &MainWindow::onSequenceChanged);
  connect(&document_, &Document::currentFrameChanged, this, &MainWindow::onFrameChanged);
  connect(&document_, &Document::objectsAdded, this, &MainWindow::updateStatus);
  connect(&document_, &Document::objectsRemoved, this, &MainWindow::updateStatus);
  connect(&document_, &Document::modifiedChanged, this, &QWidget::setWindowModified);
  connect(&workspace_, &Workspace::readOnlyChanged, this, &MainWindow::setReadOnly);
  connect(&workspace_, &Workspace::saved, this,
          [this](const QString& p) { statusBar()->showMessage(tr("Saved %1").arg(p), 5000); });
  connect(&workspace_, &Workspace::autosaved, this, [this](const QString& p) {
    statusBar()->showMessage(tr("Autosaved to %1").arg(p), 3000);
  });
  connect(&workspace_, &Workspace::error, this,
          [this](const QString& m) { showError(tr("Autosave failed"), m); });
  connect(tool_, &BoxTool::dragStarted, subViews_, [this] { subViews_->setDragging(true); });
  connect(tool_, &BoxTool::dragFinished, subViews_, [this] { subViews_->setDragging(false); });
  connect(objectList_, &ObjectList::focusRequested, this, [this] { focusSelection(false); });
  connect(properties_, &PropertiesPanel::message, this,
          [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  defaultPrompts();

  QSettings settings(settingsFile_, QSettings::IniFormat);
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
    resize(1440, 900);
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  rebuildRecentMenu();
  updateStatus();
  view_->setFocus();
}

MainWindow::~MainWindow() {
  view_->setTool(nullptr);
  subViews_->setTool(nullptr);
}

void MainWindow::buildDocks() {
  auto dock = [this](const QString& title, const QString& name, QWidget* w, Qt::DockWidgetArea a) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(w);
    addDockWidget(a, d);
    return d;
  };
  objectList_ = new ObjectList(document_, this);
  properties_ = new PropertiesPanel(editor_, this);
  subViews_ = new SubViews(document_, {}, this);
  subViews_->setTool(tool_);
  dock(tr("Objects"), QStringLiteral("objectsDock"), objectList_, Qt::LeftDockWidgetArea);
  dock(tr("Properties"), QStringLiteral("propertiesDock"), properties_, Qt::LeftDockWidgetArea);
  dock(tr("Box views"), QStringLiteral("subViewsDock"), subViews_, Qt::RightDockWidgetArea);
  trackList_ = new TrackList(document_, *trackSelection_, this);
  dock(tr("Tracks"), QStringLiteral("tracksDock"), trackList_, Qt::RightDockWidgetArea);
  connect(trackList_, &TrackList::frameRequested, navigator_,
          [this](int f) { navigator_->goTo(static_cast<std::size_t>(f)); });
}

void MainWindow::defaultPrompts() {
  WorkspacePrompts p;
  p.offerRecovery = [this](const std::string& path) {
    return QMessageBox::question(
               this, tr("Recover unsaved edits?"),
               tr("Unsaved edits of this sequence were recovered from a crash or kill:\n%1\n\n"
                  "Restore them?")
                   .arg(QString::fromStdString(path)),
               QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
  };
  p.lockedReadOnly = [this](const std::string& message) {
    statusBar()->showMessage(QString::fromStdString(message), 15000);
  };
  p.askUnsaved = [this] {
    const auto b = QMessageBox::question(
        this, tr("Unsaved changes"), tr("Save the changes to this sequence?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    return b == QMessageBox::Save      ? WorkspacePrompts::Unsaved::Save
           : b == QMessageBox::Discard ? WorkspacePrompts::Unsaved::Discard
                                       : WorkspacePrompts::Unsaved::Cancel;
  };
  setPrompts(std::move(p));
}

void MainWindow::setPrompts(WorkspacePrompts prompts) {
  // The read-only message always reaches the banner, whoever answers the prompts.
  auto locked = prompts.lockedReadOnly;
  prompts.lockedReadOnly = [this, locked](const std::string& message) {
    banner_->setText(QString::fromStdString(message));
    if (locked) locked(message);
  };
  workspace_.setPrompts(std::move(prompts));
}

void MainWindow::selectAndFocus(ObjectId id) {
  editor_.select({id});
  focusSelection(false);
}

bool MainWindow::openFolder(const QString& folder) {
  try {
    if (!workspace_.open(folder.toStdString())) return false;  // cancelled at the prompt
    attachServer();
    addRecent(workspace_.isServer() ? folder : QDir(folder).absolutePath());
    return true;
  } catch (const FileError& e) {
    showError(tr("Cannot open sequence"), QString::fromStdString(e.what()));
  } catch (const std::exception& e) {
    showError(tr("Cannot open sequence"), folder + QStringLiteral(": ") + e.what());
  }
  return false;
}

bool MainWindow::save(const QString& saveFolder) {
  if (!document_.isOpen()) return false;
  try {
    if (workspace_.save(saveFolder.toStdString())) {
      updateTitle();
      return true;
    }
    showError(tr("Cannot save"), tr("This sequence is open read-only in this window."));
  } catch (const std::exception& e) {
    showError(tr("Cannot save"), QString::fromStdString(e.what()));
  }
  return false;
}

void MainWindow::closeEvent(QCloseEvent* e) {
  if (!workspace_.close()) {
    e->ignore();
    return;
  }
  QSettings settings(settingsFile_, QSettings::IniFormat);
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  e->accept();
}

void MainWindow::onSequenceChanged() {
  view_->resetCamera(CameraPreset::Chase);
  updateTitle();
  onFrameChanged();
}

void MainWindow::onFrameChanged() {
  if (!document_.isOpen()) return;
  updateStatus();
}

void MainWindow::updateTitle() {
  QString title = QStringLiteral("lidarlabel");
  if (document_.isOpen())
    title += QStringLiteral(" \u2014 %1").arg(QString::fromStdString(document_.sequence().name));
  if (workspace_.isReadOnly()) title += tr(" (read-only)");
  setWindowTitle(title + QStringLiteral("[*]"));
  setWindowModified(document_.isModified());
}

void MainWindow::setReadOnly(bool readOnly) {
  banner_->setVisible(readOnly);
  if (readOnly && banner_->text().isEmpty())
    banner_->setText(tr("Read-only: another lidarlabel has this sequence open."));
  for (QAction* a : editActions_) a->setEnabled(!readOnly);
  properties_->setEnabled(!readOnly);
  view_->setTool(readOnly ? nullptr : activeTool());
  subViews_->setTool(readOnly ? nullptr : activeTool());
  updateTitle();
}

QString MainWindow::statusText() const {
  return statusLabel_->text();
}

void MainWindow::updateStatus() {
  if (!document_.isOpen()) {
    statusLabel_->setText(tr("No sequence open \u2014 File > Open folder (Ctrl+O)"));
    return;
  }
  const std::size_t i = document_.currentFrame();
  const auto& cloud = presenter_->frameCloud();
  statusLabel_->setText(
      frameStatusText(i, document_.frameCount(), cloud.get(), document_.objects(i).size()));
}

void MainWindow::showError(const QString& title, const QString& text) {
  // Non-blocking (window-modal, deleted on close) so scripted runs and tests never hang.
  auto* box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setObjectName(QStringLiteral("errorBox"));
  box->open();
  statusBar()->showMessage(text, 10000);
}

void MainWindow::addRecent(const QString& folder) {
  QSettings settings(settingsFile_, QSettings::IniFormat);
  QStringList list = settings.value(QStringLiteral("recentFolders")).toStringList();
  list.removeAll(folder);
  list.prepend(folder);
  while (list.size() > 10) list.removeLast();
  settings.setValue(QStringLiteral("recentFolders"), list);
  rebuildRecentMenu();
}

QStringList MainWindow::recentFolders() const {
  return QSettings(settingsFile_, QSettings::IniFormat)
      .value(QStringLiteral("recentFolders"))
      .toStringList();
}

}  // namespace lidarlabel
