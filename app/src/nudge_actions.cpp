#include "lidarlabel/app/nudge_actions.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <functional>
#include <vector>

#include "lidarlabel/app/editor.h"

namespace lidarlabel {

KeyRepeatWatch::KeyRepeatWatch(QObject* parent) : QObject(parent) {
  qApp->installEventFilter(this);
}

KeyRepeatWatch::~KeyRepeatWatch() {
  qApp->removeEventFilter(this);
}

bool KeyRepeatWatch::eventFilter(QObject*, QEvent* event) {
  if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)
    autoRepeat_ = static_cast<QKeyEvent*>(event)->isAutoRepeat();
  return false;
}

namespace {
// One nudge: what it does to the given boxes (one undo step), given the step size and whether it
// continues a held key.
using Nudge = std::function<bool(Editor&, const std::vector<ObjectId>&, StepSize, bool)>;

struct NudgeDef {
  const char* text;
  QKeyCombination key;  // a key plus any modifier other than Alt / Shift
  Nudge apply;
};

Nudge position(BoxAxis axis, int steps) {
  return [=](Editor& e, const std::vector<ObjectId>& ids, StepSize s, bool c) {
    return e.nudgePosition(ids, axis, steps, s, c);
  };
}
Nudge yaw(int steps) {
  return [=](Editor& e, const std::vector<ObjectId>& ids, StepSize s, bool c) {
    return e.nudgeYaw(ids, steps, s, c);
  };
}
Nudge size(BoxDimension d, int steps) {
  return [=](Editor& e, const std::vector<ObjectId>& ids, StepSize s, bool c) {
    return e.nudgeSize(ids, d, steps, s, c);
  };
}
}  // namespace

QList<QAction*> createNudgeActions(Editor& editor, const KeyRepeatWatch& repeat, QObject* owner) {
  const NudgeDef defs[] = {
      {QT_TR_NOOP("Move forward"), QKeyCombination(Qt::Key_Up), position(BoxAxis::Forward, 1)},
      {QT_TR_NOOP("Move back"), QKeyCombination(Qt::Key_Down), position(BoxAxis::Forward, -1)},
      {QT_TR_NOOP("Move left"), QKeyCombination(Qt::Key_Left), position(BoxAxis::Left, 1)},
      {QT_TR_NOOP("Move right"), QKeyCombination(Qt::Key_Right), position(BoxAxis::Left, -1)},
      {QT_TR_NOOP("Move up"), Qt::CTRL | Qt::Key_Up, position(BoxAxis::Up, 1)},
      {QT_TR_NOOP("Move down"), Qt::CTRL | Qt::Key_Down, position(BoxAxis::Up, -1)},
      {QT_TR_NOOP("Turn left (counter-clockwise)"), QKeyCombination(Qt::Key_Q), yaw(1)},
      {QT_TR_NOOP("Turn right (clockwise)"), QKeyCombination(Qt::Key_E), yaw(-1)},
      {QT_TR_NOOP("Longer"), QKeyCombination(Qt::Key_T), size(BoxDimension::Length, 1)},
      {QT_TR_NOOP("Shorter"), QKeyCombination(Qt::Key_G), size(BoxDimension::Length, -1)},
      {QT_TR_NOOP("Wider"), QKeyCombination(Qt::Key_Y), size(BoxDimension::Width, 1)},
      {QT_TR_NOOP("Narrower"), QKeyCombination(Qt::Key_H), size(BoxDimension::Width, -1)},
      {QT_TR_NOOP("Taller"), QKeyCombination(Qt::Key_U), size(BoxDimension::Height, 1)},
      {QT_TR_NOOP("Lower"), QKeyCombination(Qt::Key_J), size(BoxDimension::Height, -1)},
  };
  const struct {
    StepSize size;
    Qt::KeyboardModifiers modifiers;
    const char* suffix;
  } sizes[] = {{StepSize::Normal, Qt::NoModifier, ""},
               {StepSize::Fine, Qt::AltModifier, QT_TR_NOOP(" (fine)")},
               {StepSize::Coarse, Qt::ShiftModifier, QT_TR_NOOP(" (coarse)")}};
  QList<QAction*> actions;
  for (const NudgeDef& d : defs) {
    for (const auto& s : sizes) {
      auto* a = new QAction(QObject::tr(d.text) + QObject::tr(s.suffix), owner);
      a->setShortcut(
          QKeySequence(QKeyCombination(d.key.keyboardModifiers() | s.modifiers, d.key.key())));
      a->setAutoRepeat(true);
      const Nudge apply = d.apply;
      const StepSize step = s.size;
      QObject::connect(a, &QAction::triggered, owner, [&editor, &repeat, apply, step] {
        const bool continuing = repeat.lastWasAutoRepeat();
        const std::vector<ObjectId> ids = editor.document().selection();
        if (!ids.empty()) apply(editor, ids, step, continuing);  // one step for all of them
      });
      actions.push_back(a);
    }
  }
  return actions;
}

}  // namespace lidarlabel
