// Sequence > Traffic side: the side of the road the traffic keeps to, which decides the heading
// of parked vehicles' new boxes (one-click boxes and pre-labels; core/traffic_side.h). A window
// setting, not an edit of the sequence.
#include <QAction>
#include <QActionGroup>
#include <QMenu>

#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/sequence_actions.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel {

namespace {
QString sideText(TrafficSide side) {
  switch (side) {
    case TrafficSide::Right:
      return SequenceActions::tr("right-hand");
    case TrafficSide::Left:
      return SequenceActions::tr("left-hand");
    case TrafficSide::Off:
      break;
  }
  return SequenceActions::tr("no rule");
}
}  // namespace

void SequenceActions::addTrafficMenu(QMenu* menu) {
  QMenu* sub = menu->addMenu(tr("&Traffic side"));
  sub->setObjectName(QStringLiteral("trafficMenu"));
  auto* group = new QActionGroup(sub);
  const auto add = [&](const QString& name, const QString& text, std::optional<TrafficSide> side) {
    QAction* a = sub->addAction(text);
    a->setObjectName(name);
    a->setCheckable(true);
    group->addAction(a);
    connect(a, &QAction::triggered, this, [this, side] {
      trafficDetected_ = false;  // a choice: it holds for the rest of the session
      editor_.setTrafficSide(side);
      emit message(
          tr("Traffic side for new boxes: %1").arg(sideText(editor_.trafficConfig().side)));
    });
    return a;
  };
  trafficRecorded_ = add(QStringLiteral("trafficRecorded"), QString(), std::nullopt);
  add(QStringLiteral("trafficRight"), tr("&Right-hand traffic"), TrafficSide::Right);
  add(QStringLiteral("trafficLeft"), tr("&Left-hand traffic (UK, Japan, Singapore)"),
      TrafficSide::Left);
  add(QStringLiteral("trafficOff"), tr("&No road-side rule"), TrafficSide::Off);
  trafficRecorded_->setChecked(true);
  showRecordedTrafficSide();
  connect(&editor_.document(), &Document::sequenceChanged, this,
          &SequenceActions::showRecordedTrafficSide);
}

// The side the pre-labels' oncoming tracks showed becomes the window's choice: one-click boxes
// then face the way the pre-labels do. It belongs to this sequence: opening another drops it.
void SequenceActions::useDetectedTrafficSide(TrafficSide side) {
  trafficDetected_ = true;
  editor_.setTrafficSide(side);
  const QString name =
      side == TrafficSide::Left ? QStringLiteral("trafficLeft") : QStringLiteral("trafficRight");
  if (auto* a = trafficRecorded_->parent()->findChild<QAction*>(name)) a->setChecked(true);
}

// The first entry names the side the open sequence records, or the default it falls back to. A
// side the previous sequence's pre-labels found does not carry over to a newly opened one.
void SequenceActions::showRecordedTrafficSide() {
  if (trafficDetected_) {
    trafficDetected_ = false;
    editor_.setTrafficSide(std::nullopt);
    trafficRecorded_->setChecked(true);
  }
  const std::optional<TrafficSide> recorded =
      recordedTrafficSide(editor_.document().sequence().metadata);
  const QString side = sideText(recorded.value_or(editor_.config().traffic.side));
  trafficRecorded_->setText(recorded ? tr("&As the sequence records (%1)").arg(side)
                                     : tr("&As the sequence records (none: %1)").arg(side));
}

}  // namespace lidarlabel
