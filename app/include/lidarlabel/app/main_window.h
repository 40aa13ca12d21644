#pragma once
// The main window: wires the document to the widgets (SceneView in the centre, frame slider with
// previous/next buttons, colour-mode combo, status bar). No model logic lives here.
// Keys: Right/D next frame, Left/A previous, Home/End first/last, B bird's-eye, C chase camera,
// +/- point size.
#include <QMainWindow>
#include <QString>

#include "lidarlabel/app/document.h"
#include "lidarlabel/core/colormap.h"

class QComboBox;
class QLabel;
class QSlider;

namespace lidarlabel {

class SceneView;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(DocumentConfig config = {}, QWidget* parent = nullptr);

  // Opens a folder; on a FileError shows it in a (non-blocking) message box and returns false.
  bool openFolder(const QString& folder);

  Document& document() { return document_; }
  SceneView* sceneView() const { return view_; }
  ColorMode colorMode() const { return colorMode_; }
  void setColorMode(ColorMode mode);
  QString statusText() const;

 protected:
  void keyPressEvent(QKeyEvent* e) override;

 private:
  void buildMenus();
  void buildFrameBar();
  void onSequenceChanged();
  void showCurrentFrame();
  void showBoxes();
  void recolor();
  void updateStatus();
  void showError(const QString& title, const QString& text);

  Document document_;
  SceneView* view_ = nullptr;
  QSlider* slider_ = nullptr;
  QLabel* frameLabel_ = nullptr;
  QComboBox* colorCombo_ = nullptr;
  QLabel* statusLabel_ = nullptr;
  ColorMode colorMode_ = ColorMode::Height;
  std::shared_ptr<const PointCloud> shownCloud_;
};

}  // namespace lidarlabel
