// lidarlabel-cli: batch tools on sequences and label files (core + io only).
#include <cstdio>
#include <exception>

#include "cli.h"

namespace {
void printHelp() {
  std::printf(
      "lidarlabel-cli: LiDAR annotation tools (see README.md)\n\n"
      "usage: lidarlabel-cli <command> [options]\n"
      "       lidarlabel-cli <command> --help\n\ncommands:\n");
  for (const auto& c : lidarlabel::cli::commands())
    std::printf("  %-12s %s\n", c.name.c_str(), c.summary.c_str());
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    printHelp();
    return args.empty() ? 2 : 0;
  }
  for (const auto& c : lidarlabel::cli::commands()) {
    if (c.name != args[0]) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (!rest.empty() && (rest[0] == "--help" || rest[0] == "-h")) {
      std::printf("%s\n", c.usage.c_str());
      return 0;
    }
    try {
      return c.run(rest);
    } catch (const lidarlabel::cli::UsageError& e) {
      std::fprintf(stderr, "lidarlabel-cli %s: %s\n%s\n", c.name.c_str(), e.what(),
                   c.usage.c_str());
      return 2;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "lidarlabel-cli %s: error: %s\n", c.name.c_str(), e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "lidarlabel-cli: unknown command '%s' (try --help)\n", args[0].c_str());
  return 2;
}
