#pragma once
// Shared pieces of the command-line front end. Each subcommand is a function
// int(args) returning the process exit status; errors are reported as one line on stderr.
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::cli {

struct Command {
  std::string name;
  std::string summary;  // one line for --help
  std::string usage;    // full usage text for "<cmd> --help"
  std::function<int(const std::vector<std::string>& args)> run;
};

// All subcommands, in --help order (defined in commands.cpp).
const std::vector<Command>& commands();

// Minimal option parsing: "--key value" and "--flag". Unknown options are an error.
class Args {
 public:
  // spec: option names (without "--") that take a value; flags: options without a value.
  Args(const std::vector<std::string>& args, const std::vector<std::string>& valued,
       const std::vector<std::string>& flags);
  std::optional<std::string> value(const std::string& key) const;
  std::string valueOr(const std::string& key, const std::string& fallback) const;
  long long intOr(const std::string& key, long long fallback) const;  // throws UsageError
  double doubleOr(const std::string& key, double fallback) const;     // throws UsageError
  bool flag(const std::string& key) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
  std::vector<std::string> flags_;
  std::vector<std::string> positional_;
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The --nan option shared by the sweep-reading commands: reject, drop or keep; `fallback` when
// absent (convert: reject, so that the user chooses what happens to point indices; info: keep).
NonFinitePolicy nanPolicy(const Args& args, NonFinitePolicy fallback = NonFinitePolicy::Reject);

// What --nan drop and --nan keep do to point indices (appended to a rejected sweep's error).
extern const char* const kNanOptionHint;

// A progress bar on stderr ("label [#####.....] 12/40"), redrawn at most ~10 times a second;
// silent when stderr is not a terminal unless forced.
class Progress {
 public:
  Progress(std::string label, std::size_t total);
  void update(std::size_t done);
  void finish();

 private:
  std::string label_;
  std::size_t total_;
  bool tty_;
  long long lastMs_ = -1000;
};

}  // namespace lidarlabel::cli
