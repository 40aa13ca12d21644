// MainWindow's Sequence menu: the SequenceActions (sequence_actions.h) and their wiring to the
// status bar, the read-only switch and the timeline's track marks.
#include <QMenuBar>
#include <QStatusBar>

#include "lidarlabel/app/main_window.h"
#include "lidarlabel/app/object_list.h"
#include "lidarlabel/app/sequence_actions.h"
#include "lidarlabel/app/sub_views.h"
#include "lidarlabel/app/timeline.h"
#include "lidarlabel/app/track_list.h"
#include "lidarlabel/app/track_selection.h"

namespace lidarlabel {

void MainWindow::buildSequenceMenu() {
  QMenu* menu = menuBar()->addMenu(tr("&Sequence"));
  sequence_ = new SequenceActions(*this, editor_, *navigator_, *timeline_, menu,
                                  {viewArea_, subViews_, objectList_});
  editActions_ << sequence_->editActions();
  connect(sequence_, &SequenceActions::message, this,
          [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  // The timeline marks the frames where the selected tracks are.
  auto marks = [this] {
    timeline_->setMarks(
        trackList_->index().presence(trackSelection_->tracks(), document_.frameCount()));
  };
  connect(trackSelection_, &TrackSelection::tracksChanged, this, marks);
  connect(trackList_, &TrackList::tracksUpdated, this, marks);
}

}  // namespace lidarlabel
