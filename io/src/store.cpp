// openStore, the scheme registry, export of a stored sequence and the point-label merge.
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/folder_transaction.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/store.h"

namespace fs = std::filesystem;

namespace lidarlabel {

namespace {

std::mutex registryMutex;
std::map<std::string, StoreOpener>& registry() {
  static std::map<std::string, StoreOpener> openers;
  return openers;
}

}  // namespace

void registerStoreScheme(const std::string& scheme, StoreOpener opener) {
  const std::lock_guard<std::mutex> lock(registryMutex);
  registry()[scheme] = std::move(opener);
}

std::unique_ptr<Store> openStore(const std::string& uri) {
  const auto colon = uri.find("://");
  if (colon == std::string::npos) return openFileStore(uri);
  const std::string scheme = uri.substr(0, colon);
  StoreOpener opener;
  {
    const std::lock_guard<std::mutex> lock(registryMutex);
    const auto it = registry().find(scheme);
    if (it != registry().end()) opener = it->second;
  }
  if (!opener)
    throw FileError(scheme + "://...", "",
                    scheme == "postgresql" || scheme == "postgres"
                        ? "this build has no PostgreSQL support (libpq-dev was missing when it "
                          "was built)"
                        : "unknown store scheme '" + scheme + "' (a folder or postgresql://)");
  return opener(uri);
}

void exportSequence(Store& store, const std::string& name, const std::string& folder) {
  const StoredSequence stored = store.loadSequence(name);
  writeFolderAtomic(folder, {}, [&](const std::string& staging) {
    saveNativeSequence(stored.sequence, nativePathFor(staging));
    for (std::size_t f = 0; f < stored.sequence.size(); ++f) {
      const std::string& rel = stored.sequence.frames[f].pointLabelPath;
      if (rel.empty()) continue;
      const StoredLabels labels = store.loadPointLabels(name, f);
      if (labels.version == 0)
        throw FileError(store.location(), name + " frame " + std::to_string(f),
                        "names point labels '" + rel + "' but none are stored");
      const fs::path out = fs::path(staging) / rel;
      fs::create_directories(out.parent_path());
      writePointLabels(out.string(), labels.labels);
    }
  });
}

std::string trackIdTaken(std::uint32_t trackId) {
  return "track id " + std::to_string(trackId) + " is used by another box of this frame";
}

PointLabels mergePointLabels(const PointLabels& base, const PointLabels& mine,
                             const PointLabels& theirs, std::size_t* conflicts) {
  const std::size_t n = mine.size();
  if (theirs.size() != n || (!base.empty() && base.size() != n))
    throw std::invalid_argument("mergePointLabels: label arrays differ in size");
  PointLabels out = theirs;
  std::size_t clashes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint16_t bs = base.empty() ? 0 : base.semantic[i];
    const std::uint16_t bi = base.empty() ? 0 : base.instance[i];
    const bool mineChanged = mine.semantic[i] != bs || mine.instance[i] != bi;
    const bool theirsChanged = theirs.semantic[i] != bs || theirs.instance[i] != bi;
    if (!mineChanged) continue;
    if (theirsChanged &&
        (theirs.semantic[i] != mine.semantic[i] || theirs.instance[i] != mine.instance[i])) {
      ++clashes;
      continue;
    }
    out.semantic[i] = mine.semantic[i];
    out.instance[i] = mine.instance[i];
  }
  if (conflicts) *conflicts = clashes;
  return out;
}

}  // namespace lidarlabel
