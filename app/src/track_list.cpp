#include "lidarlabel/app/track_list.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "table_rows.h"

#include "lidarlabel/app/track_selection.h"

namespace lidarlabel {

namespace {
using table_rows::cell;

const char* const kProvenanceLetters[] = {"M", "I", "T", "A"};
const char* const kProvenanceNames[] = {QT_TR_NOOP("manual"), QT_TR_NOOP("interpolated"),
                                        QT_TR_NOOP("tracked"), QT_TR_NOOP("automatic")};
const QColor kProvenanceColors[] = {QColor(60, 160, 60), QColor(60, 120, 220), QColor(200, 140, 20),
                                    QColor(200, 60, 60)};
}  // namespace

QString TrackList::sourceText(const TrackSummary& track) {
  QStringList parts;
  const auto counts = track.provenanceCounts();
  for (std::size_t p = 0; p < counts.size(); ++p)
    if (counts[p] > 0)
      parts << QStringLiteral("%1 %2").arg(QLatin1String(kProvenanceLetters[p])).arg(counts[p]);
  return parts.join(QStringLiteral("  "));
}

TrackList::TrackList(Document& document, TrackSelection& selection, QWidget* parent)
    : QWidget(parent), doc_(document), selection_(selection) {
  table_ = new QTableWidget(0, ColumnCount, this);
  table_->setObjectName(QStringLiteral("trackTable"));
  table_->setHorizontalHeaderLabels(
      {tr("Class"), tr("Id"), tr("Frames"), tr("Span"), tr("Source")});
  table_->horizontalHeaderItem(ColSource)->setToolTip(
      tr("Boxes by source: M manual, I interpolated, T tracked, A automatic"));
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setFocusPolicy(Qt::ClickFocus);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
  connect(&doc_, &Document::sequenceChanged, this, &TrackList::rebuild);
  connect(&doc_, &Document::objectsAdded, this, &TrackList::onEvent);
  connect(&doc_, &Document::objectsRemoved, this, &TrackList::onEvent);
  connect(&doc_, &Document::objectsChanged, this, [this](const ObjectsEvent& e) {
    if (e.properties & (kPropClass | kPropTrackId | kPropProvenance)) onEvent(e);
  });
  connect(&selection_, &TrackSelection::tracksChanged, this, &TrackList::showSelection);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &TrackList::takeSelection);
  rebuild();
}

int TrackList::rowOf(ObjectId id) const {
  for (int r = 0; r < table_->rowCount(); ++r)
    if (table_->item(r, ColId)->data(Qt::UserRole).toUInt() == id) return r;
  return -1;
}

void TrackList::setRow(int row, ObjectId id, const TrackSummary& t) {
  const QSignalBlocker block(table_);
  table_->setItem(row, ColClass, cell(QString::fromStdString(t.className())));
  QTableWidgetItem* idItem = cell(QString::number(id), true);
  idItem->setData(Qt::UserRole, id);
  table_->setItem(row, ColId, idItem);
  table_->setItem(row, ColFrames, cell(QString::number(t.count()), true));
  table_->setItem(
      row, ColSpan,
      cell(QStringLiteral("%1\u2013%2").arg(t.firstFrame() + 1).arg(t.lastFrame() + 1)));
  QTableWidgetItem* source = cell(sourceText(t));
  QStringList tip;
  const auto counts = t.provenanceCounts();
  std::size_t dominant = 0;
  for (std::size_t p = 0; p < counts.size(); ++p) {
    if (counts[p] > counts[dominant]) dominant = p;
    if (counts[p] > 0) tip << tr("%1 %2").arg(counts[p]).arg(tr(kProvenanceNames[p]));
  }
  source->setToolTip(tip.join(QStringLiteral(", ")));
  source->setForeground(kProvenanceColors[dominant]);
  table_->setItem(row, ColSource, source);
  ++rowUpdates_;
}

void TrackList::rebuild() {
  syncing_ = true;
  index_.rebuild(doc_.sequence());
  table_->setRowCount(0);
  table_->setRowCount(static_cast<int>(index_.tracks().size()));
  int row = 0;
  for (const auto& [id, track] : index_.tracks()) setRow(row++, id, track);
  rowUpdates_ = 0;
  syncing_ = false;
  showSelection();
  emit tracksUpdated();
}

void TrackList::onEvent(const ObjectsEvent& e) {
  const std::vector<ObjectId> changed = index_.update(doc_.sequence(), e.frame, touchedIds(e));
  if (changed.empty()) return;
  syncing_ = true;
  for (ObjectId id : changed) {
    const TrackSummary* t = index_.track(id);
    int row = rowOf(id);
    if (!t) {
      if (row >= 0) table_->removeRow(row);
      continue;
    }
    if (row < 0) {  // a new track: insert in id order
      row = 0;
      while (row < table_->rowCount() && table_->item(row, ColId)->data(Qt::UserRole).toUInt() < id)
        ++row;
      table_->insertRow(row);
    }
    setRow(row, id, *t);
  }
  syncing_ = false;
  showSelection();
  emit tracksUpdated();
}

void TrackList::showSelection() {
  syncing_ = true;
  table_rows::selectRows(*table_, selection_.tracks(), [this](ObjectId id) { return rowOf(id); });
  syncing_ = false;
}

void TrackList::takeSelection() {
  if (syncing_) return;
  const std::vector<ObjectId> ids = table_rows::selectedIds(*table_, ColId);
  syncing_ = true;  // the selection below echoes back through tracksChanged
  selection_.setTracks(ids);
  syncing_ = false;
  if (ids.empty() || !doc_.isOpen()) return;
  const std::size_t frame = doc_.currentFrame();
  const bool anyHere = std::any_of(ids.begin(), ids.end(),
                                   [&](ObjectId id) { return doc_.object(frame, id) != nullptr; });
  if (!anyHere)
    if (const TrackSummary* t = index_.track(ids.front()))
      emit frameRequested(static_cast<int>(t->nearestFrame(frame)));
}

}  // namespace lidarlabel
