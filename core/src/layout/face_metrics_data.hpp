#pragma once
/// The tables tools/gen_face_metrics.py writes into face_metrics_data.cpp.
#include <cstddef>

namespace bangfu::layout::data {

/// Consecutive BMP code points [first, last] of one advance (1/1000 em).
struct AdvanceRun {
  unsigned short first;
  unsigned short last;
  unsigned short milliEm;
};

inline constexpr char32_t kIdeographFirst = 0x3400;  // CJK Extension A …
inline constexpr char32_t kIdeographLast = 0x9FFF;   // … to the end of the URO

struct FaceData {
  const char* file;            ///< the font file the numbers were read from
  const AdvanceRun* advances;  ///< sorted by `first`
  std::size_t advanceCount;
  const unsigned char* ideographs;  ///< bit (cp − kIdeographFirst): the face has the glyph (1 em)
};

/// Fang, Hei, Kai, Song, Title: the order of layout::Face.
inline constexpr std::size_t kFaceCount = 5;
extern const FaceData kFaces[kFaceCount];
extern const unsigned char kGb2312Ideographs[];

}  // namespace bangfu::layout::data
