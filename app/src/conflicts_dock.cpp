#include "lidarlabel/app/conflicts_dock.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

namespace lidarlabel {

QString conflictSideText(const std::optional<ObjectAnnotation>& box) {
  if (!box) return QObject::tr("deleted");
  const Cuboid& b = box->box;
  return QStringLiteral("%1 #%2  at (%3, %4, %5)  %6 x %7 x %8 m  yaw %9")
      .arg(QString::fromStdString(box->className))
      .arg(box->trackId)
      .arg(b.center.x(), 0, 'f', 2)
      .arg(b.center.y(), 0, 'f', 2)
      .arg(b.center.z(), 0, 'f', 2)
      .arg(b.size.x(), 0, 'f', 2)
      .arg(b.size.y(), 0, 'f', 2)
      .arg(b.size.z(), 0, 'f', 2)
      .arg(b.yaw, 0, 'f', 3);
}

QString labelSideText(const PointLabels& labels, const Ontology& ontology) {
  std::map<std::uint16_t, int> counts;
  for (const std::uint16_t s : labels.semantic) ++counts[s];
  QStringList parts;
  for (const auto& [semantic, n] : counts) {
    const ClassDef* c = semantic ? ontology.findBySemanticKittiId(semantic) : nullptr;
    parts << QStringLiteral("%1 x %2").arg(n).arg(c               ? QString::fromStdString(c->name)
                                                  : semantic == 0 ? QObject::tr("unlabelled")
                                                                  : QString::number(semantic));
  }
  return parts.join(QStringLiteral(", "));
}

QString reviewSideText(const ReviewRecord& review) {
  QString last;
  if (!review.decisions.empty()) {
    const ReviewDecision& d = review.decisions.back();
    last = QObject::tr(", last: %1 %2 by %3")
               .arg(QString::fromStdString(d.level))
               .arg(d.verdict == ReviewVerdict::Accept ? QObject::tr("accepted")
                                                       : QObject::tr("rejected"))
               .arg(QString::fromStdString(d.who));
  }
  return QObject::tr("%n decision(s)", "", int(review.decisions.size())) +
         QObject::tr(", %n comment(s)", "", int(review.comments.size())) + last;
}

ConflictsDock::ConflictsDock(Document& document, QWidget* parent)
    : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  summary_ = new QLabel(this);
  table_ = new QTableWidget(0, 4, this);
  table_->setHorizontalHeaderLabels({tr("What"), tr("Frame"), tr("Theirs (server)"), tr("Mine")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  keepMine_ = new QPushButton(tr("Keep mine"), this);
  takeTheirs_ = new QPushButton(tr("Take theirs"), this);
  keepMine_->setToolTip(tr("Commit your version on top of the server's"));
  takeTheirs_->setToolTip(tr("Show the server's version and drop yours"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(keepMine_);
  buttons->addWidget(takeTheirs_);
  buttons->addStretch();
  layout->addWidget(summary_);
  layout->addWidget(table_);
  layout->addLayout(buttons);
  connect(keepMine_, &QPushButton::clicked, this, [this] {
    ServerSync* sync = sync_.data();
    if (const int row = selectedRow(); row >= 0 && sync != nullptr) resolve(*sync, row, true);
  });
  connect(takeTheirs_, &QPushButton::clicked, this, [this] {
    ServerSync* sync = sync_.data();
    if (const int row = selectedRow(); row >= 0 && sync != nullptr) resolve(*sync, row, false);
  });
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    keepMine_->setEnabled(selectedRow() >= 0);
    takeTheirs_->setEnabled(selectedRow() >= 0);
  });
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    ServerSync* sync = sync_.data();
    if (sync == nullptr || row < 0) return;
    auto r = std::size_t(row);
    if (r < sync->conflicts().size()) {
      const BoxConflict c = sync->conflicts()[r];
      document_.setCurrentFrame(c.frame, false);
      if (document_.object(c.frame, c.trackId)) document_.setSelection({c.trackId});
      return;
    }
    r -= sync->conflicts().size();
    if (r < sync->labelConflicts().size()) {
      document_.setCurrentFrame(sync->labelConflicts()[r].frame, false);
      return;
    }
    r -= sync->labelConflicts().size();
    if (r < sync->reviewConflicts().size())
      document_.setCurrentFrame(sync->reviewConflicts()[r].frame, false);
  });
  rebuild();
}

