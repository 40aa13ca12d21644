#include "lidarlabel/app/disagreement_list.h"

#include <QLabel>
#include <QListWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace lidarlabel {

DisagreementList::DisagreementList(Editor& editor, QWidget* parent)
    : QWidget(parent), editor_(editor) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  summary_ = new QLabel(this);
  summary_->setObjectName(QStringLiteral("disagreementSummary"));
  summary_->setWordWrap(true);
  list_ = new QListWidget(this);
  list_->setObjectName(QStringLiteral("disagreementList"));
  layout->addWidget(summary_);
  layout->addWidget(list_, 1);
  connect(list_, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { activate(list_->row(item)); });
  connect(list_, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { activate(list_->row(item)); });
  Document& doc = editor_.document();
  connect(&doc, &Document::sequenceChanged, this, &DisagreementList::schedule);
  connect(&doc, &Document::currentFrameChanged, this, &DisagreementList::schedule);
  connect(&doc, &Document::pointLabelsChanged, this, &DisagreementList::schedule);
  connect(&doc, &Document::objectsAdded, this, &DisagreementList::schedule);
  connect(&doc, &Document::objectsRemoved, this, &DisagreementList::schedule);
  connect(&doc, &Document::objectsChanged, this, &DisagreementList::schedule);
  refresh();
}

void DisagreementList::schedule() {
  if (pending_) return;
  pending_ = true;
  QTimer::singleShot(150, this, [this] {
    pending_ = false;
    refresh();
  });
}

void DisagreementList::refresh() {
  Document& doc = editor_.document();
  DisagreementResult r;
  if (doc.isOpen()) r = editor_.disagreements(doc.currentFrame());
  cases_ = r.cases;
  total_ = r.total;
  list_->clear();
  for (const DisagreementCase& c : cases_) {
    const ObjectAnnotation* o = doc.object(doc.currentFrame(), c.trackId);
    const QString box =
        tr("%1 %2").arg(o ? QString::fromStdString(o->className) : tr("box")).arg(c.trackId);
    list_->addItem(
        c.kind == Disagreement::OutsideOwnBox
            ? tr("%1: %n point(s) of its instance outside it", nullptr, static_cast<int>(c.points))
                  .arg(box)
            : tr("%1: %n point(s) inside labelled with another instance", nullptr,
                 static_cast<int>(c.points))
                  .arg(box));
  }
  summary_->setText(total_ == 0 ? tr("Boxes and point labels agree.")
                                : tr("%n point(s) disagree with the boxes. Click a row to go "
                                     "there; Ctrl+Shift+I fills instances from the boxes.",
                                     nullptr, static_cast<int>(total_)));
}

void DisagreementList::activate(int row) {
  if (row < 0 || row >= static_cast<int>(cases_.size())) return;
  editor_.select({cases_[static_cast<std::size_t>(row)].trackId});
  emit focusRequested();
}

void DisagreementList::jumpToNext() {
  refresh();
  if (cases_.empty()) return;
  const int next = (list_->currentRow() + 1) % static_cast<int>(cases_.size());
  list_->setCurrentRow(next);
  activate(next);
}

}  // namespace lidarlabel
