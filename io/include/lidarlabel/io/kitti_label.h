#pragma once
// KITTI label text rows: object benchmark label_2 (15 columns, 16 with score) and tracking
// benchmark label_02 (17 columns, 18 with score). Text level only: the values are kept in KITTI's
// own frame (rectified camera 0, x right, y down, z forward, metres); the conversion to and from
// LiDAR-frame cuboids is in kitti_object.h. Spec: docs/label-formats.md, FORMATS.md §1.2, §2.1.
#include <Eigen/Core>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace lidarlabel {

struct KittiLabel {
  int frame = -1;    // tracking only: 0-based frame index in the sequence
  int trackId = -1;  // tracking only: -1 for DontCare
  std::string type;  // Car, Van, Truck, Pedestrian, Person_sitting, Cyclist, Tram, Misc, DontCare
  double truncated = -1;  // object: fraction 0..1 outside the image; tracking: level 0/1/2
  int occluded = -1;      // 0 visible, 1 partly, 2 largely, 3 unknown; -1 = not given
  double alpha = -10;     // observation angle, rad, [-pi, pi]; -10 = not given
  std::array<double, 4> bbox{0, 0, 0, 0};         // left, top, right, bottom, px, 0-based
  Eigen::Vector3d dimensions{-1, -1, -1};         // height, width, length, m (file order)
  Eigen::Vector3d location{-1000, -1000, -1000};  // bottom-face centre, rect camera, m
  double rotationY = -10;                         // yaw about camera +y, rad, [-pi, pi]
  std::optional<double> score;                    // results files only
  // The object columns' text as read (index = column: 0 type, 1 truncated, ... 15 score), empty
  // for computed labels. The writers print text[i] for column i while it still parses to exactly
  // the value held, so values that nobody changed go back byte for byte (e.g. "776.295323",
  // "-10"); a changed value is formatted afresh.
  std::array<std::string, 16> text;

  bool isDontCare() const { return type == "DontCare"; }
};

// Parses label_2 text. Lines may carry a trailing space/CR (KITTI's own writer leaves one);
// blank lines are skipped. A line whose column count is not 15 or 16, or with a non-numeric
// value, -> FileError naming fileName, the line number and the reason.
std::vector<KittiLabel> parseKittiObjectLabels(const std::string& text,
                                               const std::string& fileName);
std::vector<KittiLabel> readKittiObjectLabels(const std::string& path);

// label_2 text: the text as read for unchanged values (KittiLabel::text), else "%.2f" floats and
// "%d" occlusion; single spaces, "\n" after every line, no trailing space; "" (a 0-byte file)
// for no labels. The score column is written when a label has one.
std::string kittiObjectLabelsToText(const std::vector<KittiLabel>& labels);

// label_02 text: 17 or 18 columns (frame, track id, then the object columns).
std::vector<KittiLabel> parseKittiTrackingLabels(const std::string& text,
                                                 const std::string& fileName);
// The text as read for unchanged values, else "%.6f" floats as in the released ground truth;
// truncation and occlusion as integers.
std::string kittiTrackingLabelsToText(const std::vector<KittiLabel>& labels);

}  // namespace lidarlabel
