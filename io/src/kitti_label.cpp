#include "lidarlabel/io/kitti_label.h"

#include <cmath>
#include <sstream>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "text_util.h"

namespace lidarlabel {

namespace {

const char* const kColumnNames[] = {"type",       "truncated",  "occluded",   "alpha",
                                    "bbox left",  "bbox top",   "bbox right", "bbox bottom",
                                    "height",     "width",      "length",     "location x",
                                    "location y", "location z", "rotation_y", "score"};

// Parses the 15/16 object columns starting at tok[first].
KittiLabel parseObjectColumns(const std::vector<std::string>& tok, std::size_t first,
                              const std::string& file, std::size_t lineNo) {
  auto num = [&](std::size_t col) {
    const auto v = parseDouble(tok[first + col]);
    if (!v)
      throw FileError(file, atLine(lineNo),
                      std::string("column ") + std::to_string(first + col + 1) + " (" +
                          kColumnNames[col] + ") '" + tok[first + col] + "' is not a number");
    return *v;
  };
  KittiLabel l;
  l.type = tok[first];
  l.truncated = num(1);
  const double occ = num(2);
  if (!(occ >= -1000 && occ <= 1000) || occ != static_cast<int>(occ))
    throw FileError(file, atLine(lineNo), "occluded '" + tok[first + 2] + "' is not an integer");
  l.occluded = static_cast<int>(occ);
  l.alpha = num(3);
  for (int i = 0; i < 4; ++i)
    l.bbox[static_cast<std::size_t>(i)] = num(4 + static_cast<std::size_t>(i));
  l.dimensions = {num(8), num(9), num(10)};
  l.location = {num(11), num(12), num(13)};
  l.rotationY = num(14);
  if (tok.size() - first == 16) l.score = num(15);
  for (std::size_t c = 0; first + c < tok.size(); ++c) l.text[c] = tok[first + c];
  return l;
}

template <typename RowFn>
void forEachLine(const std::string& text, RowFn fn) {
  std::istringstream in(text);
  std::string line;
  std::size_t lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    const std::vector<std::string> tok = splitWhitespace(line);
    if (!tok.empty()) fn(tok, lineNo);
  }
}

// Column `col` holding `v`: its text as read while that still parses to v, else `formatted`.
std::string columnText(const KittiLabel& l, std::size_t col, double v, std::string formatted) {
  const std::string& t = l.text[col];
  if (!t.empty())
    if (const auto read = parseDouble(t); read && *read == v) return t;
  return formatted;
}

void appendObjectColumns(std::string& out, const KittiLabel& l, int d, bool truncAsInt) {
  std::size_t col = 0;
  auto put = [&](double v, std::string formatted) {
    out += ' ';
    out += columnText(l, col++, v, std::move(formatted));
  };
  auto f = [&](double v) { put(v, formatFixed(v, d)); };
  out += l.type;
  ++col;
  if (truncAsInt && std::abs(l.truncated) < 1e9) {
    put(l.truncated, std::to_string(static_cast<long long>(l.truncated)));
  } else {
    f(l.truncated);
  }
  put(l.occluded, std::to_string(l.occluded));
  f(l.alpha);
  for (double b : l.bbox) f(b);
  for (int i = 0; i < 3; ++i) f(l.dimensions[i]);
  for (int i = 0; i < 3; ++i) f(l.location[i]);
  f(l.rotationY);
  if (l.score) f(*l.score);
}

}  // namespace

std::vector<KittiLabel> parseKittiObjectLabels(const std::string& text,
                                               const std::string& fileName) {
  std::vector<KittiLabel> out;
  forEachLine(text, [&](const std::vector<std::string>& tok, std::size_t lineNo) {
    if (tok.size() != 15 && tok.size() != 16)
      throw FileError(fileName, atLine(lineNo),
                      "has " + std::to_string(tok.size()) +
                          " columns; a KITTI label_2 line has 15 (16 with score)");
    out.push_back(parseObjectColumns(tok, 0, fileName, lineNo));
  });
  return out;
}

std::vector<KittiLabel> readKittiObjectLabels(const std::string& path) {
  return parseKittiObjectLabels(readFile(path), path);
}

std::string kittiObjectLabelsToText(const std::vector<KittiLabel>& labels) {
  std::string out;
  for (const KittiLabel& l : labels) {
    appendObjectColumns(out, l, 2, false);
    out += '\n';
  }
  return out;
}

std::vector<KittiLabel> parseKittiTrackingLabels(const std::string& text,
                                                 const std::string& fileName) {
  std::vector<KittiLabel> out;
  forEachLine(text, [&](const std::vector<std::string>& tok, std::size_t lineNo) {
    if (tok.size() != 17 && tok.size() != 18)
      throw FileError(fileName, atLine(lineNo),
                      "has " + std::to_string(tok.size()) +
                          " columns; a KITTI tracking label_02 line has 17 (18 with score)");
    const auto frame = parseInteger(tok[0]);
    const auto track = parseInteger(tok[1]);
    if (!frame || *frame < 0 || *frame > 1000000)
      throw FileError(fileName, atLine(lineNo), "frame '" + tok[0] + "' is not a frame index");
    if (!track || *track < -1 || *track > 0x7FFFFFFF)
      throw FileError(fileName, atLine(lineNo),
                      "track id '" + tok[1] + "' is not an integer >= -1");
    KittiLabel l = parseObjectColumns(tok, 2, fileName, lineNo);
    l.frame = static_cast<int>(*frame);
    l.trackId = static_cast<int>(*track);
    out.push_back(std::move(l));
  });
  return out;
}

std::string kittiTrackingLabelsToText(const std::vector<KittiLabel>& labels) {
  std::string out;
  for (const KittiLabel& l : labels) {
    out += std::to_string(l.frame) + ' ' + std::to_string(l.trackId) + ' ';
    appendObjectColumns(out, l, 6, true);
    out += '\n';
  }
  return out;
}

}  // namespace lidarlabel
