#pragma once
// Active annotation time per frame: the time between two inputs (key, mouse, wheel) is credited
// to the frame that was shown during it, unless the gap is longer than the idle limit, in which
// case none of it counts (the person was away: idle time excluded). Written to
// Frame::annotationSeconds through Document::addAnnotationSeconds (not an undo step; saved with
// the document and its recovery files; it does not by itself mark the document modified).
//
// ActiveTimeTracker is the pure rule (times in seconds from any monotonic origin, injected by
// the caller); ActiveTimeRecorder feeds it from the application's input events and a clock
// (QElapsedTimer by default, replaceable for tests).
#include <QObject>
#include <cstddef>
#include <functional>
#include <optional>

namespace lidarlabel {

class Document;

struct ActiveTimeConfig {
  // A gap between two inputs longer than this (seconds) is idle time and counts for nothing.
  double idleSeconds = 60.0;
};

struct TimeCredit {
  std::size_t frame = 0;
  double seconds = 0.0;
  friend bool operator==(const TimeCredit&, const TimeCredit&) = default;
};

class ActiveTimeTracker {
 public:
  explicit ActiveTimeTracker(ActiveTimeConfig config = {}) : config_(config) {}
  // An input at time `now` while `frame` is shown. Returns the time since the previous input
  // credited to the frame shown then (nullopt for the first input, after an idle gap, or when
  // time went backwards).
  std::optional<TimeCredit> input(double now, std::size_t frame);
  // The shown frame changed at `now` (e.g. playback, no input): the time since the last input
  // goes to the previous frame (when not idle), and later time to the new one.
  std::optional<TimeCredit> frameChanged(double now, std::size_t frame);
  // Forget the last input (another sequence was opened).
  void reset() { last_.reset(); }
  const ActiveTimeConfig& config() const { return config_; }

 private:
  struct Last {
    double time = 0;
    std::size_t frame = 0;
  };
  ActiveTimeConfig config_;
  std::optional<Last> last_;
};

// Watches the application's input events (an event filter on qApp) for the windows under
// `scope` and credits the document's current frame. The clock returns seconds.
class ActiveTimeRecorder : public QObject {
  Q_OBJECT
 public:
  using Clock = std::function<double()>;
  ActiveTimeRecorder(Document& document, QObject* scope, ActiveTimeConfig config = {},
                     Clock clock = {});
  ~ActiveTimeRecorder() override;
  // One input now (the event filter calls it; tests may too).
  void recordInput();
  const ActiveTimeTracker& tracker() const { return tracker_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void credit(const std::optional<TimeCredit>& c);

  Document& doc_;
  QObject* scope_;
  ActiveTimeTracker tracker_;
  Clock clock_;
};

}  // namespace lidarlabel
