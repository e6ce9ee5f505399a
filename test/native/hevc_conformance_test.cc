// Runs the HEVC Front over the third-party streams of the shared conformance corpus
// (/work/shared/conformance, or ../shared/conformance next to the repository; skipped when
// absent; the files are read in place, never copied) and compares with MANIFEST.tsv:
// pictures (first_slice_of_picture) == packet_count, IRAP pictures == keyframe_count,
// and the summary's profile / level / size / chroma format / bit depth.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>
#include "check.h"
#include "hevc/front.h"

namespace {

std::string corpus_dir() {
  for (const std::string& d : {std::string("/work/shared/conformance"), mitest::repo_path("../shared/conformance")}) {
    std::ifstream f(d + "/MANIFEST.tsv");
    if (f) return d;
  }
  return "";
}

struct Row {
  std::string path, profile_level, res_fmt;
  long packets = 0, keyframes = 0;
};

std::vector<Row> hevc_rows(const std::string& dir) {
  std::vector<Row> rows;
  std::ifstream f(dir + "/MANIFEST.tsv");
  std::string line;
  std::getline(f, line);  // header
  while (std::getline(f, line)) {
    std::vector<std::string> c;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) c.push_back(cell);
    if (c.size() < 15 || c[5] != "hevc") continue;
    if (c[0].rfind("hevc/", 0) != 0 && c[0].rfind("corrupt/", 0) != 0) continue;  // raw Annex B only
    Row r;
    r.path = c[0];
    r.profile_level = c[6];
    r.res_fmt = c[7];
    r.packets = std::atol(c[10].c_str());
    r.keyframes = std::atol(c[8].empty() ? "0" : c[9].c_str());
    rows.push_back(r);
  }
  return rows;
}

// Test-local Annex B splitter: NAL units between 00 00 01 start codes (a zero byte before a
// start code belongs to the next start code, trailing zeros are trimmed by the Front).
template <class F>
void for_each_nal(const std::vector<uint8_t>& b, F&& f) {
  size_t i = 0, n = b.size(), start = SIZE_MAX;
  while (i + 2 < n) {
    if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
      if (start != SIZE_MAX) f(b.data() + start, i - start);
      i += 3;
      start = i;
    } else {
      ++i;
    }
  }
  if (start != SIZE_MAX && start < n) f(b.data() + start, n - start);
}

