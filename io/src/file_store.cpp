// The folder implementation of Store: the sequence as openSequence reads it, every commit saved
// as the native document (atomic) or one point-label sidecar (atomic). Versions are kept in
// memory: a folder has one writer at a time (the window's workspace lock).
#include <filesystem>
#include <map>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/folder_transaction.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/store.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {

class FileStore final : public Store {
 public:
  explicit FileStore(std::string folder) : folder_(std::move(folder)) {
    if (!fs::is_directory(folder_)) throw FileError(folder_, "", "not a folder");
    name_ = fs::path(folder_).lexically_normal().filename().string();
    if (name_.empty())
      name_ = fs::path(folder_).lexically_normal().parent_path().filename().string();
  }

  std::string location() const override { return folder_; }
  std::vector<std::string> sequences() override {
    return fs::exists(nativePathFor(folder_)) || hasSweeps() ? std::vector{name_}
                                                             : std::vector<std::string>{};
  }

  StoredSequence loadSequence(const std::string& name) override {
    check(name);
    reload();
    StoredSequence out;
    out.sequence = seq_;
    for (std::size_t f = 0; f < seq_.size(); ++f) {
      out.boxes.push_back(stamps_[f]);
      out.reviewVersions.push_back(reviewVersions_[f]);
      out.labelVersions.push_back(labelVersions_[f]);
    }
    return out;
  }

  StoredFrame loadFrame(const std::string& name, std::size_t frame) override {
    check(name, frame);
    return {seq_.frames[frame], stamps_[frame], reviewVersions_[frame], labelVersions_[frame]};
  }

  BoxCommit commitBox(const std::string& name, std::size_t frame, const BoxChange& c) override {
    check(name, frame);
    Frame& f = seq_.frames[frame];
    std::vector<BoxStamp>& stamps = stamps_[frame];
    const auto taken = [&](std::size_t self) {
      for (std::size_t i = 0; i < f.objects.size(); ++i)
        if (i != self && c.object->trackId > 0 && f.objects[i].trackId == c.object->trackId)
          return true;
      return false;
    };
    if (c.id == 0) {
      if (!c.object) throw FileError(folder_, "", "a new box needs its object");
      if (taken(f.objects.size()))
        throw FileError(folder_, name + " frame " + std::to_string(frame),
                        trackIdTaken(c.object->trackId));
      f.objects.push_back(*c.object);
      stamps.push_back({nextId_++, 1});
      save();
      return {true, stamps.back(), std::nullopt};
    }
    std::size_t k = 0;
    while (k < stamps.size() && stamps[k].id != c.id) ++k;
    if (k == stamps.size()) return {false, {c.id, 0}, std::nullopt};  // deleted
    if (stamps[k].version != c.expectedVersion) return {false, stamps[k], f.objects[k]};
    if (!c.object) {
      f.objects.erase(f.objects.begin() + static_cast<std::ptrdiff_t>(k));
      stamps.erase(stamps.begin() + static_cast<std::ptrdiff_t>(k));
      save();
      return {true, {c.id, 0}, std::nullopt};
    }
    if (taken(k)) return {false, stamps[k], f.objects[k], trackIdTaken(c.object->trackId)};
    f.objects[k] = *c.object;
    ++stamps[k].version;
    save();
    return {true, stamps[k], std::nullopt};
  }

  StoredLabels loadPointLabels(const std::string& name, std::size_t frame) override {
    check(name, frame);
    const Frame& f = seq_.frames[frame];
    if (f.pointLabelPath.empty()) return {};
    return {labelVersions_[frame], readPointLabels(resolvePath(seq_.root, f.pointLabelPath))};
  }

