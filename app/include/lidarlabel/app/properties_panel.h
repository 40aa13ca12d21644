#pragma once
// The properties panel of the selected object: numeric centre / size / yaw, class (from the
// ontology), track id, the class's attributes, provenance with an Accept button, and a live
// readout of the points inside the box and within the readout margin outside it, and the
// class's annotation guideline from the ontology (ClassDef::guideline) below them.
//
// Every field goes through the Editor. Spin boxes: arrows, wheel and Enter apply at once; the
// edits of one field while it keeps focus merge into one undo step (Editor::setBox continuing);
// moving to another field starts a new step. Only the edited field changes (the others are not
// re-read from their rounded spin boxes).
#include <QWidget>
#include <array>
#include <map>

#include "lidarlabel/app/editor.h"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace lidarlabel {

class PropertiesPanel : public QWidget {
  Q_OBJECT
 public:
  enum Field { X, Y, Z, Length, Width, Height, YawDeg, FieldCount };

  PropertiesPanel(Editor& editor, QWidget* parent = nullptr);

  QDoubleSpinBox* field(Field f) const { return fields_[f]; }
  QComboBox* classCombo() const { return classCombo_; }
  QSpinBox* trackIdBox() const { return trackId_; }
  QComboBox* attributeCombo(const std::string& name) const;
  QLabel* readout() const { return readout_; }
  QLabel* guideline() const { return guideline_; }

 signals:
  void message(const QString& text);  // e.g. a refused renumbering

 private:
  void refresh();  // everything from the selected object
  void refreshReadout();
  void rebuildClasses();
  void rebuildAttributes(const ObjectAnnotation* o);
  void applyField(Field f, double value);
  void applyTrackId();
  const ObjectAnnotation* selected() const;

  Editor& editor_;
  std::array<QDoubleSpinBox*, FieldCount> fields_{};
  QComboBox* classCombo_ = nullptr;
  QSpinBox* trackId_ = nullptr;
  QLabel* provenance_ = nullptr;
  QPushButton* accept_ = nullptr;
  QLabel* readout_ = nullptr;
  QLabel* guideline_ = nullptr;
  QFormLayout* attributesForm_ = nullptr;
  std::map<std::string, QComboBox*> attributes_;
  int lastField_ = -1;  // field of the last applied edit while it keeps focus (merging)
};

}  // namespace lidarlabel