// Differential oracle: for each stream, FNV-1a 64 of the lines "<element> <value>\n" of every
// slice_qp_delta, five_minus_max_num_merge_cand and num_entry_point_offsets that
// `ffmpeg -i F -c copy -bsf:v trace_headers -f null -` (ffmpeg 5.1, CBS tracer) prints, in
// bitstream order, and the line count. These elements come late in slice_segment_header(), so a
// match means every element before them was read with the right length as well.
struct TraceDigest {
  const char* path;
  long lines;
  uint64_t fnv;
};
const TraceDigest kTraceDigests[] = {
    {"hevc/10bit_128x128.h265", 5, 0x49f768442255a8deull},
    {"hevc/64x64-I-P-B-P.h265", 5, 0xb20900fe8be746dbull},
    {"hevc/akiyo.kvazaar.qp_30.265", 895, 0x8c2730122e0d5e40ull},
    {"hevc/akiyo.turing.qp_30.265", 898, 0x60f84320f92b05a9ull},
    {"hevc/akiyo.x265.qp_30.265", 898, 0xffe056580dc3966bull},
    {"hevc/amp_mincu16_176x144.h265", 8, 0x048ecf544fd3f75dull},
    {"hevc/b_qcif_10f.265", 18, 0xc72226894e588369ull},
    {"hevc/bbb.h265", 179, 0xf932b46bc3e818c6ull},
    {"hevc/bear.h265", 89, 0xde5969ba44bfe175ull},
    {"hevc/bframes3_128x128.h265", 19, 0xeaa6ef2ebead1c55ull},
    {"hevc/constrained_intra_128x128.h265", 7, 0x98ac44f1fa059163ull},
    {"hevc/ctu64_wpp.h265", 14, 0xcdf2048d290b887eull},
    {"hevc/culossless_176x144.h265", 8, 0xd2dec84834daa0d5ull},
    {"hevc/dep_slices.h265", 3, 0x6ce56c5ffde95e1dull},
    {"hevc/foo.265", 998, 0x39f1f9a9db61fed6ull},
    {"hevc/full_qcif_10f_10bit.265", 19, 0x58b0a544e2d94501ull},
    {"hevc/hdr10plus_tool_regular.hevc", 775, 0xcf76e5c2b5454527ull},
    {"hevc/hevc.265", 149, 0xe398d02a4de6bdacull},
    {"hevc/i_64x64_sao.265", 1, 0x62f0247ed8ecfde8ull},
    {"hevc/iphone_11s.messenger.704x1280.265", 748, 0x75c7d8162deadb29ull},
    {"hevc/main10_422_176x144.h265", 8, 0x924c8717e168e346ull},
    {"hevc/main12_176x144.h265", 8, 0x924c8717e168e346ull},
    {"hevc/mono_176x144.h265", 8, 0x924c8717e168e346ull},
    {"hevc/multi_slice_sao_deblock_256x256.h265", 16, 0x0d17011bdd04c8d5ull},
    {"hevc/multimsg-sei.hevc", 2, 0x0463859abfcc41b0ull},
    {"hevc/no_filter_across_slices_256x256.h265", 17, 0x7b0b8763132c259bull},
    {"hevc/nvenc.265", 1199, 0x9e22d2fe69b71601ull},
    {"hevc/paris-ra-wpp.bin", 2968, 0xcca6d8127bc27c32ull},
    {"hevc/pcm_hm_64x64.h265", 1, 0xf1384c8a8c1e2c21ull},
    {"hevc/r413-palette.hevc", 1, 0xf1384c8a8c1e2c21ull},
    {"hevc/r413-rdpcm-explicit.hevc", 3, 0x8fa17b35fb2557f4ull},
    {"hevc/r416-ccp.hevc", 1, 0x54c62f59beb61c78ull},
    {"hevc/r416-ibc.hevc", 2, 0xee33b03005303defull},
    {"hevc/realworld_320x240.h265", 59, 0x288551d76f0a781aull},
    {"hevc/realworld_720p.h265", 19, 0x13765d836f2ca1d1ull},
    {"hevc/regular.hevc", 775, 0xcf76e5c2b5454527ull},
    {"hevc/regular_start_code_4_muxed_el.hevc", 775, 0xcf76e5c2b5454527ull},
    {"hevc/scaling_list.h265", 1, 0x62ecae7ed8e9ff8full},
    {"hevc/signhide_scaling_320x240.h265", 19, 0x13765d836f2ca1d1ull},
    {"hevc/test-25fps.h265", 749, 0xfad8c0f3c4471f30ull},
    {"hevc/tiles.h265", 2, 0x91d10a9ca078698aull},
    {"hevc/toy_qp30.265", 1, 0x54c99959beb9066dull},
    {"hevc/transquant_bypass_64x64.h265", 3, 0x8888498ed6b1d1c7ull},
    {"hevc/tskip_128x128.h265", 5, 0xc4014d337125ead8ull},
    {"hevc/wpp_ctu16.h265", 35, 0x7822b4eae7ebec71ull},
    {"hevc/yuv422_176x144.h265", 8, 0x924c8717e168e346ull},
    {"hevc/yuv444_176x144.h265", 8, 0x924c8717e168e346ull},
};

struct Result {
  long nals = 0, pictures = 0, irap_pictures = 0, errors = 0;
  long duplicate_pocs = 0;    ///< 8.3.1: PicOrderCntVal unique within a CVS
  long missing_refs = 0;      ///< 8.3.2: RefPicSetStCurrBefore/After/LtCurr entries never decoded
  long rasl_skipped = 0;      ///< RASL pictures of an IRAP with NoRaslOutputFlag = 1 (8.1.3)
  long trace_lines = 0;       ///< lines of the TraceDigest text made from the Front's slice headers
  uint64_t trace_fnv = 0xcbf29ce484222325ull;
  std::map<std::string, long> error_kinds;
  mi::StreamSummary summary;
};

