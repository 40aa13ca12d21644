#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::cli {

Args::Args(const std::vector<std::string>& args, const std::vector<std::string>& valued,
           const std::vector<std::string>& flags) {
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      positional_.push_back(a);
      continue;
    }
    std::string key = a.substr(2), val;
    const auto eq = key.find('=');
    const bool inlineValue = eq != std::string::npos;
    if (inlineValue) {
      val = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    if (has(valued, key)) {
      if (!inlineValue) {
        if (i + 1 >= args.size()) throw UsageError("--" + key + " needs a value");
        val = args[++i];
      }
      values_.emplace_back(key, val);
    } else if (has(flags, key) && !inlineValue) {
      flags_.push_back(key);
    } else {
      throw UsageError("unknown option --" + key);
    }
  }
}

std::optional<std::string> Args::value(const std::string& key) const {
  for (auto it = values_.rbegin(); it != values_.rend(); ++it)
    if (it->first == key) return it->second;
  return std::nullopt;
}

std::string Args::valueOr(const std::string& key, const std::string& fallback) const {
  return value(key).value_or(fallback);
}

long long Args::intOr(const std::string& key, long long fallback) const {
  const auto v = value(key);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    const long long r = std::stoll(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return r;
  } catch (const std::exception&) {
    throw UsageError("--" + key + " expects an integer, got '" + *v + "'");
  }
}

double Args::doubleOr(const std::string& key, double fallback) const {
  const auto v = value(key);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    const double r = std::stod(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return r;
  } catch (const std::exception&) {
    throw UsageError("--" + key + " expects a number, got '" + *v + "'");
  }
}

bool Args::flag(const std::string& key) const {
  return std::find(flags_.begin(), flags_.end(), key) != flags_.end();
}

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), tty_(::isatty(STDERR_FILENO) != 0) {}

void Progress::update(std::size_t done) {
  if (!tty_ || total_ == 0) return;
  const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now().time_since_epoch())
                            .count();
  if (done < total_ && now - lastMs_ < 100) return;
  lastMs_ = now;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * done / total_);
  std::fprintf(stderr, "\r%s [%.*s%*s] %zu/%zu", label_.c_str(), filled,
               "##############################", kWidth - filled, "", done, total_);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!tty_ || total_ == 0) return;
  update(total_);
  std::fputc('\n', stderr);
}

const char* const kNanOptionHint =
    "choose --nan keep (no-return points stay as NaN, every point keeps its index, per-point "
    "labels stay aligned) or --nan drop (they are removed, later points' indices shift down)";

NonFinitePolicy nanPolicy(const Args& args, NonFinitePolicy fallback) {
  const auto given = args.value("nan");
  if (!given) return fallback;
  const std::string& v = *given;
  if (v == "reject") return NonFinitePolicy::Reject;
  if (v == "drop") return NonFinitePolicy::Drop;
  if (v == "keep") return NonFinitePolicy::Keep;
  throw UsageError("--nan expects reject, drop or keep");
}

}  // namespace lidarlabel::cli
