// Fixed-size result records, written as 32-bit words so JavaScript reads them through
// a Uint32Array / Int32Array view without building an object per NAL unit.
// The TypeScript mirror is src/inspect/records.ts; a test checks both agree.
#pragma once
#include <cstdint>

namespace mi::rec {

// Frame (access unit; a complementary field pair is one frame).
enum FrameField : unsigned {
  kFrameOffsetLo = 0,   ///< absolute offset of the first NAL unit byte (start code excluded)
  kFrameOffsetHi,
  kFrameSize,           ///< bytes to the end of the last NAL unit
  kFrameFirstNal,       ///< index of the first NAL unit
  kFrameNalCount,
  kFrameFlags,          ///< FrameFlag bits
  kFramePicType,        ///< PicType
  kFramePoc,            ///< int32
  kFrameFrameNum,
  kFrameIds,            ///< sps_id | pps_id << 8 | vps_id << 16 | temporal_id << 24
  kFrameVcl,            ///< first VCL nal_unit_type | slice count << 8
  kFrameIssueFlags,     ///< IssueClass bits of the issues raised on this frame
  kFramePtsLo,          ///< int64 90 kHz, -1 when absent
  kFramePtsHi,
  kFrameDtsLo,
  kFrameDtsHi,
  kFrameStride
};

enum FrameFlag : uint32_t {
  kKeyframe = 1u << 0,       ///< random access point: IDR / IRAP / recovery point SEI
  kIdr = 1u << 1,
  kIrap = 1u << 2,
  kRecoveryPoint = 1u << 3,
  kField = 1u << 4,
  kBottomField = 1u << 5,
  kFieldPair = 1u << 6,
  kMbaff = 1u << 7,
  kHasSps = 1u << 8,
  kHasPps = 1u << 9,
  kHasVps = 1u << 10,
  kHasAud = 1u << 11,
  kReference = 1u << 12,
  kRasl = 1u << 13,
  kRadl = 1u << 14,
  kCra = 1u << 15,
  kBla = 1u << 16,
  kEndOfSequence = 1u << 17,
  kCutByEof = 1u << 18,      ///< the stream ended inside this frame
  kNoPicture = 1u << 19,     ///< no slice of a primary picture in the access unit
  kHasSei = 1u << 20,
  kParamSetChanged = 1u << 21,
  kDamageInherited = 1u << 22,  ///< depends on a damaged reference picture (until the next clean random access point)
  kLeadingSkipped = 1u << 23,   ///< RASL picture of a CRA/BLA that starts decoding: not decodable, as expected (H.265 8.1.3)
  kUnpairedField = 1u << 24,    ///< a field without its complementary field
};

// NAL unit.
enum NalField : unsigned {
  kNalOffsetLo = 0,   ///< absolute offset of the NAL unit header
  kNalOffsetHi,
  kNalSize,
  kNalHeader,         ///< nal_unit_type | ref_idc_or_layer << 8 | temporal_id << 16 | prefix_len << 24
  kNalFrame,
  kNalEpbCount,
  kNalFlags,          ///< NalFlag bits
  kNalScanIssues,     ///< ScanIssue bit mask
  kNalStride
};

enum NalFlag : uint32_t {
  kNalForbiddenBit = 1u << 0,
  kNalPrefixOnly = 1u << 1,
  kNalCutByEof = 1u << 2,
  kNalParseError = 1u << 3,
  kNalFirstSliceOfPicture = 1u << 4,
  kNalParamSetChanged = 1u << 5,
  kNalVcl = 1u << 6,
};

// Issue.
enum IssueField : unsigned {
  kIssueCode = 0,
  kIssueOffsetLo,
  kIssueOffsetHi,
  kIssueNal,          ///< NAL index, 0xFFFFFFFF when none
  kIssueFrame,        ///< frame index, 0xFFFFFFFF when none
  kIssueElement,      ///< element-name id (0 = none), see Inspector::element_name()
  kIssueFoundLo,      ///< int64 value found
  kIssueFoundHi,
  kIssueMinLo,        ///< int64 allowed minimum / expected value
  kIssueMinHi,
  kIssueMaxLo,        ///< int64 allowed maximum
  kIssueMaxHi,
  kIssueStride
};

// Frame issue classes (kFrameIssueFlags), one bit per IssueKind plus a damage bit.
enum IssueClass : uint32_t {
  kClassNeedMoreData = 1u << 0,
  kClassBroken = 1u << 1,
  kClassMissingReference = 1u << 2,
  kClassUnsupported = 1u << 3,
  kClassEvent = 1u << 4,
  kClassDamaged = 1u << 5,  ///< an issue of severity medium or above
};

constexpr uint32_t kNone = 0xFFFFFFFFu;

}  // namespace mi::rec
