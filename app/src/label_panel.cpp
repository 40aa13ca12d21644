#include "lidarlabel/app/label_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <map>

#include "lidarlabel/app/label_tool.h"
#include "lidarlabel/app/scene_presenter.h"

namespace lidarlabel {

namespace {
QPushButton* button(const QString& text, const QString& name, QWidget* parent) {
  auto* b = new QPushButton(text, parent);
  b->setObjectName(name);
  b->setFocusPolicy(Qt::NoFocus);
  return b;
}
}  // namespace

LabelPanel::LabelPanel(Editor& editor, LabelTool& tool, ScenePresenter& presenter, QWidget* parent)
    : QWidget(parent), editor_(editor), tool_(tool), presenter_(presenter) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* form = new QFormLayout;
  layout->addLayout(form);
  buildTool(form);
  buildActions(layout);
  legend_ = new QTreeWidget(this);
  legend_->setObjectName(QStringLiteral("labelLegend"));
  legend_->setColumnCount(2);
  legend_->setHeaderLabels({tr("Class (unchecked: hidden)"), tr("Points")});
  legend_->setRootIsDecorated(false);
  legend_->header()->setStretchLastSection(false);
  legend_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  layout->addWidget(legend_, 1);
  auto* row = new QHBoxLayout;
  QPushButton* solo = button(tr("Solo"), QStringLiteral("soloClass"), this);
  QPushButton* all = button(tr("Show all"), QStringLiteral("showAllClasses"), this);
  row->addWidget(solo);
  row->addWidget(all);
  layout->addLayout(row);
  connect(solo, &QPushButton::clicked, this, &LabelPanel::soloSelectedClass);
  connect(all, &QPushButton::clicked, this, &LabelPanel::showAllClasses);
  connect(legend_, &QTreeWidget::itemChanged, this, &LabelPanel::onLegendItemChanged);

  offer_ = new QPushButton(this);
  offer_->setObjectName(QStringLiteral("updatePointsOffer"));
  offer_->setFocusPolicy(Qt::NoFocus);
  offer_->hide();
  connect(offer_, &QPushButton::clicked, this, &LabelPanel::updateOffered);

  Document& doc = editor_.document();
  connect(&doc, &Document::sequenceChanged, this, [this] {
    fillClasses();
    scheduleLegend();
  });
  connect(&doc, &Document::currentFrameChanged, this, [this] {
    offer_->hide();
    offeredBox_ = 0;
    scheduleLegend();
  });
  connect(&doc, &Document::pointLabelsChanged, this, [this] { scheduleLegend(); });
  connect(&doc, &Document::objectsChanged, this, &LabelPanel::considerOffer);
  connect(&doc, &Document::selectionChanged, this, [this] {
    Document& d = editor_.document();
    const ClassDef* c = d.ontology().find(classCombo_->currentText().toStdString());
    if (c && c->isThing && d.selection().size() == 1)
      instance_->setValue(static_cast<int>(instanceOf(d.selection().front())));
  });
  fillClasses();
}

void LabelPanel::buildTool(QFormLayout* form) {
  classCombo_ = new QComboBox(this);
  classCombo_->setObjectName(QStringLiteral("labelClass"));
  classCombo_->setFocusPolicy(Qt::NoFocus);
  instance_ = new QSpinBox(this);
  instance_->setObjectName(QStringLiteral("labelInstance"));
  instance_->setRange(0, 65535);
  instance_->setToolTip(
      tr("Instance written with the class (0 = none). Selecting a box while a "
         "thing class is chosen takes its track id."));
  radius_ = new QDoubleSpinBox(this);
  radius_->setObjectName(QStringLiteral("brushRadius"));
  radius_->setRange(2, 300);
  radius_->setSuffix(tr(" px"));
  radius_->setValue(tool_.radius());
  form->addRow(tr("Class"), classCombo_);
  form->addRow(tr("Instance"), instance_);
  form->addRow(tr("Brush radius"), radius_);
  nonGround_ = new QCheckBox(tr("Only non-ground"), this);
  unlabelled_ = new QCheckBox(tr("Only unlabelled"), this);
  insideBox_ = new QCheckBox(tr("Only inside the selected box"), this);
  useMinZ_ = new QCheckBox(tr("Only above z"), this);
  useMaxZ_ = new QCheckBox(tr("Only below z"), this);
  minZ_ = new QDoubleSpinBox(this);
  maxZ_ = new QDoubleSpinBox(this);
  for (QDoubleSpinBox* z : {minZ_, maxZ_}) {
    z->setRange(-50, 50);
    z->setSingleStep(0.1);
    z->setSuffix(tr(" m"));
  }
  minZ_->setValue(-1.5);
  maxZ_->setValue(0.5);
  nonGround_->setObjectName(QStringLiteral("onlyNonGround"));
  unlabelled_->setObjectName(QStringLiteral("onlyUnlabelled"));
  insideBox_->setObjectName(QStringLiteral("onlyInsideBox"));
  form->addRow(nonGround_);
  form->addRow(unlabelled_);
  form->addRow(insideBox_);
  form->addRow(useMinZ_, minZ_);
  form->addRow(useMaxZ_, maxZ_);
  for (QCheckBox* c : {nonGround_, unlabelled_, insideBox_, useMinZ_, useMaxZ_}) {
    c->setFocusPolicy(Qt::NoFocus);
    connect(c, &QCheckBox::toggled, this, &LabelPanel::pushRestrictions);
  }
  for (QDoubleSpinBox* z : {minZ_, maxZ_})
    connect(z, &QDoubleSpinBox::valueChanged, this, &LabelPanel::pushRestrictions);
  connect(classCombo_, &QComboBox::currentTextChanged, this,
          [this](const QString& t) { tool_.setClassName(t.toStdString()); });
  connect(instance_, &QSpinBox::valueChanged, this,
          [this](int v) { tool_.setInstance(static_cast<std::uint16_t>(v)); });
  connect(radius_, &QDoubleSpinBox::valueChanged, this, [this](double v) { tool_.setRadius(v); });
  connect(&tool_, &LabelTool::radiusChanged, radius_, [this](double v) {
    const QSignalBlocker block(radius_);
    radius_->setValue(v);
  });
}

