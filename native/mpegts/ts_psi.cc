#include "mpegts/ts_inspector.h"
#include <algorithm>
#include <cstring>
#include "inspect/records.h"
#include "mpegts/pes.h"

namespace mi::ts {

using rec::kNone;
// TsInspector: PSI — ISO/IEC 13818-1 (2019) 2.4.4: PAT, CAT, PMT (and DVB SI CRC_32), the
// programs and elementary streams they announce, the video stream chosen for inspection.

void TsInspector::on_psi(PidState& ps, const uint8_t* p, size_t n, bool pusi, uint64_t offset) {
  if (!ps.section) return;
  ps.section->push(p, n, pusi, [&](SectionEvent ev, const uint8_t* s, size_t size) {
    if (ev == SectionEvent::kSection) {
      on_section(ps, s, size, offset);
    } else if (ev != SectionEvent::kLost) {
      ts_issue(IssueCode::PSI_SECTION_MALFORMED, offset, ps.info.pid, Indicator::kNone,
               ev == SectionEvent::kTooLong && size >= 1 ? s[0] : -1);
    }
  });
}

void TsInspector::on_section(PidState& ps, const uint8_t* s, size_t n, uint64_t offset) {
  const uint8_t table_id = s[0];
  // CRC_32 (Annex A) is present when section_syntax_indicator is 1, and in the DVB TOT (0x73).
  const bool has_crc = (n >= 3 && (s[1] & 0x80)) || table_id == 0x73;
  if (has_crc && !section_crc_ok(s, n)) {
    ts_issue(IssueCode::CRC_ERROR, offset, ps.info.pid, Indicator::CRC_error, table_id);
    return;
  }
  switch (ps.info.kind) {
    case PidKind::kPat:
      if (table_id != 0x00) {
        ts_issue(IssueCode::PAT_ERROR_TABLE_ID, offset, ps.info.pid, Indicator::PAT_error, table_id);
        return;
      }
      on_pat(s, n, offset);
      break;
    case PidKind::kCat:
      if (table_id != 0x01) {
        ts_issue(IssueCode::CAT_ERROR_TABLE_ID, offset, ps.info.pid, Indicator::CAT_error, table_id);
        return;
      }
      cat_seen_ = true;
      break;
    case PidKind::kPmt:
      if (table_id == 0x02) on_pmt(ps, s, n, offset);
      break;
    default:
      break;
  }
}

void TsInspector::on_pat(const uint8_t* s, size_t n, uint64_t offset) {
  Pat pat;
  if (program_association_section(s, n, pat) != PsiStatus::kOk) {
    ts_issue(IssueCode::PSI_SECTION_MALFORMED, offset, kPatPid, Indicator::kNone, s[0]);
    return;
  }
  if (!pat.current_next_indicator) return;  // a table for later (2.4.4.5)
  pat_seen_ = true;
  pat_offset_ = offset;
  pat_time_ = now();
  pat_alarm_ = false;
  for (size_t i = 0; i < pat.count; ++i) {
    const PatProgram& e = pat.programs[i];
    if (e.program_number == 0 || e.pid < 0x10 || e.pid == kNullPid) continue;  // network_PID, reserved PIDs
    Program* pg = nullptr;
    for (Program& q : programs_)
      if (q.program_number == e.program_number) pg = &q;
    if (!pg) {
      if (programs_.size() >= 256) continue;  // bounded
      programs_.push_back(Program{e.program_number, e.pid});
      pg = &programs_.back();
      pg->pmt_offset = offset;
      pg->pmt_time = now();
    }
    pg->pmt_pid = e.pid;
    PidState& ps = pid_state(e.pid);
    if (ps.info.kind != PidKind::kPmt && !ps.info.listed) {
      ps.info.kind = PidKind::kPmt;
      ps.info.program_number = e.program_number;
      if (!ps.section) ps.section = std::make_unique<SectionAssembler>(kMaxPsiSection);
    }
  }
}

void TsInspector::on_pmt(PidState& ps, const uint8_t* s, size_t n, uint64_t offset) {
  Pmt pmt;
  if (TS_program_map_section(s, n, pmt) != PsiStatus::kOk) {
    ts_issue(IssueCode::PSI_SECTION_MALFORMED, offset, ps.info.pid, Indicator::kNone, s[0]);
    return;
  }
  if (!pmt.current_next_indicator) return;
  Program* pg = nullptr;
  for (Program& q : programs_)
    if (q.pmt_pid == ps.info.pid && q.program_number == pmt.program_number) pg = &q;
  if (!pg) return;  // not a program of the PAT on this PID
  pg->pmt_offset = offset;
  pg->pmt_time = now();
  pg->pmt_alarm = false;
  const uint32_t crc = (static_cast<uint32_t>(s[n - 4]) << 24) | (s[n - 3] << 16) | (s[n - 2] << 8) | s[n - 1];
  if (pg->pmt_seen && crc == pg->pmt_crc) return;  // the same table again
  pg->pmt_seen = true;
  pg->pmt_crc = crc;
  if (pg->pcr_pid != pmt.PCR_PID) pg->pcr_since = now();
  pg->pcr_pid = pmt.PCR_PID;
  // Streams that left this program stop being expected.
  for (auto& q : pids_)
    if (q->info.listed && q->info.program_number == pmt.program_number) q->info.listed = false;
  for (size_t i = 0; i < pmt.count; ++i) {
    const PmtStream& e = pmt.streams[i];
    if (e.elementary_PID < 0x10 || e.elementary_PID == kNullPid) continue;
    PidState& es = pid_state(e.elementary_PID);
    if (es.info.kind == PidKind::kPat || es.info.kind == PidKind::kPmt) continue;
    const EsCodec codec = es_codec(e);
    es.info.kind = is_video(codec) ? PidKind::kVideo : is_audio(codec) ? PidKind::kAudio : PidKind::kOtherEs;
    es.info.stream_type = e.stream_type;
    es.info.codec = codec;
    es.info.program_number = pmt.program_number;
    if (!es.info.listed) {
      es.last_seen = std::max(es.last_seen, now());
      es.pid_alarm = false;
    }
    es.info.listed = true;
    es.section.reset();
    // PES parsing for audio, video and PES private data (0x06); other types carry sections or data.
    if (!es.pes && (es.info.kind != PidKind::kOtherEs || e.stream_type == 0x06)) es.pes = std::make_unique<PesState>();
    if (codec == EsCodec::kH264 || codec == EsCodec::kHevc) {
      if (video_pid_ == kNone16) select_video(es, codec);
      else if (video_pid_ != es.info.pid && !es.scrambled_reported)
        ts_issue(IssueCode::TS_VIDEO_NOT_INSPECTED, offset, es.info.pid, Indicator::kNone, e.stream_type);
    }
  }
  // The transport clock follows the PCR_PID of the inspected program (once it carries a PCR).
  if (video_pid_ != kNone16 && pid_slot_[video_pid_] != kNone16 &&
      pids_[pid_slot_[video_pid_]]->info.program_number == pmt.program_number && pmt.PCR_PID != kNullPid) {
    program_pcr_pid_ = pmt.PCR_PID;
  }
}

void TsInspector::select_video(PidState& ps, EsCodec codec) {
  video_pid_ = ps.info.pid;
  video_ps_ = ps.pes ? &ps : nullptr;
  video_codec_ = codec;
  ps.info.inspected = true;
}

}  // namespace mi::ts
