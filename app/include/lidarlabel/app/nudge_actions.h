#pragma once
// Keyboard nudges of the selected boxes as QActions (position along the box's own axes, yaw and
// each dimension; Alt = fine, Shift = coarse steps, see NudgeSteps).
//
// One held key = one undo step. Qt delivers a held key as auto-repeated key events and fires the
// action once per event; the shortcut map first sends a ShortcutOverride key event carrying the
// auto-repeat flag to the focus widget. KeyRepeatWatch (an application event filter) records
// that flag, and a nudge passes `continuing = true` to the Editor exactly when the key event
// that fired it was an auto-repeat, so the Editor merges it into the first press's command.
#include <QList>
#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace lidarlabel {

class Editor;

class KeyRepeatWatch : public QObject {
 public:
  explicit KeyRepeatWatch(QObject* parent = nullptr);
  ~KeyRepeatWatch() override;
  // True when the last key event the application saw was an auto-repeat.
  bool lastWasAutoRepeat() const { return autoRepeat_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  bool autoRepeat_ = false;
};

// Creates the nudge actions (parented to `owner`, not yet added to any widget) that act on the
// document's selection. The unmodified ones come first in each group of three
// (normal, fine, coarse) so menus can show just those.
QList<QAction*> createNudgeActions(Editor& editor, const KeyRepeatWatch& repeat, QObject* owner);

}  // namespace lidarlabel
