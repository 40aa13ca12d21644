#include "lidarlabel/app/object_list.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "table_rows.h"

#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {

namespace {
using table_rows::cell;
}  // namespace

ObjectList::ObjectList(Document& document, QWidget* parent) : QWidget(parent), doc_(document) {
  table_ = new QTableWidget(0, ColumnCount, this);
  table_->setObjectName(QStringLiteral("objectTable"));
  table_->setHorizontalHeaderLabels(
      {tr("Class"), tr("Id"), tr("Source"), tr("Points"), tr("Review")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setFocusPolicy(Qt::ClickFocus);
  auto* filterRow = new QHBoxLayout;
  const char* names[FilterCount][3] = {
      {"filterRejected", QT_TR_NOOP("Rejected"), QT_TR_NOOP("Only boxes a reviewer rejected")},
      {"filterAutomatic", QT_TR_NOOP("Automatic"),
       QT_TR_NOOP("Only a tool's boxes (automatic, tracked, interpolated)")},
      {"filterUnreviewed", QT_TR_NOOP("Unreviewed"),
       QT_TR_NOOP("Only boxes waiting for a decision at the review level")},
      {"filterFindings", QT_TR_NOOP("Findings"), QT_TR_NOOP("Only boxes a label check names")}};
  filterRow->addWidget(new QLabel(tr("Only:"), this));
  for (int f = 0; f < FilterCount; ++f) {
    auto* b = new QToolButton(this);
    b->setObjectName(QString::fromLatin1(names[f][0]));
    b->setText(tr(names[f][1]));
    b->setToolTip(tr(names[f][2]));
    b->setCheckable(true);
    b->setFocusPolicy(Qt::NoFocus);
    filterRow->addWidget(b);
    connect(b, &QToolButton::toggled, this, [this] { applyFilters(); });
    filters_[f] = b;
  }
  filterRow->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(filterRow);
  layout->addWidget(table_);
  connect(&doc_, &Document::sequenceChanged, this, &ObjectList::rebuild);
  connect(&doc_, &Document::currentFrameChanged, this, &ObjectList::rebuild);
  connect(&doc_, &Document::objectsAdded, this, &ObjectList::onAdded);
  connect(&doc_, &Document::objectsRemoved, this, &ObjectList::onRemoved);
  connect(&doc_, &Document::objectsChanged, this, &ObjectList::onChanged);
  connect(&doc_, &Document::selectionChanged, this, &ObjectList::showSelection);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &ObjectList::takeSelection);
  connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
    emit focusRequested(table_->item(row, ColId)->data(Qt::UserRole).toUInt());
  });
}

std::shared_ptr<const PointCloud> ObjectList::cloud() {
  try {
    return doc_.cloud(doc_.currentFrame());
  } catch (const std::exception&) {
    return nullptr;  // the main view reports unreadable sweeps
  }
}

int ObjectList::rowOf(ObjectId id) const {
  for (int r = 0; r < table_->rowCount(); ++r)
    if (table_->item(r, ColId)->data(Qt::UserRole).toUInt() == id) return r;
  return -1;
}

void ObjectList::setRow(int row, const ObjectAnnotation& o, const PointCloud* cloud) {
  const QSignalBlocker block(table_);
  table_->setItem(row, ColClass, cell(QString::fromStdString(o.className)));
  QTableWidgetItem* id = cell(QString::number(o.trackId), true);
  id->setData(Qt::UserRole, o.trackId);
  table_->setItem(row, ColId, id);
  table_->setItem(row, ColProvenance, cell(QString::fromLatin1(toString(o.provenance))));
  const QString points =
      cloud ? QString::number(countPointsInBox(*cloud, o.box).inside) : QString();
  table_->setItem(row, ColPoints, cell(points, true));
  const auto& levels = doc_.ontology().reviewLevels;
  QString text = reviewCellText(objectProgress(o, levels), levels);
  const auto& log = o.reviewLog;
  if (!log.comments.empty()) text += QStringLiteral(" \u00b7 %1\u270e").arg(log.comments.size());
  QTableWidgetItem* review = cell(text);
  if (!log.decisions.empty()) {  // who and when of the latest decision
    const ReviewDecision& d = log.decisions.back();
    review->setToolTip(
        tr("%1 %2 by %3 at %4%5")
            .arg(QString::fromStdString(d.level),
                 d.verdict == ReviewVerdict::Accept ? tr("accepted") : tr("rejected"),
                 QString::fromStdString(d.who), QString::fromStdString(d.when),
                 d.note.empty() ? QString()
                                : QStringLiteral(": ") + QString::fromStdString(d.note)));
  }
  table_->setItem(row, ColReview, review);
}