Result run_file(const std::string& file) {
  Result res;
  std::vector<uint8_t> bytes = mitest::read_file(file);
  mi::hevc::Front front;
  mi::NalEvent ev;
  std::set<int32_t> cvs_pocs;  // pictures decoded in the current CVS
  for_each_nal(bytes, [&](const uint8_t* p, size_t size) {
    ++res.nals;
    front.on_nal(p, size, false, ev);
    if (ev.first_slice_of_picture) {
      ++res.pictures;
      if (ev.irap) ++res.irap_pictures;
    }
    if (ev.is_vcl && ev.header_parsed) {
      // Same text as the tracer prints: the three elements when present in the syntax.
      const mi::hevc::SliceSegmentHeader& h = front.slice_header();
      const mi::hevc::Pps* pps = front.active_pps();
      char line[96];
      auto add = [&](const char* name, long v) {
        const int n = std::snprintf(line, sizeof line, "%s %ld\n", name, v);
        for (int i = 0; i < n; ++i) res.trace_fnv = (res.trace_fnv ^ static_cast<uint8_t>(line[i])) * 0x100000001b3ull;
        ++res.trace_lines;
      };
      if (!h.dependent_slice_segment_flag) {
        if (h.slice_type != mi::hevc::kSliceI) add("five_minus_max_num_merge_cand", h.five_minus_max_num_merge_cand);
        add("slice_qp_delta", h.slice_qp_delta);
      }
      if (pps->tiles_enabled_flag || pps->entropy_coding_sync_enabled_flag)
        add("num_entry_point_offsets", h.num_entry_point_offsets);
    }
    if (ev.first_slice_of_picture && ev.header_parsed) {
      if (ev.irap && front.poc_result().NoRaslOutputFlag) cvs_pocs.clear();
      if (ev.rasl && front.irap_no_rasl_output_flag()) {
        ++res.rasl_skipped;  // not decodable: its references may be absent (8.3.3)
      } else {
        const mi::hevc::PictureRps& rps = front.picture_rps();
        const uint32_t lsb_mask = front.active_sps()->MaxPicOrderCntLsb - 1;
        for (unsigned i = 0; i < rps.NumPocStCurrBefore; ++i) res.missing_refs += !cvs_pocs.count(rps.PocStCurrBefore[i]);
        for (unsigned i = 0; i < rps.NumPocStCurrAfter; ++i) res.missing_refs += !cvs_pocs.count(rps.PocStCurrAfter[i]);
        for (unsigned i = 0; i < rps.NumPocLtCurr; ++i) {
          bool found = false;
          for (int32_t q : cvs_pocs)
            found |= rps.CurrDeltaPocMsbPresentFlag[i] ? q == rps.PocLtCurr[i]
                                                       : (static_cast<uint32_t>(q) & lsb_mask) == static_cast<uint32_t>(rps.PocLtCurr[i]);
          res.missing_refs += !found;
        }
      }
      res.duplicate_pocs += !cvs_pocs.insert(ev.poc).second;
    }
    if (!ev.err.ok()) {
      ++res.errors;
      char key[160];
      std::snprintf(key, sizeof key, "type %u: status %d %s=%lld [%lld,%lld]", ev.nal_unit_type,
                    static_cast<int>(ev.err.status), ev.err.element ? ev.err.element : "?",
                    static_cast<long long>(ev.err.value), static_cast<long long>(ev.err.min),
                    static_cast<long long>(ev.err.max));
      ++res.error_kinds[key];
    }
  });
  front.summary(res.summary);
  return res;
}

std::string level_string(uint32_t level_idc) {
  char buf[16];
  if (level_idc % 30 == 0) std::snprintf(buf, sizeof buf, "L%u", level_idc / 30);
  else std::snprintf(buf, sizeof buf, "L%.1f", level_idc / 30.0);
  return buf;
}

// ffprobe pix_fmt from chroma format and bit depth.
std::string pix_fmt(const mi::StreamSummary& s) {
  std::string base = s.chroma_format_idc == 0 ? "gray" : s.chroma_format_idc == 1 ? "yuv420p"
                                                     : s.chroma_format_idc == 2 ? "yuv422p" : "yuv444p";
  if (s.bit_depth_luma > 8) base += std::to_string(s.bit_depth_luma) + "le";
  return base;
}

// Files where this parser, following the spec, disagrees with MANIFEST.tsv (ffprobe 5.1) or
// reports violations in a stream that decoders accept. Every entry names the clause.
struct Expectation {
  const char* path;
  long pictures = -1;         ///< instead of packet_count (-1: packet_count)
  long irap = -1;             ///< instead of keyframe_count
  const char* error_element;  ///< the only element errors may name (nullptr: none allowed)
  long errors = 0;            ///< how many NAL units report it (-1: any number, corrupt input)
};

const Expectation kExpectations[] = {
    // Kvazaar SPS: sps_max_dec_pic_buffering_minus1[1] = 0 (the VPS says 1) while every P slice
    // codes num_negative_pics = 1: 7.4.8 bounds num_negative_pics by
    // sps_max_dec_pic_buffering_minus1[sps_max_sub_layers_minus1]. One finding per P slice.
    {"hevc/akiyo.kvazaar.qp_30.265", -1, -1, "num_negative_pics", 295},
    // Kvazaar with WPP: a slice segment covering one CTB row signals the entry points of the rows
    // coded in the following (dependent) slice segments; the last entry point lies at or past the
    // end of the slice segment data (7.4.7.1: num_entry_point_offsets + 1 subsets, one per CTB row
    // of the slice segment; firstByte[k] inside the data).
    {"hevc/dep_slices.h265", -1, -1, "entry_point_offset_minus1", 1},
    {"hevc/no_filter_across_slices_256x256.h265", -1, -1, "entry_point_offset_minus1", 3},
    // A Dolby Vision NAL unit (type 62) follows the end of sequence NAL unit: ffmpeg's parser emits
    // it as a packet without a picture ("missing picture in access unit"). The stream has 259
    // slices with first_slice_segment_in_pic_flag = 1 (7.4.2.4.4: type 62 does not start an AU).
    {"hevc/regular.hevc", 259, -1, nullptr, 0},
    {"hevc/regular_start_code_4_muxed_el.hevc", 259, -1, nullptr, 0},
    // SCC stream ffmpeg 5.1 cannot decode (frame_count 0, so keyframe_count 0): its one picture is
    // an IDR_N_LP (packet_keyframe_count is 1).
    {"hevc/r416-ibc.hevc", -1, 1, nullptr, 0},
    // Fuzzed parameter sets with random layer / temporal ids and no VCL NAL unit at all: no picture
    // (ffmpeg's parser flushes one packet), and errors are the point of the file.
    {"corrupt/pps_fdump_crash.202203.265", 0, 0, "*", -1},
};

