#include "eval_common.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/io/kitti_calib.h"
#include "lidarlabel/io/kitti_label.h"
#include "lidarlabel/io/kitti_object.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"
#ifdef LIDARLABEL_HAVE_SIM
#include "lidarlabel/sim/simulate.h"
#endif

namespace lidarlabel::eval {

void Table::print() const {
  auto line = [](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (const auto& c : cells) s += " " + c + " |";
    std::printf("%s\n", s.c_str());
  };
  line(header);
  std::string sep = "|";
  for (std::size_t i = 0; i < header.size(); ++i) sep += i == 0 ? "---|" : "---:|";
  std::printf("%s\n", sep.c_str());
  for (const auto& r : rows) line(r);
  std::printf("\n");
}

std::string fmt(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::string sampleData(const std::string& rel) {
  return (std::filesystem::path(LIDARLABEL_SAMPLE_DATA) / rel).string();
}

std::vector<EvalFrame> semanticKittiFrames() {
  std::vector<EvalFrame> out;
  const std::string dir = sampleData("semantickitti/sequences/00");
  for (const char* stem : {"000000", "000001", "000002"}) {
    EvalFrame f;
    f.source = std::string("SemanticKITTI 00/") + stem;
    f.cloud = readKittiBin(dir + "/velodyne/" + stem + ".bin");
    f.labels = readSemanticKittiLabels(dir + "/labels/" + stem + ".label",
                                       static_cast<long long>(f.cloud.size()));
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<EvalFrame> kittiObjectFrames() {
  std::vector<EvalFrame> out;
  const std::string dir = sampleData("kitti_object/training");
  const Ontology& ontology = defaultOntology();
  for (int i = 0; i <= 5; ++i) {
    char stem[16];
    std::snprintf(stem, sizeof stem, "%06d", i);
    EvalFrame f;
    f.source = std::string("KITTI object ") + stem;
    f.cloud = readKittiBin(dir + "/velodyne/" + stem + ".bin");
    const KittiCalib calib = readKittiCalib(dir + "/calib/" + stem + ".txt");
    Frame frame;
    addKittiLabelsToFrame(readKittiObjectLabels(dir + "/label_2/" + stem + ".txt"), calib, ontology,
                          1, frame);
    f.objects = frame.objects;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<EvalFrame> nuscenesFrames() {
  const Sequence seq = openSequence(sampleData("nuscenes"), defaultOntology());
  std::vector<EvalFrame> out;
  for (std::size_t i = 0; i < seq.frames.size(); ++i) {
    EvalFrame f;
    f.source = "nuScenes " + std::filesystem::path(seq.sweepPathOf(i)).filename().string();
    f.cloud = readSweep(seq.sweepPathOf(i));
    f.objects = seq.frames[i].objects;
    f.traffic = trafficSideOf(seq.metadata, TrafficSide::Right);
    out.push_back(std::move(f));
  }
  return out;
}

bool haveSimulator() {
#ifdef LIDARLABEL_HAVE_SIM
  return true;
#else
  return false;
#endif
}

SyntheticSequence syntheticSequence(std::uint64_t seed, int frames, bool clutter) {
  SyntheticSequence s;
  s.name = "synthetic seed " + std::to_string(seed) + (clutter ? " (clutter)" : "");
#ifdef LIDARLABEL_HAVE_SIM
  sim::SimulationConfig config;
  config.seed = seed;
  config.frames = frames;
  config.scene.clutter.enabled = clutter;
  const sim::Scene scene = sim::makeScene(config);
  for (int i = 0; i < frames; ++i) {
    sim::SimFrame sf = sim::simulateFrame(scene, config.sensor, i);
    EvalFrame f;
    f.source = s.name + " frame " + std::to_string(i);
    f.cloud = std::move(sf.cloud);
    f.labels = std::move(sf.labels);
    f.objects = std::move(sf.objects);
    f.egoPose = sf.egoPose;
    f.time = static_cast<double>(sf.timestampUs) * 1e-6;
    s.frames.push_back(std::move(f));
  }
#else
  (void)seed;
  (void)frames;
  (void)clutter;
#endif
  return s;
}

std::size_t instancePoints(const EvalFrame& f, std::uint32_t trackId) {
  if (f.labels.instance.size() != f.cloud.size()) {
    for (const auto& o : f.objects)
      if (o.trackId == trackId) return countPointsInBox(f.cloud, o.box).inside;
    return 0;
  }
  const auto id = static_cast<std::uint16_t>(trackId & 0xFFFF);
  return static_cast<std::size_t>(
      std::count(f.labels.instance.begin(), f.labels.instance.end(), id));
}

}  // namespace lidarlabel::eval

#include "eval_sections.h"
#include "lidarlabel/core/assignment.h"

namespace lidarlabel::eval {

std::vector<int> matchByIoU(const std::vector<Cuboid>& truth, const std::vector<Cuboid>& pred,
                            double (*iou)(const Cuboid&, const Cuboid&), double minIoU) {
  Eigen::MatrixXd cost(truth.size(), pred.size());
  for (std::size_t i = 0; i < truth.size(); ++i)
    for (std::size_t j = 0; j < pred.size(); ++j) cost(i, j) = 1.0 - iou(truth[i], pred[j]);
  return solveGatedAssignment(cost, 1.0 - minIoU);
}

}  // namespace lidarlabel::eval
