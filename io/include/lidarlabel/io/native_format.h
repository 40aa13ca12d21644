#pragma once
// The native annotation format: one versioned JSON document per sequence
// ("<sequence>/annotations.lidarlabel.json") plus one binary point-label sidecar per labelled
// frame. Spec: docs/native-format.md. All saves are atomic (see atomic_file.h).
#include <string>

#include "lidarlabel/core/annotation.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel {

// Schema 2 added review records (objects' "review_log", frames' "review") and frames'
// "annotation_seconds". A document is written with the lowest schema that holds it (1 when it has
// none of these), and every schema up to kNativeSchemaVersion is read.
inline constexpr int kNativeSchemaVersion = 2;
inline constexpr const char* kNativeFileName = "annotations.lidarlabel.json";

// Loads a native JSON document. root of the result = the document's folder. Throws FileError
// for malformed JSON (with line/column), a missing or wrong-typed field (with its JSON path),
// an unknown provenance/review value, or a schema_version newer than this build understands.
Sequence loadNativeSequence(const std::string& jsonPath);

// Serialises to the JSON text (deterministic: same sequence -> same bytes).
std::string nativeSequenceToJson(const Sequence& sequence);
// Parses JSON text; `fileName` is used in errors only.
Sequence nativeSequenceFromJson(const std::string& text, const std::string& fileName);

// Saves atomically; the previous file survives any failure.
void saveNativeSequence(const Sequence& sequence, const std::string& jsonPath);

// Point-label sidecar ("*.llpl"): little-endian header {magic "LLPL", uint32 version = 1,
// uint64 count, uint32 crc32 of the payload}, then count uint16 semantic, then count uint16
// instance. Read checks magic, version, size and checksum; expectedCount (if not -1) must match.
PointLabels readPointLabels(const std::string& path, long long expectedCount = -1);
void writePointLabels(const std::string& path, const PointLabels& labels);  // atomic

}  // namespace lidarlabel
