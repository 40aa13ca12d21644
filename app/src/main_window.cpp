#include "lidarlabel/app/main_window.h"

#include <algorithm>

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSlider>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

#include "lidarlabel/app/status_text.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {

MainWindow::MainWindow(DocumentConfig config, QWidget* parent)
    : QMainWindow(parent), document_(config) {
  setWindowTitle(QStringLiteral("lidarlabel"));
  view_ = new SceneView(this);
  setCentralWidget(view_);
  buildMenus();
  buildFrameBar();
  statusLabel_ = new QLabel(this);
  statusBar()->addWidget(statusLabel_, 1);
  connect(&document_, &Document::sequenceChanged, this, &MainWindow::onSequenceChanged);
  connect(&document_, &Document::currentFrameChanged, this, &MainWindow::showCurrentFrame);
  auto onObjects = [this](const ObjectsEvent& e) {
    if (e.frame == document_.currentFrame()) showBoxes();
  };
  connect(&document_, &Document::objectsAdded, this, onObjects);
  connect(&document_, &Document::objectsRemoved, this, onObjects);
  connect(&document_, &Document::objectsChanged, this, onObjects);
  updateStatus();
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open folder..."), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open sequence folder"));
    if (!dir.isEmpty()) openFolder(dir);
  });
  open->setShortcut(QKeySequence::Open);
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_.undoStack()->createUndoAction(edit, tr("&Undo"));
  undo->setShortcuts(QKeySequence::Undo);
  QAction* redo = document_.undoStack()->createRedoAction(edit, tr("&Redo"));
  redo->setShortcuts(QKeySequence::Redo);
  edit->addActions({undo, redo});

  QMenu* frame = menuBar()->addMenu(tr("F&rame"));
  auto step = [this, frame](const QString& text, QList<QKeySequence> keys, auto fn) {
    QAction* a = frame->addAction(text, this, fn);
    a->setShortcuts(keys);
  };
  step(tr("Next frame"), {Qt::Key_Right, Qt::Key_D}, [this] { document_.stepFrames(1); });
  step(tr("Previous frame"), {Qt::Key_Left, Qt::Key_A}, [this] { document_.stepFrames(-1); });
  step(tr("First frame"), {Qt::Key_Home}, [this] { document_.setCurrentFrame(0); });
  step(tr("Last frame"), {Qt::Key_End}, [this] {
    if (document_.frameCount() > 0) document_.setCurrentFrame(document_.frameCount() - 1);
  });

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(tr("&Bird's-eye camera"), QKeySequence(Qt::Key_B), this,
                  [this] { view_->resetCamera(CameraPreset::BirdsEye); });
  view->addAction(tr("&Chase camera"), QKeySequence(Qt::Key_C), this,
                  [this] { view_->resetCamera(CameraPreset::Chase); });
  view->addSeparator();
  auto pointSize = [this](float factor) {
    SceneStyle style = view_->style();
    style.pointSize = std::clamp(style.pointSize * factor, 1.0f, 12.0f);
    view_->setStyle(style);
  };
  QAction* larger = view->addAction(tr("&Larger points"), this, [pointSize] { pointSize(1.5f); });
  larger->setShortcuts({Qt::Key_Plus, Qt::Key_Equal});
  view->addAction(tr("&Smaller points"), QKeySequence(Qt::Key_Minus), this,
                  [pointSize] { pointSize(1.0f / 1.5f); });
}

void MainWindow::buildFrameBar() {
  QToolBar* bar = new QToolBar(tr("Frames"), this);
  bar->setMovable(false);
  addToolBar(Qt::BottomToolBarArea, bar);
  auto* prev = new QToolButton(bar);
  prev->setText(QStringLiteral("\u25c0"));
  prev->setToolTip(tr("Previous frame (Left / A)"));
  auto* next = new QToolButton(bar);
  next->setText(QStringLiteral("\u25b6"));
  next->setToolTip(tr("Next frame (Right / D)"));
  slider_ = new QSlider(Qt::Horizontal, bar);
  slider_->setFocusPolicy(Qt::NoFocus);  // arrow keys belong to the frame shortcuts
  slider_->setEnabled(false);
  frameLabel_ = new QLabel(bar);
  frameLabel_->setMinimumWidth(90);
  colorCombo_ = new QComboBox(bar);
  colorCombo_->addItem(tr("Height"));
  colorCombo_->addItem(tr("Intensity"));
  colorCombo_->setFocusPolicy(Qt::NoFocus);
  bar->addWidget(prev);
  bar->addWidget(slider_);
  bar->addWidget(next);
  bar->addWidget(frameLabel_);
  bar->addSeparator();
  bar->addWidget(new QLabel(tr(" Colour: "), bar));
  bar->addWidget(colorCombo_);
  connect(prev, &QToolButton::clicked, this, [this] { document_.stepFrames(-1); });
  connect(next, &QToolButton::clicked, this, [this] { document_.stepFrames(1); });
  connect(slider_, &QSlider::valueChanged, this,
          [this](int v) { document_.setCurrentFrame(static_cast<std::size_t>(v)); });
  connect(colorCombo_, &QComboBox::currentIndexChanged, this, [this](int i) {
    setColorMode(i == 1 ? ColorMode::Intensity : ColorMode::Height);
  });
}

