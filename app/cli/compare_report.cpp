#include "compare_report.h"

#include <cstdio>

namespace lidarlabel::cli {

using json = nlohmann::json;

json matchStatsJson(const MatchStats& s) {
  return {{"true_positives", s.truePositives},
          {"false_positives", s.falsePositives},
          {"false_negatives", s.falseNegatives},
          {"sum_iou", s.sumIoU},
          {"sum_centre_error", s.sumCentreError},
          {"sum_yaw_error_deg", s.sumYawErrorDeg},
          {"sum_size_error", s.sumSizeError},
          {"id_switches", s.idSwitches},
          {"precision", s.precision()},
          {"recall", s.recall()},
          {"mean_iou", s.meanIoU()},
          {"centre_error_m", s.meanCentreError()},
          {"yaw_error_deg", s.meanYawErrorDeg()},
          {"size_error_m", s.meanSizeError()}};
}

MatchStats matchStatsFromJson(const json& j) {
  MatchStats s;
  s.truePositives = j.at("true_positives").get<std::size_t>();
  s.falsePositives = j.at("false_positives").get<std::size_t>();
  s.falseNegatives = j.at("false_negatives").get<std::size_t>();
  s.sumIoU = j.at("sum_iou").get<double>();
  s.sumCentreError = j.at("sum_centre_error").get<double>();
  s.sumYawErrorDeg = j.at("sum_yaw_error_deg").get<double>();
  s.sumSizeError = j.at("sum_size_error").get<double>();
  s.idSwitches = j.at("id_switches").get<std::size_t>();
  return s;
}

json pointAgreementJson(const PointAgreement& p) {
  json classes = json::object();
  const auto iou = p.classIoU();
  for (const auto& [id, iu] : p.intersectionUnion) {
    json c{{"intersection", iu.first}, {"union", iu.second}};
    if (const auto it = iou.find(id); it != iou.end()) c["iou"] = it->second;
    classes[std::to_string(id)] = c;
  }
  return {{"frames", p.frames},
          {"points", p.points},
          {"agreeing", p.agreeing},
          {"accuracy",
           p.points ? static_cast<double>(p.agreeing) / static_cast<double>(p.points) : 0.0},
          {"mean_iou", p.meanIoU()},
          {"classes", classes}};
}

PointAgreement pointAgreementFromJson(const json& j) {
  PointAgreement p;
  p.frames = j.at("frames").get<std::size_t>();
  p.points = j.at("points").get<std::size_t>();
  p.agreeing = j.at("agreeing").get<std::size_t>();
  for (const auto& [id, c] : j.at("classes").items())
    p.intersectionUnion[std::stoi(id)] = {c.at("intersection").get<std::size_t>(),
                                          c.at("union").get<std::size_t>()};
  return p;
}

void compareTotals(json& report) {
  MatchStats overall;
  std::map<std::string, MatchStats> perClass;
  PointAgreement points;
  for (const json& p : report.at("pairs")) {
    if (p.contains("error")) continue;
    overall.add(matchStatsFromJson(p.at("overall")));
    for (const auto& [cls, s] : p.at("per_class").items()) perClass[cls].add(matchStatsFromJson(s));
    points.add(pointAgreementFromJson(p.at("points")));
  }
  report["overall"] = matchStatsJson(overall);
  json classes = json::object();
  for (const auto& [cls, s] : perClass) classes[cls] = matchStatsJson(s);
  report["per_class"] = classes;
  report["points"] = pointAgreementJson(points);
}

json compareReportJson(const std::vector<PairCompare>& pairs, const CompareConfig& c,
                       const std::string& shard) {
  json list = json::array();
  for (const PairCompare& p : pairs) {
    json j{{"reference", p.reference}, {"test", p.test}};
    if (!p.error.empty()) {
      j["error"] = p.error;
      list.push_back(j);
      continue;
    }
    j["overall"] = matchStatsJson(p.result.overall);
    json classes = json::object();
    for (const auto& [cls, s] : p.result.perClass) classes[cls] = matchStatsJson(s);
    j["per_class"] = classes;
    json frames = json::array();
    for (const MatchStats& s : p.result.perFrame) frames.push_back(matchStatsJson(s));
    j["per_frame"] = frames;
    j["points"] = pointAgreementJson(p.result.points);
    list.push_back(j);
  }
  json report{{"kind", "compare"},
              {"report_version", 1},
              {"shards", json::array({shard})},
              {"config", {{"min_iou", c.minIoU}, {"iou", c.bev ? "bev" : "3d"}}},
              {"pairs", list}};
  compareTotals(report);
  return report;
}

namespace {
std::string row(const std::string& name, const json& s) {
  char line[256];
  std::snprintf(
      line, sizeof line, "  %-22s %6zu %6zu %6zu %7.3f %7.3f %7.3f %8.3f %7.2f %7.3f %5zu\n",
      name.c_str(), s.at("true_positives").get<std::size_t>(),
      s.at("false_positives").get<std::size_t>(), s.at("false_negatives").get<std::size_t>(),
      s.at("precision").get<double>(), s.at("recall").get<double>(), s.at("mean_iou").get<double>(),
      s.at("centre_error_m").get<double>(), s.at("yaw_error_deg").get<double>(),
      s.at("size_error_m").get<double>(), s.at("id_switches").get<std::size_t>());
  return line;
}
const char* kHeader = "  %-22s %6s %6s %6s %7s %7s %7s %8s %7s %7s %5s\n";
std::string header(const char* first) {
  char line[256];
  std::snprintf(line, sizeof line, kHeader, first, "TP", "FP", "FN", "prec", "recall", "IoU",
                "centre_m", "yaw_deg", "size_m", "IDsw");
  return line;
}
std::string pointsText(const json& p) {
  if (p.at("frames").get<std::size_t>() == 0)
    return "  points: no frame with labels in both sets\n";
  char line[256];
  std::snprintf(line, sizeof line,
                "  points: %zu frames, %zu points, %.2f %% equal, mean class IoU %.3f (",
                p.at("frames").get<std::size_t>(), p.at("points").get<std::size_t>(),
                100.0 * p.at("accuracy").get<double>(), p.at("mean_iou").get<double>());
  std::string out = line;
  bool first = true;
  for (const auto& [id, c] : p.at("classes").items()) {
    if (!c.contains("iou")) continue;
    char item[64];
    std::snprintf(item, sizeof item, "%s%s %.3f", first ? "" : ", ", id.c_str(),
                  c.at("iou").get<double>());
    out += item;
    first = false;
  }
  return out + ")\n";
}
}  // namespace

std::string compareText(const PairCompare& p, bool perFrame) {
  std::string out = "reference " + p.reference + "\ntest      " + p.test + "\n";
  if (!p.error.empty()) return out + "  error: " + p.error + "\n";
  out += header("class");
  for (const auto& [cls, s] : p.result.perClass) out += row(cls, matchStatsJson(s));
  out += row("overall", matchStatsJson(p.result.overall));
  if (perFrame) {
    out += header("frame");
    for (std::size_t f = 0; f < p.result.perFrame.size(); ++f)
      out += row(std::to_string(f), matchStatsJson(p.result.perFrame[f]));
  }
  return out + pointsText(pointAgreementJson(p.result.points));
}

std::string compareOverallText(const json& report) {
  std::string out = "all pairs\n" + header("class");
  for (const auto& [cls, s] : report.at("per_class").items()) out += row(cls, s);
  out += row("overall", report.at("overall"));
  return out + pointsText(report.at("points"));
}

}  // namespace lidarlabel::cli
