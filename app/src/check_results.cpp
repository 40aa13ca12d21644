#include "lidarlabel/app/check_results.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTime>
#include <QVBoxLayout>

#include "go_to_then.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/frame_navigator.h"
#include "table_rows.h"

namespace lidarlabel {

CheckResults::CheckResults(Editor& editor, FrameNavigator& navigator, CheckRunner& runner,
                           QWidget* parent)
    : QWidget(parent), editor_(editor), nav_(navigator), runner_(runner) {
  run_ = new QPushButton(tr("Check now"), this);
  run_->setObjectName(QStringLiteral("runChecks"));
  run_->setFocusPolicy(Qt::NoFocus);
  points_ = new QCheckBox(tr("Points too"), this);
  points_->setObjectName(QStringLiteral("checkPoints"));
  points_->setToolTip(
      tr("Also the checks that read every sweep (too few points, floating, sunk, point labels)"));
  points_->setFocusPolicy(Qt::NoFocus);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("checkStatus"));
  table_ = new QTableWidget(0, ColumnCount, this);
  table_->setObjectName(QStringLiteral("findingsTable"));
  table_->setHorizontalHeaderLabels(
      {tr("Severity"), tr("Check"), tr("Frame"), tr("Ids"), tr("Message")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setFocusPolicy(Qt::ClickFocus);
  auto* top = new QHBoxLayout;
  top->addWidget(run_);
  top->addWidget(points_);
  top->addWidget(status_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addWidget(table_);

  connect(run_, &QPushButton::clicked, this, [this] { runner_.run(); });
  connect(points_, &QCheckBox::toggled, this, [this](bool on) {
    runner_.setPoints(on);
    runner_.run();
  });
  // Double click and Enter (the platform's activation).
  connect(table_, &QTableWidget::activated, this,
          [this](const QModelIndex& index) { jumpTo(index.row()); });
  connect(&runner_, &CheckRunner::started, this, [this] { status_->setText(tr("Checking...")); });
  connect(&runner_, &CheckRunner::progress, this, [this](int done, int total) {
    status_->setText(tr("Checking... %1 / %2 frames").arg(done).arg(total));
  });
  connect(&runner_, &CheckRunner::finished, this, &CheckResults::fill);
  connect(&runner_, &CheckRunner::failed, this,
          [this](const QString& m) { status_->setText(tr("Checks failed: %1").arg(m)); });
  fill();
}

void CheckResults::fill() {
  using table_rows::cell;
  const std::vector<Finding>& findings = runner_.findings();
  table_->setRowCount(static_cast<int>(findings.size()));
  for (int r = 0; r < static_cast<int>(findings.size()); ++r) {
    const Finding& f = findings[static_cast<std::size_t>(r)];
    QStringList ids;
    for (std::uint32_t id : f.trackIds) ids << QString::number(id);
    table_->setItem(r, ColSeverity, cell(QString::fromLatin1(toString(f.severity))));
    table_->setItem(r, ColCheck, cell(QString::fromStdString(f.check)));
    table_->setItem(r, ColFrame,
                    cell(f.frame < 0 ? tr("all") : QString::number(f.frame + 1), true));
    table_->setItem(r, ColIds, cell(ids.join(QStringLiteral(" "))));
    table_->setItem(r, ColMessage, cell(QString::fromStdString(f.message)));
  }
  const CheckSummary s = summarize(findings);
  status_->setText(!editor_.document().isOpen() ? QString()
                   : findings.empty()
                       ? tr("No findings (checked %1)").arg(QTime::currentTime().toString())
                       : tr("%1 error(s), %2 warning(s), %3 info (checked %4)")
                             .arg(s.errors)
                             .arg(s.warnings)
                             .arg(s.infos)
                             .arg(QTime::currentTime().toString()));
}

void CheckResults::select(const Finding& f) {
  std::vector<ObjectId> ids(f.trackIds.begin(), f.trackIds.end());
  editor_.select(ids);  // ids not in this frame are dropped (a track check may name others)
  emit focusRequested();
}

bool CheckResults::jumpTo(int row) {
  const std::vector<Finding>& findings = runner_.findings();
  if (row < 0 || row >= static_cast<int>(findings.size())) return false;
  table_->selectRow(row);
  const Finding f = findings[static_cast<std::size_t>(row)];
  if (f.frame < 0) {  // sequence-wide: nothing to go to
    select(f);
    return true;
  }
  goToThen(
      nav_, this, static_cast<std::size_t>(f.frame), [this, f] { select(f); }, pendingJump_);
  return true;
}

bool CheckResults::next() {
  const int n = table_->rowCount();
  if (n == 0) return false;
  const int row = table_->currentRow();
  return jumpTo(row < 0 ? 0 : (row + 1) % n);
}

bool CheckResults::previous() {
  const int n = table_->rowCount();
  if (n == 0) return false;
  const int row = table_->currentRow();
  return jumpTo(row < 0 ? n - 1 : (row - 1 + n) % n);
}

}  // namespace lidarlabel