const Expectation* expectation(const std::string& path) {
  for (const Expectation& e : kExpectations)
    if (path == e.path) return &e;
  return nullptr;
}

}  // namespace

TEST(hevc_conformance_corpus) {
  const std::string dir = corpus_dir();
  if (dir.empty()) {
    std::printf("hevc_conformance_corpus: SKIPPED (no /work/shared/conformance or ../shared/conformance)\n");
    return;
  }
  long files = 0, nals = 0, pictures = 0, traced = 0;
  for (const Row& row : hevc_rows(dir)) {
    const Result r = run_file(dir + "/" + row.path);
    ++files;
    nals += r.nals;
    pictures += r.pictures;
    std::printf("%-45s nals=%-6ld pics=%-5ld (manifest %-5ld) irap=%-3ld (%-3ld) errs=%ld  %s %s@%s %ux%u %s\n",
                row.path.c_str(), r.nals, r.pictures, row.packets, r.irap_pictures, row.keyframes, r.errors,
                row.profile_level.c_str(), r.summary.profile_name, level_string(r.summary.level_idc).c_str(),
                r.summary.width, r.summary.height, pix_fmt(r.summary).c_str());
    for (const auto& [k, v] : r.error_kinds) std::printf("      %ldx %s\n", v, k.c_str());

    std::printf("      pocs: %ld duplicate, %ld missing references, %ld RASL skipped\n", r.duplicate_pocs,
                r.missing_refs, r.rasl_skipped);
    CHECK_EQ(r.duplicate_pocs, 0);
    for (const TraceDigest& d : kTraceDigests) {
      if (row.path != d.path) continue;
      ++traced;
      CHECK_EQ(r.trace_lines, d.lines);
      CHECK(r.trace_fnv == d.fnv);
    }
    CHECK_EQ(r.missing_refs, 0);
    const Expectation* e = expectation(row.path);
    CHECK_EQ(r.pictures, e && e->pictures >= 0 ? e->pictures : row.packets);
    CHECK_EQ(r.irap_pictures, e && e->irap >= 0 ? e->irap : row.keyframes);
    if (!e || e->errors >= 0) {
      CHECK_EQ(r.errors, e ? e->errors : 0);
      if (e && e->error_element)
        for (const auto& [k, v] : r.error_kinds) CHECK(k.find(e->error_element) != std::string::npos);
    }
    if (row.profile_level == "unknown") continue;
    // profile_level: "<profile>@L<level>"; ffprobe prints the number when it has no name.
    const size_t at = row.profile_level.find('@');
    const std::string profile = row.profile_level.substr(0, at), level = row.profile_level.substr(at + 1);
    if (!profile.empty() && profile[0] >= '0' && profile[0] <= '9')
      CHECK_EQ(r.summary.profile_idc, static_cast<uint32_t>(std::atoi(profile.c_str())));
    else
      CHECK_STR(r.summary.profile_name, profile);
    CHECK_STR(level_string(r.summary.level_idc), level);
    // resolution_pix_fmt: "<w>x<h> <pix_fmt>"; yuvj420p is yuv420p with video_full_range_flag.
    char want[64];
    std::snprintf(want, sizeof want, "%ux%u %s", r.summary.width, r.summary.height, pix_fmt(r.summary).c_str());
    std::string manifest = row.res_fmt;
    if (manifest.find("yuvj") != std::string::npos) manifest.erase(manifest.find("yuvj") + 3, 1);
    CHECK_STR(want, manifest);
  }
  std::printf("hevc_conformance_corpus: %ld files, %ld NAL units, %ld pictures, %ld matched the tracer\n", files, nals,
              pictures, traced);
  CHECK_EQ(traced, static_cast<long>(sizeof kTraceDigests / sizeof kTraceDigests[0]));
}