  LabelCommit commitPointLabels(const std::string& name, std::size_t frame, std::int64_t expected,
                                const PointLabels& labels) override {
    check(name, frame);
    if (labelVersions_[frame] != expected)
      return {false, labelVersions_[frame], loadPointLabels(name, frame).labels};
    Frame& f = seq_.frames[frame];
    const bool newPath = f.pointLabelPath.empty();
    if (newPath) f.pointLabelPath = sidecarPathFor(frame);
    writePointLabels(resolvePath(seq_.root, f.pointLabelPath), labels);
    if (newPath) save();
    return {true, ++labelVersions_[frame], {}};
  }

  ReviewCommit commitFrameReview(const std::string& name, std::size_t frame, std::int64_t expected,
                                 const ReviewRecord& review) override {
    check(name, frame);
    if (reviewVersions_[frame] != expected)
      return {false, reviewVersions_[frame], seq_.frames[frame].review};
    seq_.frames[frame].review = review;
    save();
    return {true, ++reviewVersions_[frame], {}};
  }

  void importSequence(const std::string& name, const Sequence& s) override {
    if (name != name_)
      throw FileError(folder_, "",
                      "this folder holds sequence '" + name_ + "', not '" + name + "'");
    if (fs::exists(nativePathFor(folder_)))
      throw FileError(nativePathFor(folder_), "", "already exists; import into an empty folder");
    writeFolderAtomic(folder_, {}, [&](const std::string& staging) {
      saveNativeSequence(s, nativePathFor(staging));
      for (const Frame& f : s.frames) {
        if (f.pointLabelPath.empty()) continue;
        const fs::path out = fs::path(staging) / f.pointLabelPath;
        fs::create_directories(out.parent_path());
        fs::copy_file(resolvePath(s.root, f.pointLabelPath), out);
      }
    });
    loaded_ = false;
  }

 private:
  bool hasSweeps() const {
    try {
      detectSequenceLayout(folder_);
      return true;
    } catch (const FileError&) {
      return false;
    }
  }

  void reload() {
    seq_ = openSequence(folder_);
    stamps_.assign(seq_.size(), {});
    reviewVersions_.assign(seq_.size(), 1);
    labelVersions_.assign(seq_.size(), 0);
    for (std::size_t f = 0; f < seq_.size(); ++f) {
      for (std::size_t k = 0; k < seq_.frames[f].objects.size(); ++k)
        stamps_[f].push_back({nextId_++, 1});
      if (!seq_.frames[f].pointLabelPath.empty()) labelVersions_[f] = 1;
    }
    loaded_ = true;
  }

  void check(const std::string& name) const {
    if (name != name_)
      throw FileError(folder_, "",
                      "no sequence '" + name + "' here (this folder holds '" + name_ + "')");
  }
  void check(const std::string& name, std::size_t frame) {
    check(name);
    if (!loaded_) reload();
    if (frame >= seq_.size())
      throw FileError(folder_, "frame " + std::to_string(frame),
                      "out of range (" + std::to_string(seq_.size()) + " frames)");
  }

  // labels/<sweep stem>.llpl, or <stem>-<k>.llpl when another frame's sidecar has that name.
  std::string sidecarPathFor(std::size_t frame) const {
    const std::string stem = fs::path(seq_.frames[frame].info.sweepPath).stem().stem().string();
    for (int k = 0;; ++k) {
      std::string rel = "labels/";
      rel.append(stem);
      if (k > 0) rel.append("-").append(std::to_string(k));
      rel.append(".llpl");
      bool taken = fs::exists(fs::path(seq_.root) / rel);
      for (const Frame& f : seq_.frames) taken = taken || f.pointLabelPath == rel;
      if (!taken) return rel;
    }
  }

  void save() { saveNativeSequence(seq_, nativePathFor(folder_)); }

  std::string folder_, name_;
  bool loaded_ = false;
  Sequence seq_;
  std::vector<std::vector<BoxStamp>> stamps_;
  std::vector<std::int64_t> reviewVersions_, labelVersions_;
  std::int64_t nextId_ = 1;
};

}  // namespace

std::unique_ptr<Store> openFileStore(const std::string& folder) {
  return std::make_unique<FileStore>(folder);
}

}  // namespace lidarlabel
