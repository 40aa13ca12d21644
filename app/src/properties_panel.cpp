#include "lidarlabel/app/properties_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "box_readout_text.h"

namespace lidarlabel {

namespace {
constexpr double kDegPerRad = 57.29577951308232;

QDoubleSpinBox* spin(QWidget* parent, double lo, double hi, int decimals, double step,
                     const QString& suffix) {
  auto* s = new QDoubleSpinBox(parent);
  s->setRange(lo, hi);
  s->setDecimals(decimals);
  s->setSingleStep(step);
  s->setSuffix(suffix);
  s->setKeyboardTracking(false);  // typed digits apply on Enter / focus out, not per keystroke
  s->setAccelerated(true);
  return s;
}
}  // namespace

PropertiesPanel::PropertiesPanel(Editor& editor, QWidget* parent)
    : QWidget(parent), editor_(editor) {
  auto* form = new QFormLayout;
  const char* names[] = {"x", "y", "z", "length", "width", "height", "yaw"};
  for (int f = 0; f < FieldCount; ++f) {
    const bool yaw = f == YawDeg, size = f >= Length && f <= Height;
    fields_[f] =
        yaw ? spin(this, -180.0, 180.0, 2, 1.0, QStringLiteral(" \u00b0"))
            : spin(this, size ? kMinBoxExtent : -1000.0, 1000.0, 3, 0.05, QStringLiteral(" m"));
    if (yaw) fields_[f]->setWrapping(true);
    fields_[f]->setObjectName(QStringLiteral("field_%1").arg(names[f]));
    form->addRow(tr(names[f]), fields_[f]);
    connect(fields_[f], &QDoubleSpinBox::valueChanged, this,
            [this, f](double v) { applyField(static_cast<Field>(f), v); });
    connect(fields_[f], &QDoubleSpinBox::editingFinished, this, [this] { lastField_ = -1; });
  }
  classCombo_ = new QComboBox(this);
  classCombo_->setObjectName(QStringLiteral("classCombo"));
  form->addRow(tr("class"), classCombo_);
  connect(classCombo_, &QComboBox::activated, this, [this](int i) {
    if (const ObjectAnnotation* o = selected())
      editor_.setClass(o->trackId, classCombo_->itemText(i).toStdString());
  });
  trackId_ = new QSpinBox(this);
  trackId_->setObjectName(QStringLiteral("trackId"));
  trackId_->setRange(0, 2147483647);
  trackId_->setKeyboardTracking(false);
  form->addRow(tr("track id"), trackId_);
  connect(trackId_, &QSpinBox::valueChanged, this, [this] { applyTrackId(); });

  provenance_ = new QLabel(this);
  accept_ = new QPushButton(tr("Accept"), this);
  accept_->setToolTip(
      tr("Make a tool's box the annotator's own (provenance manual) and record an acceptance "
         "at the review level"));
  auto* provRow = new QHBoxLayout;
  provRow->addWidget(provenance_, 1);
  provRow->addWidget(accept_);
  form->addRow(tr("source"), provRow);
  connect(accept_, &QPushButton::clicked, this, [this] {
    if (const ObjectAnnotation* o = selected()) editor_.accept(o->trackId);
  });

  attributesForm_ = new QFormLayout;
  readout_ = new QLabel(this);
  readout_->setObjectName(QStringLiteral("readout"));
  readout_->setWordWrap(true);
  readout_->setTextFormat(Qt::PlainText);

  guideline_ = new QLabel(this);
  guideline_->setObjectName(QStringLiteral("guideline"));
  guideline_->setWordWrap(true);
  guideline_->setTextFormat(Qt::PlainText);
  guideline_->setFrameShape(QFrame::StyledPanel);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(attributesForm_);
  layout->addWidget(readout_);
  layout->addWidget(guideline_);
  layout->addStretch(1);

  Document& doc = editor_.document();
  connect(&doc, &Document::sequenceChanged, this, [this] {
    rebuildClasses();
    refresh();
  });
  connect(&doc, &Document::currentFrameChanged, this, &PropertiesPanel::refresh);
  connect(&doc, &Document::selectionChanged, this, [this] {
    lastField_ = -1;
    refresh();
  });
  auto onObjects = [this](const ObjectsEvent& e) {
    const ObjectAnnotation* o = selected();
    if (!o || e.frame != editor_.document().currentFrame()) return;
    if (std::find(e.ids.begin(), e.ids.end(), o->trackId) != e.ids.end()) refresh();
  };
  connect(&doc, &Document::objectsChanged, this, onObjects);
  rebuildClasses();
  refresh();
}

const ObjectAnnotation* PropertiesPanel::selected() const {
  Document& doc = editor_.document();
  if (!doc.isOpen() || doc.selection().size() != 1) return nullptr;
  return doc.object(doc.currentFrame(), doc.selection().front());
}

QComboBox* PropertiesPanel::attributeCombo(const std::string& name) const {
  const auto it = attributes_.find(name);
  return it == attributes_.end() ? nullptr : it->second;
}

void PropertiesPanel::rebuildClasses() {
  const QSignalBlocker block(classCombo_);
  classCombo_->clear();
  for (const ClassDef& c : editor_.document().ontology().classes)
    if (c.isThing) classCombo_->addItem(QString::fromStdString(c.name));
}

void PropertiesPanel::refresh() {
  const ObjectAnnotation* o = selected();
  setEnabled(o != nullptr);
  if (!o) {
    readout_->setText(tr("Select one box to edit it."));
    guideline_->hide();
    rebuildAttributes(nullptr);
    return;
  }
  const Cuboid& b = o->box;
  const double values[FieldCount] = {b.center.x(), b.center.y(), b.center.z(),      b.length(),
                                     b.width(),    b.height(),   b.yaw * kDegPerRad};
  for (int f = 0; f < FieldCount; ++f) {
    if (fields_[f]->hasFocus() && lastField_ == f) continue;  // the user is typing there
    const QSignalBlocker block(fields_[f]);
    fields_[f]->setValue(values[f]);
  }
  {
    const QSignalBlocker block(classCombo_);
    int i = classCombo_->findText(QString::fromStdString(o->className));
    if (i < 0) {  // a class the ontology does not know: shown, not offered for others
      classCombo_->addItem(QString::fromStdString(o->className));
      i = classCombo_->count() - 1;
    }
    classCombo_->setCurrentIndex(i);
  }
  {
    const QSignalBlocker block(trackId_);
    trackId_->setValue(static_cast<int>(o->trackId));
  }
  provenance_->setText(QStringLiteral("%1 \u00b7 %2")
                           .arg(QString::fromLatin1(toString(o->provenance)),
                                QString::fromLatin1(toString(o->review))));
  accept_->setEnabled(o->provenance != Provenance::Manual);
  const ClassDef* cls = editor_.document().ontology().find(o->className);
  const bool hasGuideline = cls && !cls->guideline.empty();
  guideline_->setText(hasGuideline ? tr("Guideline (%1): %2")
                                         .arg(QString::fromStdString(cls->name),
                                              QString::fromStdString(cls->guideline))
                                   : QString());
  guideline_->setVisible(hasGuideline);
  rebuildAttributes(o);
  refreshReadout();
}

void PropertiesPanel::refreshReadout() {
  const ObjectAnnotation* o = selected();
  if (!o) return;
  Document& doc = editor_.document();
  try {
    const auto cloud = doc.cloud(doc.currentFrame());
    readout_->setText(QString::fromStdString(boxReadoutText(*cloud, o->box)));
  } catch (const std::exception& e) {
    readout_->setText(QString::fromStdString(e.what()));
  }
}

void PropertiesPanel::rebuildAttributes(const ObjectAnnotation* o) {
  while (attributesForm_->rowCount() > 0) attributesForm_->removeRow(0);
  attributes_.clear();
  const ClassDef* def = o ? editor_.document().ontology().find(o->className) : nullptr;
  if (!def) return;
  for (const AttributeDef& a : def->attributes) {
    auto* combo = new QComboBox(this);
    combo->setObjectName(QStringLiteral("attr_%1").arg(QString::fromStdString(a.name)));
    combo->addItem(tr("(none)"));
    for (const std::string& v : a.values) combo->addItem(QString::fromStdString(v));
    const auto it = o->attributes.find(a.name);
    combo->setCurrentIndex(it == o->attributes.end()
                               ? 0
                               : std::max(0, combo->findText(QString::fromStdString(it->second))));
    const ObjectId id = o->trackId;
    const std::string key = a.name;
    connect(combo, &QComboBox::activated, this, [this, combo, id, key](int i) {
      editor_.setAttribute(id, key, i == 0 ? std::string() : combo->itemText(i).toStdString());
    });
    attributesForm_->addRow(QString::fromStdString(a.name), combo);
    attributes_[a.name] = combo;
  }
}

void PropertiesPanel::applyField(Field f, double v) {
  const ObjectAnnotation* o = selected();
  if (!o) return;
  Cuboid b = o->box;
  switch (f) {
    case X:
      b.center.x() = v;
      break;
    case Y:
      b.center.y() = v;
      break;
    case Z:
      b.center.z() = v;
      break;
    case Length:
      b.size.x() = v;
      break;
    case Width:
      b.size.y() = v;
      break;
    case Height:
      b.size.z() = v;
      break;
    case YawDeg:
      b.yaw = wrapAngle(v / kDegPerRad);
      break;
    case FieldCount:
      return;
  }
  const bool continuing = lastField_ == f;
  lastField_ = f;
  editor_.setBox(o->trackId, b, continuing);
}

void PropertiesPanel::applyTrackId() {
  const ObjectAnnotation* o = selected();
  if (!o) return;
  const auto wanted = static_cast<ObjectId>(trackId_->value());
  if (wanted == o->trackId) return;
  if (!editor_.setTrackId(o->trackId, wanted)) {
    emit message(tr("Track id %1 is already used in this frame").arg(wanted));
    const QSignalBlocker block(trackId_);
    trackId_->setValue(static_cast<int>(o->trackId));
  }
}

}  // namespace lidarlabel
