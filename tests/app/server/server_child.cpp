// A second client for the two-process window tests: edits one frame of a server sequence as its
// own process and login role, then exits. Usage:
//   server_child URI SEQUENCE FRAME taller BOX_INDEX METRES   (one box: size z += METRES)
//   server_child URI SEQUENCE FRAME paint FIRST COUNT SEMANTIC (points FIRST.. get SEMANTIC)
// Each is one compare-and-set commit on the version it read. Prints "ok VERSION" or
// "conflict VERSION"; exit code 0 / 1, 2 on bad usage or a server error.
#include <cstdio>
#include <exception>
#include <string>

#include "lidarlabel/io/pg_store.h"

int main(int argc, char** argv) {
  using namespace lidarlabel;
  if (argc != 7 && argc != 8) {
    std::fprintf(stderr, "usage: server_child URI SEQUENCE FRAME taller|paint ...\n");
    return 2;
  }
  try {
    const std::unique_ptr<ServerStore> store = ServerStore::open(argv[1]);
    const std::string sequence = argv[2], what = argv[4];
    const auto frame = static_cast<std::size_t>(std::stoul(argv[3]));
    if (what == "taller" && argc == 7) {
      StoredFrame f = store->loadFrame(sequence, frame);
      const auto k = static_cast<std::size_t>(std::stoul(argv[5]));
      ObjectAnnotation o = f.frame.objects.at(k);
      o.box.size.z() += std::stod(argv[6]);
      const BoxCommit c =
          store->commitBox(sequence, frame, {f.boxes[k].id, f.boxes[k].version, o, ""});
      std::printf("%s %lld\n", c.ok ? "ok" : "conflict", static_cast<long long>(c.stamp.version));
      return c.ok ? 0 : 1;
    }
    if (what == "paint" && argc == 8) {
      StoredLabels l = store->loadPointLabels(sequence, frame);
      const auto first = std::stoul(argv[5]), count = std::stoul(argv[6]);
      for (std::size_t i = first; i < first + count && i < l.labels.size(); ++i)
        l.labels.semantic[i] = static_cast<std::uint16_t>(std::stoul(argv[7]));
      const LabelCommit c = store->commitPointLabels(sequence, frame, l.version, l.labels);
      std::printf("%s %lld\n", c.ok ? "ok" : "conflict", static_cast<long long>(c.version));
      return c.ok ? 0 : 1;
    }
    std::fprintf(stderr, "usage: server_child URI SEQUENCE FRAME taller|paint ...\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
}
