#pragma once
// The "Point labels" dock: the labelling tool's settings (class, instance, brush radius,
// restrictions), the one-action labellers (fill from boxes, ground, instances from boxes), the
// legend of the current frame's classes (colour, point count; unchecked = hidden, solo), and the
// non-modal offer to update a moved box's points. Everything goes through the Editor.
#include <QWidget>
#include <cstdint>

#include "lidarlabel/app/editor.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QVBoxLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace lidarlabel {

class LabelTool;
class ScenePresenter;

class LabelPanel : public QWidget {
  Q_OBJECT
 public:
  LabelPanel(Editor& editor, LabelTool& tool, ScenePresenter& presenter, QWidget* parent = nullptr);

  // The class the ground action writes (a stuff class; default "road").
  std::string groundClass() const;
  // The legend rows: one per semantic class present in the frame (and "unlabeled").
  QTreeWidget* legend() const { return legend_; }
  // The status-bar button offering to update a moved box's points (hidden when no offer).
  QPushButton* offerButton() const { return offer_; }
  // The box the offer is about (0 = none).
  ObjectId offeredBox() const { return offeredBox_; }

 public slots:
  void fillSelected();
  void fillTracks();
  void fillFrame();
  void labelGround();
  void fillInstances();
  void updateOffered();
  void soloSelectedClass();
  void showAllClasses();

 signals:
  void message(const QString& text);

 private:
  void buildTool(QFormLayout* form);
  void buildActions(QVBoxLayout* layout);
  void fillClasses();
  void pushRestrictions();
  void refreshLegend();
  void scheduleLegend();
  void onLegendItemChanged(QTreeWidgetItem* item);
  void considerOffer(const ObjectsEvent& e);
  void report(const QString& what, int points);

  Editor& editor_;
  LabelTool& tool_;
  ScenePresenter& presenter_;
  QComboBox* classCombo_ = nullptr;
  QSpinBox* instance_ = nullptr;
  QDoubleSpinBox* radius_ = nullptr;
  QCheckBox* nonGround_ = nullptr;
  QCheckBox* unlabelled_ = nullptr;
  QCheckBox* insideBox_ = nullptr;
  QCheckBox* useMinZ_ = nullptr;
  QCheckBox* useMaxZ_ = nullptr;
  QDoubleSpinBox* minZ_ = nullptr;
  QDoubleSpinBox* maxZ_ = nullptr;
  QComboBox* groundCombo_ = nullptr;
  QTreeWidget* legend_ = nullptr;
  QPushButton* offer_ = nullptr;
  ObjectId offeredBox_ = 0;
  bool legendPending_ = false;
};

}  // namespace lidarlabel