void MainWindow::keyPressEvent(QKeyEvent* e) {
  // Shortcuts only fire while Qt counts the window as active. A key that reaches the window
  // without that (focus races without a window manager, e.g. under Xvfb) still runs its action.
  const QKeySequence pressed(e->keyCombination());
  for (QAction* a : findChildren<QAction*>()) {
    if (a->isEnabled() && a->shortcuts().contains(pressed)) {
      a->trigger();
      e->accept();
      return;
    }
  }
  QMainWindow::keyPressEvent(e);
}

bool MainWindow::openFolder(const QString& folder) {
  try {
    document_.open(folder.toStdString());
    return true;
  } catch (const FileError& e) {
    showError(tr("Cannot open sequence"), QString::fromStdString(e.what()));
  } catch (const std::exception& e) {
    showError(tr("Cannot open sequence"), folder + QStringLiteral(": ") + e.what());
  }
  return false;
}

void MainWindow::onSequenceChanged() {
  const Sequence& s = document_.sequence();
  setWindowTitle(QStringLiteral("lidarlabel \u2014 %1").arg(QString::fromStdString(s.name)));
  const QSignalBlocker block(slider_);
  slider_->setRange(0, std::max(0, static_cast<int>(document_.frameCount()) - 1));
  slider_->setEnabled(document_.frameCount() > 1);
  shownCloud_.reset();
  showCurrentFrame();
  view_->resetCamera(CameraPreset::Chase);
}

void MainWindow::showCurrentFrame() {
  if (!document_.isOpen()) return;
  const std::size_t i = document_.currentFrame();
  {
    const QSignalBlocker block(slider_);
    slider_->setValue(static_cast<int>(i));
  }
  frameLabel_->setText(QStringLiteral("%1 / %2").arg(i + 1).arg(document_.frameCount()));
  try {
    shownCloud_ = document_.cloud(i);
    view_->setCloud(*shownCloud_, colorize(*shownCloud_, colorMode_));
  } catch (const std::exception& e) {
    shownCloud_.reset();
    view_->clearCloud();
    showError(tr("Cannot read sweep"), QString::fromStdString(e.what()));
  }
  showBoxes();
}

void MainWindow::showBoxes() {
  std::vector<CuboidItem> items;
  if (document_.isOpen()) {
    for (const ObjectAnnotation& o : document_.objects(document_.currentFrame()))
      items.push_back({o.box, document_.ontology().colorOf(o.className), false});
  }
  view_->setCuboids(items);
  updateStatus();
}

void MainWindow::setColorMode(ColorMode mode) {
  colorMode_ = mode;
  {
    const QSignalBlocker block(colorCombo_);
    colorCombo_->setCurrentIndex(mode == ColorMode::Intensity ? 1 : 0);
  }
  recolor();
}

void MainWindow::recolor() {
  if (shownCloud_) view_->setColors(colorize(*shownCloud_, colorMode_));
}

QString MainWindow::statusText() const { return statusLabel_->text(); }

void MainWindow::updateStatus() {
  if (!document_.isOpen()) {
    statusLabel_->setText(tr("No sequence open \u2014 File > Open folder (Ctrl+O)"));
    return;
  }
  const std::size_t i = document_.currentFrame();
  statusLabel_->setText(frameStatusText(i, document_.frameCount(),
                                        shownCloud_.get(),
                                        document_.objects(i).size()));
}

void MainWindow::showError(const QString& title, const QString& text) {
  // Non-blocking (window-modal, deleted on close) so scripted runs and tests never hang.
  auto* box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setObjectName(QStringLiteral("errorBox"));
  box->open();
  statusBar()->showMessage(text, 10000);
}

}  // namespace lidarlabel
