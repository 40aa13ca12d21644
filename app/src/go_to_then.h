#pragma once
// Go to a frame through the FrameNavigator, then do something there (select the objects a
// finding or a review step names). The navigator may read the sweep in the background: `then`
// runs at once when the frame is shown on return, else when the navigator arrives at it; an
// arrival at another frame (the user stepped elsewhere meanwhile) drops it. `pending` holds the
// waiting connection of the caller's previous request, which a new request replaces.
#include <QObject>
#include <cstddef>
#include <functional>

#include "lidarlabel/app/frame_navigator.h"

namespace lidarlabel {

inline void goToThen(FrameNavigator& nav, QObject* context, std::size_t frame,
                     std::function<void()> then, QMetaObject::Connection& pending) {
  QObject::disconnect(pending);
  if (nav.goTo(frame)) {
    then();
    return;
  }
  pending = QObject::connect(&nav, &FrameNavigator::arrived, context,
                             [&pending, frame, then = std::move(then)](int at) {
                               QObject::disconnect(pending);
                               if (static_cast<std::size_t>(at) == frame) then();
                             });
}

}  // namespace lidarlabel