void LabelPanel::buildActions(QVBoxLayout* layout) {
  auto* grid = new QFormLayout;
  layout->addLayout(grid);
  QPushButton* sel = button(tr("Selected box"), QStringLiteral("fillSelected"), this);
  QPushButton* track = button(tr("Its track"), QStringLiteral("fillTrack"), this);
  QPushButton* frame = button(tr("All boxes"), QStringLiteral("fillFrame"), this);
  auto* fills = new QHBoxLayout;
  fills->addWidget(sel);
  fills->addWidget(track);
  fills->addWidget(frame);
  grid->addRow(tr("Fill from"), fills);
  groundCombo_ = new QComboBox(this);
  groundCombo_->setObjectName(QStringLiteral("groundClass"));
  groundCombo_->setFocusPolicy(Qt::NoFocus);
  QPushButton* ground = button(tr("Label ground"), QStringLiteral("labelGround"), this);
  auto* g = new QHBoxLayout;
  g->addWidget(ground);
  g->addWidget(groundCombo_, 1);
  grid->addRow(g);
  QPushButton* inst =
      button(tr("Fill instances from boxes"), QStringLiteral("fillInstances"), this);
  grid->addRow(inst);
  connect(sel, &QPushButton::clicked, this, &LabelPanel::fillSelected);
  connect(track, &QPushButton::clicked, this, &LabelPanel::fillTracks);
  connect(frame, &QPushButton::clicked, this, &LabelPanel::fillFrame);
  connect(ground, &QPushButton::clicked, this, &LabelPanel::labelGround);
  connect(inst, &QPushButton::clicked, this, &LabelPanel::fillInstances);
}

void LabelPanel::fillClasses() {
  const QString keepClass = classCombo_->currentText(), keepGround = groundCombo_->currentText();
  const QSignalBlocker b1(classCombo_), b2(groundCombo_);
  classCombo_->clear();
  groundCombo_->clear();
  for (const ClassDef& c : editor_.document().ontology().classes) {
    if (c.semanticKittiId <= 0) continue;
    QPixmap swatch(12, 12);
    swatch.fill(QColor(c.color.r, c.color.g, c.color.b));
    classCombo_->addItem(QIcon(swatch), QString::fromStdString(c.name));
    if (!c.isThing) groundCombo_->addItem(QIcon(swatch), QString::fromStdString(c.name));
  }
  const int i = classCombo_->findText(keepClass.isEmpty() ? QStringLiteral("road") : keepClass);
  classCombo_->setCurrentIndex(std::max(0, i));
  tool_.setClassName(classCombo_->currentText().toStdString());
  const int k = groundCombo_->findText(keepGround.isEmpty() ? QStringLiteral("road") : keepGround);
  groundCombo_->setCurrentIndex(std::max(0, k));
}

std::string LabelPanel::groundClass() const {
  return groundCombo_->currentText().toStdString();
}

void LabelPanel::pushRestrictions() {
  LabelRestrictions r;
  r.nonGroundOnly = nonGround_->isChecked();
  r.unlabelledOnly = unlabelled_->isChecked();
  r.insideSelectedBox = insideBox_->isChecked();
  if (useMinZ_->isChecked()) r.minZ = static_cast<float>(minZ_->value());
  if (useMaxZ_->isChecked()) r.maxZ = static_cast<float>(maxZ_->value());
  tool_.setRestrictions(r);
}

void LabelPanel::report(const QString& what, int points) {
  emit message(tr("%1: %n point(s) labelled", nullptr, points).arg(what));
}

