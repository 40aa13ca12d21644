// PCD v0.7 header parser. Format notes: docs/formats.md "PCD".
#include "pcd_header.h"

#include <charconv>

#include "lidarlabel/core/errors.h"

namespace lidarlabel::pcd_detail {

namespace {
using decode::Scalar;

class HeaderParser {
 public:
  HeaderParser(std::string_view bytes, const std::string& file) : bytes_(bytes), file_(file) {}

  PcdHeader parse() {
    std::size_t pos = 0;
    bool haveWidth = false, haveHeight = false, havePoints = false, haveCount = false;
    std::vector<std::size_t> sizes, counts;
    std::vector<std::string_view> types;
    std::size_t fieldsLine = 0, typeLine = 0, pointsLine = 0;
    while (true) {
      if (pos >= bytes_.size()) fail(line_ + 1, "header ends without a DATA line");
      std::size_t eol = bytes_.find('\n', pos);
      const bool last = eol == std::string_view::npos;
      if (last) eol = bytes_.size();
      std::string_view text = bytes_.substr(pos, eol - pos);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      pos = last ? eol : eol + 1;
      ++line_;
      const auto words = decode::splitWords(text);
      if (words.empty() || words[0][0] == '#') continue;
      const std::string_view key = words[0];
      const std::vector<std::string_view> args(words.begin() + 1, words.end());
      if (key == "VERSION") continue;
      if (key == "VIEWPOINT") continue;  // acquisition pose; points stay in the file's frame
      if (key == "FIELDS") {
        fieldsLine = line_;
        for (auto a : args) h_.fields.push_back(PcdField{std::string(a)});
      } else if (key == "SIZE") {
        for (auto a : args) sizes.push_back(number(a, "SIZE"));
      } else if (key == "TYPE") {
        typeLine = line_;
        types = args;
      } else if (key == "COUNT") {
        haveCount = true;
        for (auto a : args) counts.push_back(number(a, "COUNT"));
      } else if (key == "WIDTH") {
        h_.width = single(args, "WIDTH");
        haveWidth = true;
      } else if (key == "HEIGHT") {
        h_.height = single(args, "HEIGHT");
        haveHeight = true;
      } else if (key == "POINTS") {
        h_.points = single(args, "POINTS");
        havePoints = true;
        pointsLine = line_;
      } else if (key == "DATA") {
        if (args.size() != 1) fail(line_, "DATA needs one of ascii, binary, binary_compressed");
        h_.data = std::string(args[0]);
        if (h_.data != "ascii" && h_.data != "binary" && h_.data != "binary_compressed")
          fail(line_, "unknown DATA encoding '" + h_.data + "'");
        h_.dataOffset = pos;
        h_.lines = line_;
        break;
      } else {
        fail(line_, "unknown header entry '" + std::string(key) + "'");
      }
    }
    const std::size_t nf = h_.fields.size();
    if (nf == 0) fail(line_, "no FIELDS line before DATA");
    if (sizes.size() != nf)
      fail(line_, "SIZE has " + std::to_string(sizes.size()) + " entries for " +
                      std::to_string(nf) + " FIELDS");
    if (types.size() != nf)
      fail(line_, "TYPE has " + std::to_string(types.size()) + " entries for " +
                      std::to_string(nf) + " FIELDS");
    if (!haveCount) counts.assign(nf, 1);
    if (counts.size() != nf)
      fail(line_, "COUNT has " + std::to_string(counts.size()) + " entries for " +
                      std::to_string(nf) + " FIELDS");
    if (!haveWidth || !haveHeight) fail(line_, "WIDTH and HEIGHT are required");
    std::size_t wh = 0;
    if (__builtin_mul_overflow(h_.width, h_.height, &wh)) fail(line_, "WIDTH * HEIGHT overflows");
    if (!havePoints) h_.points = wh;
    if (wh != h_.points)
      fail(pointsLine, "POINTS " + std::to_string(h_.points) + " != WIDTH * HEIGHT = " +
                           std::to_string(h_.width) + " * " + std::to_string(h_.height));
    bool xyz[3] = {false, false, false};
    for (std::size_t i = 0; i < nf; ++i) {
      PcdField& f = h_.fields[i];
      f.size = sizes[i];
      f.count = counts[i];
      if (types[i].size() != 1)
        fail(typeLine, "TYPE '" + std::string(types[i]) + "' is not I, U or F");
      f.type = types[i][0];
      const auto scalar = decode::pcdScalar(f.type, f.size);
      if (!scalar)
        fail(typeLine, "field '" + f.name + "': TYPE " + f.type + " with SIZE " +
                           std::to_string(f.size) + " is not a PCD type");
      f.scalar = *scalar;
      if (f.count == 0 || f.count > 65536)
        fail(line_, "field '" + f.name + "': COUNT " + std::to_string(f.count) + " out of range");
      f.rowOffset = h_.rowSize;
      h_.rowSize += f.size * f.count;
      if (f.name != "_") {
        f.soaOffset = h_.soaRowSize;
        h_.soaRowSize += f.size * f.count;
      }
      const int ch = decode::channelOf(f.name);
      if (ch >= decode::kX && ch <= decode::kZ) xyz[ch] = true;
    }
    for (int k = 0; k < 3; ++k)
      if (!xyz[k])
        fail(fieldsLine ? fieldsLine : line_,
             std::string("missing required field '") + "xyz"[k] + "'");
    return h_;
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& why) const {
    throw FileError(file_, atLine(line), why);
  }
  std::size_t number(std::string_view s, const char* key) const {
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
      fail(line_,
           std::string(key) + " value '" + std::string(s) + "' is not a non-negative integer");
    return v;
  }
  std::size_t single(const std::vector<std::string_view>& args, const char* key) const {
    if (args.size() != 1) fail(line_, std::string(key) + " needs exactly one value");
    return number(args[0], key);
  }

  std::string_view bytes_;
  const std::string& file_;
  std::size_t line_ = 0;
  PcdHeader h_;
};
}  // namespace

PcdHeader parsePcdHeader(std::string_view bytes, const std::string& file) {
  return HeaderParser(bytes, file).parse();
}

}  // namespace lidarlabel::pcd_detail
