#include "binding/ts_inspector_wrap.h"
#include "binding/convert.h"
#include "binding/inspector_wrap.h"
#include "inspect/records.h"

namespace mi::binding {

// state[] words written after push/flush/drain: words copied per array, then words available.
constexpr size_t kTsOutputs = 5;  // frames, nals, video issues, transport issues, PES records

Napi::Function TsInspectorWrap::Define(Napi::Env env) {
  return DefineClass(env, "TsInspector",
                     {InstanceMethod<&TsInspectorWrap::SetOutputs>("setOutputs"),
                      InstanceMethod<&TsInspectorWrap::Push>("push"),
                      InstanceMethod<&TsInspectorWrap::Flush>("flush"),
                      InstanceMethod<&TsInspectorWrap::Drain>("drain"),
                      InstanceMethod<&TsInspectorWrap::Summary>("summary"),
                      InstanceMethod<&TsInspectorWrap::Counters>("counters"),
                      InstanceMethod<&TsInspectorWrap::ElementName>("elementName"),
                      StaticMethod<&TsRecordLayout>("layout")});
}

ts::TsConfig TsConfigFrom(const Napi::Value& v) {
  ts::TsConfig c;
  if (!v.IsObject()) return c;
  const Napi::Object o = v.As<Napi::Object>();
  auto u32 = [&](const char* key, uint32_t fallback) {
    const int64_t x = int_or(o.Get(key), fallback);
    return x < 0 ? fallback : static_cast<uint32_t>(std::min<int64_t>(x, 0xFFFFFFFF));
  };
  c.packet_size = u32("packetSize", 0);
  c.pat_interval_ms = u32("patIntervalMs", c.pat_interval_ms);
  c.pmt_interval_ms = u32("pmtIntervalMs", c.pmt_interval_ms);
  c.pid_interval_ms = u32("pidIntervalMs", c.pid_interval_ms);
  c.pcr_interval_ms = u32("pcrIntervalMs", c.pcr_interval_ms);
  c.pcr_jump_ms = u32("pcrJumpMs", c.pcr_jump_ms);
  c.pts_interval_ms = u32("ptsIntervalMs", c.pts_interval_ms);
  c.discontinuity_ms = u32("discontinuityMs", c.discontinuity_ms);
  c.max_issues_per_code = u32("maxIssuesPerCode", 0);
  const Napi::Value keep = o.Get("keepVideoEs");
  c.keep_video_es = keep.IsBoolean() && keep.As<Napi::Boolean>().Value();
  return c;
}

// new TsInspector(config?: { packetSize, patIntervalMs, ... })
TsInspectorWrap::TsInspectorWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TsInspectorWrap>(info) {
  ts_ = std::make_unique<ts::TsInspector>(TsConfigFrom(info[0]));
}

// setOutputs(frames, nals, videoIssues, issues, pes, state): Uint32Arrays the records go to.
Napi::Value TsInspectorWrap::SetOutputs(const Napi::CallbackInfo& info) {
  OutArray* outs[kTsOutputs + 1] = {&frames_, &nals_, &video_issues_, &issues_, &pes_, &state_};
  for (size_t i = 0; i <= kTsOutputs; ++i)
    if (!outs[i]->bind(info[static_cast<uint32_t>(i)]))
      return throw_type_error(info.Env(), "setOutputs(frames, nals, videoIssues, issues, pes, state) takes six Uint32Arrays");
  if (state_.capacity < 2 * kTsOutputs) return throw_type_error(info.Env(), "state needs 10 words");
  return info.Env().Undefined();
}

void TsInspectorWrap::CopyOut() {
  if (!state_.data) return;
  const std::vector<uint32_t>* src[kTsOutputs] = {&ts_->frames(), &ts_->nals(), &ts_->video_issues(), &ts_->issues(),
                                                  &ts_->pes()};
  OutArray* dst[kTsOutputs] = {&frames_, &nals_, &video_issues_, &issues_, &pes_};
  copy_out(src, dst, kTsOutputs, state_.data);
}

// push(chunk: Uint8Array): this push's records are copied out (see InspectorWrap::Push). With
// keepVideoEs it returns the video ES bytes of this push (a Buffer, empty when none), else undefined.
Napi::Value TsInspectorWrap::Push(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    return throw_type_error(info.Env(), "push(chunk) takes a Uint8Array or Buffer");
  Napi::Uint8Array chunk = info[0].As<Napi::Uint8Array>();
  ts_->clear_output();
  ts_->push(chunk.Data(), chunk.ElementLength());
  CopyOut();
  return VideoEs(info.Env());
}

Napi::Value TsInspectorWrap::VideoEs(Napi::Env env) {
  if (!ts_->config().keep_video_es) return env.Undefined();
  const std::vector<uint8_t>& es = ts_->video_es();
  return Napi::Buffer<uint8_t>::Copy(env, es.data(), es.size());
}

Napi::Value TsInspectorWrap::Flush(const Napi::CallbackInfo& info) {
  ts_->clear_output();
  ts_->flush();
  CopyOut();
  if (ts_->config().keep_video_es) return VideoEs(info.Env());
  return info.Env().Undefined();
}

Napi::Value TsInspectorWrap::Drain(const Napi::CallbackInfo& info) {
  CopyOut();
  return info.Env().Undefined();
}

Napi::Value TsInspectorWrap::Summary(const Napi::CallbackInfo& info) {
  return ts_->video() ? SummaryToObject(info.Env(), *ts_->video()) : info.Env().Null();
}

Napi::Value TsInspectorWrap::Counters(const Napi::CallbackInfo& info) { return TsCountersToObject(info.Env(), *ts_); }

Napi::Value TsInspectorWrap::ElementName(const Napi::CallbackInfo& info) {
  const Inspector* v = ts_->video();
  return Napi::String::New(info.Env(), v ? v->element_name(static_cast<uint32_t>(int_or(info[0], 0))) : "");
}

Napi::Value TsCountersToObject(Napi::Env env, const ts::TsInspector& t) {
  const ts::TsCounters& c = t.counters();
  constexpr size_t kIndicators = static_cast<size_t>(ts::Indicator::kCount);
  auto indicators = [&](const auto& counts) {
    Napi::Object o = Napi::Object::New(env);
    for (size_t i = 0; i < kIndicators; ++i)
      o.Set(ts::indicator_name(static_cast<ts::Indicator>(i)), static_cast<double>(counts[i]));
    return o;
  };
  Napi::Object o = Napi::Object::New(env);
  o.Set("packetSize", c.packet_size);
  o.Set("bytes", static_cast<double>(c.bytes));
  o.Set("packets", static_cast<double>(c.packets));
  o.Set("skippedBytes", static_cast<double>(c.skipped_bytes));
  o.Set("videoEsBytes", static_cast<double>(c.video_es_bytes));
  o.Set("issues", static_cast<double>(c.issues));
  o.Set("issuesDropped", static_cast<double>(c.issues_dropped));
  o.Set("indicators", indicators(c.indicators));
  o.Set("videoPid", t.video_pid() == ts::TsInspector::kNone16 ? env.Null() : Napi::Number::New(env, t.video_pid()));
  Napi::Array pids = Napi::Array::New(env, t.pid_count());
  for (size_t i = 0; i < t.pid_count(); ++i) {
    const ts::PidInfo& p = t.pid_info(i);
    Napi::Object e = Napi::Object::New(env);
    e.Set("pid", p.pid);
    e.Set("kind", ts::pid_kind_name(p.kind));
    e.Set("streamType", p.stream_type);
    e.Set("codec", ts::es_codec_name(p.codec));
    e.Set("programNumber", p.program_number);
    e.Set("listed", p.listed);
    e.Set("inspected", p.inspected);
    e.Set("carriesPcr", p.carries_pcr);
    e.Set("packets", static_cast<double>(p.packets));
    e.Set("pesPackets", static_cast<double>(p.pes_packets));
    e.Set("scrambledPackets", static_cast<double>(p.scrambled_packets));
    e.Set("indicators", indicators(p.indicators));
    pids.Set(static_cast<uint32_t>(i), e);
  }
  o.Set("pids", pids);
  o.Set("video", t.video() ? CountersToObject(env, t.video()->counters()) : env.Null());
  return o;
}

Napi::Value TsRecordLayout(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("issueStride", static_cast<double>(ts::kTsIssueStride));
  o.Set("pesStride", static_cast<double>(ts::kPesStride));
  constexpr size_t kIndicators = static_cast<size_t>(ts::Indicator::kCount);
  Napi::Array names = Napi::Array::New(env, kIndicators);
  for (size_t i = 0; i < kIndicators; ++i)
    names.Set(static_cast<uint32_t>(i), ts::indicator_name(static_cast<ts::Indicator>(i)));
  o.Set("indicators", names);
  Napi::Array codecs = Napi::Array::New(env, static_cast<size_t>(ts::EsCodec::kCount));
  for (size_t i = 0; i < static_cast<size_t>(ts::EsCodec::kCount); ++i)
    codecs.Set(static_cast<uint32_t>(i), ts::es_codec_name(static_cast<ts::EsCodec>(i)));
  o.Set("codecs", codecs);
  return o;
}

}  // namespace mi::binding