void LabelPanel::fillSelected() {
  report(tr("Fill from box"),
         editor_.fillFromBoxes(editor_.document().selection(), FillScope::Boxes, tool_.filter()));
}
void LabelPanel::fillTracks() {
  report(tr("Fill from track"),
         editor_.fillFromBoxes(editor_.document().selection(), FillScope::Tracks, tool_.filter()));
}
void LabelPanel::fillFrame() {
  report(tr("Fill from all boxes"), editor_.fillFromBoxes({}, FillScope::Frame, tool_.filter()));
}
void LabelPanel::labelGround() {
  report(tr("Ground"), editor_.labelGround(groundClass(), tool_.filter()));
}
void LabelPanel::fillInstances() {
  report(tr("Instances from boxes"), editor_.fillInstancesFromBoxes());
}

void LabelPanel::updateOffered() {
  const ObjectId id = offeredBox_;
  offer_->hide();
  offeredBox_ = 0;
  if (id) report(tr("Points of box %1").arg(id), editor_.updateBoxPoints(id));
}

void LabelPanel::considerOffer(const ObjectsEvent& e) {
  Document& doc = editor_.document();
  if (!(e.properties & kPropBox) || e.frame != doc.currentFrame() || e.ids.size() != 1) return;
  std::shared_ptr<const PointLabels> labels;
  try {
    labels = doc.pointLabels(e.frame);
  } catch (const std::exception&) {
  }
  const std::uint16_t inst = instanceOf(e.ids.front());
  if (!labels ||
      std::find(labels->instance.begin(), labels->instance.end(), inst) == labels->instance.end())
    return;  // none of its points are labelled: nothing to update
  offeredBox_ = e.ids.front();
  offer_->setText(tr("Update the points of box %1 (Ctrl+U)").arg(offeredBox_));
  offer_->show();
}

void LabelPanel::scheduleLegend() {
  if (legendPending_) return;
  legendPending_ = true;  // a stroke's many segments refresh the legend once
  QTimer::singleShot(100, this, [this] {
    legendPending_ = false;
    refreshLegend();
  });
}

void LabelPanel::refreshLegend() {
  Document& doc = editor_.document();
  std::map<std::uint16_t, std::size_t> counts;
  if (doc.isOpen()) {
    try {
      if (const auto labels = doc.pointLabels(doc.currentFrame()))
        for (const std::uint16_t s : labels->semantic) ++counts[s];
      else if (const auto cloud = doc.cloud(doc.currentFrame()))
        counts[0] = cloud->size();
    } catch (const std::exception&) {
    }
  }
  const QSignalBlocker block(legend_);
  legend_->clear();
  const auto& hidden = presenter_.hiddenClasses();
  for (const auto& [sem, n] : counts) {
    const ClassDef* c = sem ? doc.ontology().findBySemanticKittiId(sem) : nullptr;
    const Rgb color = c ? c->color : kUnlabelledColor;
    auto* item = new QTreeWidgetItem(legend_);
    QPixmap swatch(12, 12);
    swatch.fill(QColor(color.r, color.g, color.b));
    item->setIcon(0, QIcon(swatch));
    item->setText(0, sem == 0 ? tr("unlabeled")
                     : c      ? QString::fromStdString(c->name)
                              : tr("id %1").arg(sem));
    item->setText(1, QString::number(n));
    item->setTextAlignment(1, Qt::AlignRight);
    item->setData(0, Qt::UserRole, static_cast<int>(sem));
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(0, hidden.count(sem) ? Qt::Unchecked : Qt::Checked);
  }
}

void LabelPanel::onLegendItemChanged(QTreeWidgetItem* item) {
  std::set<std::uint16_t> hidden = presenter_.hiddenClasses();
  const auto sem = static_cast<std::uint16_t>(item->data(0, Qt::UserRole).toInt());
  if (item->checkState(0) == Qt::Checked)
    hidden.erase(sem);
  else
    hidden.insert(sem);
  presenter_.setHiddenClasses(std::move(hidden));
}

void LabelPanel::soloSelectedClass() {
  const QTreeWidgetItem* current = legend_->currentItem();
  if (!current) return;
  std::set<std::uint16_t> hidden;
  const QSignalBlocker block(legend_);
  for (int i = 0; i < legend_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = legend_->topLevelItem(i);
    const bool keep = item == current;
    item->setCheckState(0, keep ? Qt::Checked : Qt::Unchecked);
    if (!keep) hidden.insert(static_cast<std::uint16_t>(item->data(0, Qt::UserRole).toInt()));
  }
  presenter_.setHiddenClasses(std::move(hidden));
}

void LabelPanel::showAllClasses() {
  presenter_.setHiddenClasses({});
  const QSignalBlocker block(legend_);
  for (int i = 0; i < legend_->topLevelItemCount(); ++i)
    legend_->topLevelItem(i)->setCheckState(0, Qt::Checked);
}

}  // namespace lidarlabel