void ObjectList::setFilter(Filter f, bool on) {
  filters_[f]->setChecked(on);
}

void ObjectList::setReviewLevel(ReviewLevel level) {
  level_ = level;
  applyFilters();
}

void ObjectList::setFlagged(std::map<std::size_t, std::set<ObjectId>> flagged) {
  flagged_ = std::move(flagged);
  applyFilters();
}

bool ObjectList::passes(const ObjectAnnotation& o) const {
  const auto& levels = doc_.ontology().reviewLevels;
  const ReviewProgress p = objectProgress(o, levels);
  if (filters_[OnlyRejected]->isChecked() && !p.rejected) return false;
  if (filters_[OnlyAutomatic]->isChecked() && o.provenance == Provenance::Manual) return false;
  if (filters_[OnlyUnreviewed]->isChecked() && (p.rejected || !waitsAt(p, levels.size(), level_)))
    return false;
  if (filters_[OnlyWithFindings]->isChecked()) {
    const auto it = flagged_.find(doc_.currentFrame());
    if (it == flagged_.end() || !it->second.count(o.trackId)) return false;
  }
  return true;
}

void ObjectList::applyFilters() {
  if (!doc_.isOpen()) return;
  for (int r = 0; r < table_->rowCount(); ++r) {
    const ObjectAnnotation* o =
        doc_.object(doc_.currentFrame(), table_->item(r, ColId)->data(Qt::UserRole).toUInt());
    table_->setRowHidden(r, o && !passes(*o));
  }
}

int ObjectList::visibleRows() const {
  int n = 0;
  for (int r = 0; r < table_->rowCount(); ++r) n += table_->isRowHidden(r) ? 0 : 1;
  return n;
}

void ObjectList::rebuild() {
  syncing_ = true;
  table_->setRowCount(0);
  if (doc_.isOpen()) {
    const auto& objects = doc_.objects(doc_.currentFrame());
    const auto c = cloud();
    std::vector<Cuboid> boxes;
    for (const ObjectAnnotation& o : objects) boxes.push_back(o.box);
    PointsInBoxConfig config;
    config.indexLists = false;
    const PointsInBoxResult counts = c ? pointsInBoxes(*c, boxes, config) : PointsInBoxResult{};
    table_->setRowCount(static_cast<int>(objects.size()));
    for (std::size_t i = 0; i < objects.size(); ++i) {
      setRow(static_cast<int>(i), objects[i], nullptr);
      if (c)
        table_->item(static_cast<int>(i), ColPoints)
            ->setText(QString::number(counts.insideCount[i]));
    }
  }
  syncing_ = false;
  applyFilters();
  showSelection();
}

void ObjectList::onAdded(const ObjectsEvent& e) {
  if (e.frame != doc_.currentFrame()) return;
  const auto c = cloud();
  syncing_ = true;
  for (ObjectId id : e.ids) {
    const ObjectAnnotation* o = doc_.object(e.frame, id);
    if (!o) continue;
    const int row = table_->rowCount();
    table_->insertRow(row);
    setRow(row, *o, c.get());
  }
  syncing_ = false;
  applyFilters();
}

void ObjectList::onRemoved(const ObjectsEvent& e) {
  if (e.frame != doc_.currentFrame()) return;
  syncing_ = true;
  for (ObjectId id : e.ids)
    if (const int row = rowOf(id); row >= 0) table_->removeRow(row);
  syncing_ = false;
}

void ObjectList::onChanged(const ObjectsEvent& e) {
  if (e.frame != doc_.currentFrame()) return;
  const auto c = (e.properties & kPropBox) ? cloud() : nullptr;
  syncing_ = true;
  for (std::size_t k = 0; k < e.ids.size(); ++k) {
    const ObjectId before = k < e.oldIds.size() ? e.oldIds[k] : e.ids[k];
    const int row = rowOf(before);
    const ObjectAnnotation* o = doc_.object(e.frame, e.ids[k]);
    if (row < 0 || !o) continue;
    const QString oldPoints = table_->item(row, ColPoints)->text();
    setRow(row, *o, c.get());
    if (!c) table_->item(row, ColPoints)->setText(oldPoints);  // box unchanged: count stands
  }
  syncing_ = false;
  applyFilters();
  showSelection();
}

void ObjectList::showSelection() {
  syncing_ = true;
  table_rows::selectRows(*table_, doc_.selection(), [this](ObjectId id) { return rowOf(id); });
  syncing_ = false;
}

void ObjectList::takeSelection() {
  if (syncing_) return;
  const std::vector<ObjectId> ids = table_rows::selectedIds(*table_, ColId);
  doc_.setSelection(ids);
}

}  // namespace lidarlabel
