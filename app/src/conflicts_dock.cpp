#include "lidarlabel/app/conflicts_dock.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

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

ConflictsDock::ConflictsDock(Document& document, QWidget* parent)
    : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  summary_ = new QLabel(this);
  table_ = new QTableWidget(0, 4, this);
  table_->setHorizontalHeaderLabels({tr("Box"), tr("Frame"), tr("Theirs (server)"), tr("Mine")});
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
    if (const int row = selectedRow(); row >= 0 && sync != nullptr)
      sync->keepMine(std::size_t(row));
  });
  connect(takeTheirs_, &QPushButton::clicked, this, [this] {
    ServerSync* sync = sync_.data();
    if (const int row = selectedRow(); row >= 0 && sync != nullptr)
      sync->takeTheirs(std::size_t(row));
  });
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    keepMine_->setEnabled(selectedRow() >= 0);
    takeTheirs_->setEnabled(selectedRow() >= 0);
  });
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    ServerSync* sync = sync_.data();
    if (sync == nullptr || row < 0 || std::size_t(row) >= sync->conflicts().size()) return;
    const BoxConflict c = sync->conflicts()[std::size_t(row)];
    document_.setCurrentFrame(c.frame, false);
    if (document_.object(c.frame, c.trackId)) document_.setSelection({c.trackId});
  });
  rebuild();
}

void ConflictsDock::setSync(ServerSync* sync) {
  if (sync_) disconnect(sync_, nullptr, this, nullptr);
  sync_ = sync;
  if (sync_) connect(sync_, &ServerSync::conflictsChanged, this, &ConflictsDock::rebuild);
  rebuild();
}

int ConflictsDock::selectedRow() const {
  const QList<QTableWidgetSelectionRange> ranges = table_->selectedRanges();
  return ranges.isEmpty() ? -1 : ranges.first().topRow();
}

void ConflictsDock::rebuild() {
  ServerSync* sync = sync_.data();
  const std::vector<BoxConflict> list =
      sync != nullptr ? sync->conflicts() : std::vector<BoxConflict>{};
  table_->setRowCount(int(list.size()));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const BoxConflict& c = list[i];
    const int row = int(i);
    table_->setItem(row, 0, new QTableWidgetItem(QString::number(c.boxId)));
    table_->setItem(row, 1, new QTableWidgetItem(QString::number(c.frame + 1)));
    table_->setItem(row, 2, new QTableWidgetItem(conflictSideText(c.theirs)));
    table_->setItem(row, 3, new QTableWidgetItem(conflictSideText(c.mine)));
  }
  table_->resizeColumnsToContents();
  summary_->setText(sync == nullptr ? tr("Not connected to a team server.")
                    : list.empty()
                        ? tr("No conflicts.")
                        : tr("%n conflict(s): choose a version for each.", "", int(list.size())));
  keepMine_->setEnabled(selectedRow() >= 0);
  takeTheirs_->setEnabled(selectedRow() >= 0);
}

}  // namespace lidarlabel
