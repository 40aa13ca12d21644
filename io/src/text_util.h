#pragma once
// Small text helpers for the line-based label formats. Private to io/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lidarlabel {

// Tokens separated by any run of whitespace (spaces, tabs, CR).
std::vector<std::string> splitWhitespace(std::string_view line);
// The whole token must be a finite decimal number ("nan", "inf" and overflow are rejected).
std::optional<double> parseDouble(const std::string& token);
// The whole token must be an integer (a float with zero fraction, e.g. "3.000", is accepted).
std::optional<long long> parseInteger(const std::string& token);
// printf("%.*f") into a std::string; -0.00 is written as 0.00.
std::string formatFixed(double v, int decimals);
// Appends the shortest decimal text that reads back as exactly v (std::to_chars).
void appendShortest(std::string& out, float v);

}  // namespace lidarlabel
