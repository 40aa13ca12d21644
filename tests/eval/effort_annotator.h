#pragma once
// The scripted annotator of the effort benchmark: it works only through the Editor (the edit API
// the window uses), one call per interaction a person would make, and looks at the ground truth
// only the way a person looks at the screen — to choose its next interaction and to decide that
// a box is good. It never copies a ground-truth value into a box: clicks go to points of the
// object, face drags go to the object's outermost points, a rotate drag turns a box a quarter
// turn (its own axes), everything else is a nudge key.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "lidarlabel/app/editor.h"
#include "lidarlabel/core/cuboid.h"

namespace lidarlabel::eval {

// One object the annotator must box in a frame, as it sees it.
struct SeenObject {
  std::uint32_t gtId = 0;               // identity of the real object across frames
  std::string className;                // what the person recognises
  Cuboid truth;                         // only used to judge (IoU) and choose the next action
  std::vector<Eigen::Vector3d> points;  // the object's points on screen
};

struct SeenFrame {
  std::vector<SeenObject> required;  // 30+ points: must get a good box
  std::vector<SeenObject> ignored;   // fewer points: a box there is neither needed nor false
};

struct AnnotatorConfig {
  bool automation = true;  // false: no one-click fit, no propagation (the manual baseline)
  // Manual baseline only (automation false, trackIds true): an object that moves in the world is
  // keyframed at its first and last frame (default box + edits each) and the frames between are
  // filled by the Editor's keyframe interpolation; a frame whose interpolated box is not good gets
  // a keyframe there and the rest of the track is interpolated again. Objects that stay put are
  // copied to the next frame. false: every object is copied frame to frame.
  bool keyframeMovers = true;
  double moverDistance = 0.5;  // metres of world displacement (first to last frame) = "moves"
  bool trackIds = true;        // false: frames are independent (detection only)
  double goodIoU = 0.7;        // 3D IoU a box must reach
  double overlapIoU = 0.1;     // a box overlapping an object this much is "that object's box"
  int maxEditsPerBox = 80;     // safety stop of the refinement loop
  // A good automatic box needs no interaction (the stop rule asks for good boxes, not accepted
  // ones); true: the annotator presses accept on each (counted as "accept").
  bool acceptGoodBoxes = false;
  // Only boxes whose centre is in the camera's horizontal field of view (|azimuth| <= 40 deg,
  // <= 70 m) are judged; others are neither needed nor false (KITTI label_2 covers only that).
  bool cameraViewOnly = false;
  // After the pass over the frames, scrub through the sequence once more, as a person checking
  // the finished work: every box a later whole-track action spoilt (flip track heading, set track
  // class, propagate, end or delete track) is fixed with single-box actions, which cannot spoil
  // another frame, and false boxes are deleted; its interactions count like any other.
  bool reviewPass = true;
};

// Interactions by kind ("accept", "delete", "one-click fit", "default box", "nudge position",
// "nudge yaw", "nudge size", "drag face", "drag rotate", "set class", "set track id", "flip
// heading", "propagate", "copy to next frame", "interpolate", and the whole-track actions "delete
// track", "end track", "set track class", "flip track heading").
using InteractionCounts = std::map<std::string, int>;

struct AnnotatorResult {
  InteractionCounts counts;
  int boxes = 0;       // required object-frames
  int unresolved = 0;  // required object-frames left without a good box (should be 0)
  int goodAsIs = 0;    // boxes already good from the automation (no interaction on them)
  int spoilt = 0;      // required object-frames without a good box in the final document
  int reviewed = 0;    // object-frames the review pass fixed (AnnotatorConfig::reviewPass)
  int falseLeft = 0;   // false boxes in the final document (in scope, on no required object)
  int total() const;
};

// Plays the annotator over every frame of the editor's document; frames[f] is what it sees in
// frame f. Stops per frame when every required object has a good box of its class (3D IoU >=
// goodIoU, heading within 45 deg for vehicles and cyclists, 90 deg for pedestrians; with a
// consistent track id when trackIds) and no false box remains.
AnnotatorResult annotate(Editor& editor, const std::vector<SeenFrame>& frames,
                         const AnnotatorConfig& config = {});

}  // namespace lidarlabel::eval
