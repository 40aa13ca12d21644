#include "stats_report.h"

#include <cmath>
#include <cstdio>

namespace lidarlabel::cli {

using json = nlohmann::json;

namespace {
json distJson(const Distribution& d) {
  return {{"count", d.count},
          {"sum", d.sum},
          {"min", d.count ? json(d.min) : json(nullptr)},
          {"max", d.count ? json(d.max) : json(nullptr)},
          {"mean", d.mean()},
          {"bin_edges", d.edges},
          {"histogram", d.histogram}};
}
Distribution distFromJson(const json& j) {
  Distribution d(j.at("bin_edges").get<std::vector<double>>());
  d.count = j.at("count").get<std::size_t>();
  d.sum = j.at("sum").get<double>();
  if (d.count) {
    d.min = j.at("min").get<double>();
    d.max = j.at("max").get<double>();
  }
  d.histogram = j.at("histogram").get<std::vector<std::size_t>>();
  if (d.histogram.size() != d.edges.size()) throw std::invalid_argument("histogram size");
  return d;
}
}  // namespace

json statsJson(const SequenceStats& s) {
  json classes = json::object();
  for (const auto& [cls, c] : s.perClass)
    classes[cls] = {{"objects", c.objects},
                    {"tracks", c.tracks},
                    {"points_per_box", distJson(c.pointsPerBox)},
                    {"track_length_frames", distJson(c.trackLength)}};
  const ReviewStats& r = s.review;
  return {{"frames", s.frames},
          {"objects", s.objects},
          {"tracks", s.tracks},
          {"per_class", classes},
          {"provenance", s.provenance},
          {"review",
           {{"levels", r.levels},
            {"frames", r.frames},
            {"frames_passed", r.framesPassed},
            {"frames_done", r.framesDone},
            {"frames_rejected", r.framesRejected},
            {"frames_with_comments", r.framesWithComments},
            {"object_states", r.objectStates},
            {"objects_passed", r.objectsPassed},
            {"object_comments", r.objectComments}}},
          {"annotation_time",
           {{"frames_timed", s.framesTimed},
            {"seconds", s.annotationSeconds},
            {"seconds_per_frame",
             s.framesTimed ? s.annotationSeconds / static_cast<double>(s.framesTimed) : 0.0}}}};
}

SequenceStats statsFromJson(const json& j) {
  SequenceStats s;
  s.frames = j.at("frames").get<std::size_t>();
  s.objects = j.at("objects").get<std::size_t>();
  s.tracks = j.at("tracks").get<std::size_t>();
  for (const auto& [cls, c] : j.at("per_class").items()) {
    ClassStats& x = s.perClass[cls];
    x.objects = c.at("objects").get<std::size_t>();
    x.tracks = c.at("tracks").get<std::size_t>();
    x.pointsPerBox = distFromJson(c.at("points_per_box"));
    x.trackLength = distFromJson(c.at("track_length_frames"));
  }
  s.provenance = j.at("provenance").get<std::map<std::string, std::size_t>>();
  const json& r = j.at("review");
  s.review.levels = r.at("levels").get<std::vector<std::string>>();
  s.review.frames = r.at("frames").get<std::size_t>();
  s.review.framesPassed = r.at("frames_passed").get<std::vector<std::size_t>>();
  s.review.framesDone = r.at("frames_done").get<std::size_t>();
  s.review.framesRejected = r.at("frames_rejected").get<std::size_t>();
  s.review.framesWithComments = r.at("frames_with_comments").get<std::size_t>();
  s.review.objectStates = r.at("object_states").get<std::map<std::string, std::size_t>>();
  s.review.objectsPassed = r.at("objects_passed").get<std::vector<std::size_t>>();
  s.review.objectComments = r.at("object_comments").get<std::size_t>();
  s.framesTimed = j.at("annotation_time").at("frames_timed").get<std::size_t>();
  s.annotationSeconds = j.at("annotation_time").at("seconds").get<double>();
  return s;
}

std::string statsText(const SequenceStats& s) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "frames: %zu\nobjects: %zu\ntracks: %zu\n", s.frames, s.objects,
                s.tracks);
  out += line;
  std::snprintf(line, sizeof line, "  %-22s %8s %7s %28s %24s\n", "class", "objects", "tracks",
                "points/box min mean max", "track frames min mean max");
  out += line;
  for (const auto& [cls, c] : s.perClass) {
    char pts[64] = "-", len[64] = "-";
    if (c.pointsPerBox.count)
      std::snprintf(pts, sizeof pts, "%.0f %.1f %.0f", c.pointsPerBox.min, c.pointsPerBox.mean(),
                    c.pointsPerBox.max);
    if (c.trackLength.count)
      std::snprintf(len, sizeof len, "%.0f %.1f %.0f", c.trackLength.min, c.trackLength.mean(),
                    c.trackLength.max);
    std::snprintf(line, sizeof line, "  %-22s %8zu %7zu %28s %24s\n", cls.c_str(), c.objects,
                  c.tracks, pts, len);
    out += line;
  }
  out += "provenance:";
  for (const auto& [k, n] : s.provenance) out += " " + k + " " + std::to_string(n);
  out += "\nreview: objects";
  for (const auto& [k, n] : s.review.objectStates) out += " " + k + " " + std::to_string(n);
  out += "\n";
  for (std::size_t l = 0; l < s.review.levels.size(); ++l) {
    std::snprintf(line, sizeof line,
                  "  level %-12s frames passed %zu/%zu, objects passed %zu/%zu\n",
                  s.review.levels[l].c_str(), s.review.framesPassed[l], s.review.frames,
                  s.review.objectsPassed[l], s.objects);
    out += line;
  }
  std::snprintf(line, sizeof line,
                "  frames done %zu/%zu, rejected %zu, with comments %zu; object comments %zu\n",
                s.review.framesDone, s.review.frames, s.review.framesRejected,
                s.review.framesWithComments, s.review.objectComments);
  out += line;
  if (s.framesTimed)
    std::snprintf(line, sizeof line, "annotation time: %.0f s over %zu frames (%.1f s per frame)\n",
                  s.annotationSeconds, s.framesTimed,
                  s.annotationSeconds / static_cast<double>(s.framesTimed));
  else
    std::snprintf(line, sizeof line, "annotation time: not recorded\n");
  return out + line;
}

}  // namespace lidarlabel::cli