void ConflictsDock::setSync(ServerSync* sync) {
  if (sync_) disconnect(sync_, nullptr, this, nullptr);
  sync_ = sync;
  if (sync_) connect(sync_, &ServerSync::conflictsChanged, this, &ConflictsDock::rebuild);
  rebuild();
}

// Rows: box conflicts, then point-label conflicts, then frame-review conflicts.
void ConflictsDock::resolve(ServerSync& sync, int row, bool keepMine) {
  auto r = std::size_t(row);
  if (r < sync.conflicts().size()) {
    keepMine ? sync.keepMine(r) : sync.takeTheirs(r);
    return;
  }
  r -= sync.conflicts().size();
  if (r < sync.labelConflicts().size()) {
    keepMine ? sync.keepMineLabels(r) : sync.takeTheirLabels(r);
    return;
  }
  r -= sync.labelConflicts().size();
  if (r < sync.reviewConflicts().size())
    keepMine ? sync.keepMineReview(r) : sync.takeTheirReview(r);
}

int ConflictsDock::selectedRow() const {
  const QList<QTableWidgetSelectionRange> ranges = table_->selectedRanges();
  return ranges.isEmpty() ? -1 : ranges.first().topRow();
}

void ConflictsDock::rebuild() {
  ServerSync* sync = sync_.data();
  const std::vector<BoxConflict> list =
      sync != nullptr ? sync->conflicts() : std::vector<BoxConflict>{};
  const std::vector<LabelConflict> labels =
      sync != nullptr ? sync->labelConflicts() : std::vector<LabelConflict>{};
  const std::vector<ReviewConflict> reviews =
      sync != nullptr ? sync->reviewConflicts() : std::vector<ReviewConflict>{};
  const std::size_t total = list.size() + labels.size() + reviews.size();
  table_->setRowCount(int(total));
  const auto put = [this](int row, const QString& what, std::size_t frame, const QString& theirs,
                          const QString& mine) {
    table_->setItem(row, 0, new QTableWidgetItem(what));
    table_->setItem(row, 1, new QTableWidgetItem(QString::number(frame + 1)));
    table_->setItem(row, 2, new QTableWidgetItem(theirs));
    table_->setItem(row, 3, new QTableWidgetItem(mine));
  };
  int next = int(list.size());
  for (const LabelConflict& c : labels)
    put(next++, tr("%n point(s)", "", int(c.points.size())), c.frame,
        labelSideText(c.theirs, document_.ontology()), labelSideText(c.mine, document_.ontology()));
  for (const ReviewConflict& c : reviews)
    put(next++, tr("frame review"), c.frame, reviewSideText(c.theirs), reviewSideText(c.mine));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const BoxConflict& c = list[i];
    const int row = int(i);
    auto* what = new QTableWidgetItem(
        c.reason.empty() ? QString::number(c.boxId)
                         : tr("%1: %2").arg(c.boxId).arg(QString::fromStdString(c.reason)));
    table_->setItem(row, 0, what);
    table_->setItem(row, 1, new QTableWidgetItem(QString::number(c.frame + 1)));
    table_->setItem(row, 2, new QTableWidgetItem(conflictSideText(c.theirs)));
    table_->setItem(row, 3, new QTableWidgetItem(conflictSideText(c.mine)));
  }
  table_->resizeColumnsToContents();
  summary_->setText(sync == nullptr ? tr("Not connected to a team server.")
                    : total == 0
                        ? tr("No conflicts.")
                        : tr("%n conflict(s): choose a version for each.", "", int(total)));
  keepMine_->setEnabled(selectedRow() >= 0);
  takeTheirs_->setEnabled(selectedRow() >= 0);
}

}  // namespace lidarlabel
