#include "binding/inspector_wrap.h"
#include <algorithm>
#include <cstring>
#include "binding/addon_data.h"
#include "binding/convert.h"

namespace mi::binding {

// state[] words written after push/flush/drain.
enum StateWord : unsigned { kFramesWords = 0, kNalWords, kIssueWords, kFramesTotal, kNalTotal, kIssueTotal, kStateWords };

Napi::Function InspectorWrap::Define(Napi::Env env) {
  return DefineClass(env, "Inspector",
                     {InstanceMethod<&InspectorWrap::SetOutputs>("setOutputs"),
                      InstanceMethod<&InspectorWrap::Push>("push"),
                      InstanceMethod<&InspectorWrap::EndSample>("endSample"),
                      InstanceMethod<&InspectorWrap::Flush>("flush"),
                      InstanceMethod<&InspectorWrap::Drain>("drain"),
                      InstanceMethod<&InspectorWrap::Summary>("summary"),
                      InstanceMethod<&InspectorWrap::Counters>("counters"),
                      InstanceMethod<&InspectorWrap::ElementName>("elementName"),
                      InstanceMethod<&InspectorWrap::Codec>("codec"),
                      InstanceMethod<&InspectorWrap::AddIssue>("addIssue")});
}

// new Inspector(codec: 0 auto | 1 h264 | 2 hevc, lengthPrefixed: boolean, lengthSize: 1 | 2 | 4)
InspectorWrap::InspectorWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<InspectorWrap>(info) {
  InspectorConfig cfg;
  const int64_t codec = int_or(info[0], 0);
  if (codec < 0 || codec > 2) { throw_type_error(info.Env(), "codec must be 0 (auto), 1 (h264) or 2 (hevc)"); return; }
  cfg.codec = static_cast<mi::Codec>(codec);
  cfg.length_prefixed = info[1].IsBoolean() && info[1].As<Napi::Boolean>().Value();
  const int64_t ls = int_or(info[2], 4);
  if (ls != 1 && ls != 2 && ls != 4) { throw_type_error(info.Env(), "lengthSize must be 1, 2 or 4"); return; }
  cfg.length_size = static_cast<unsigned>(ls);
  inspector_ = std::make_unique<Inspector>(cfg);
}

// setOutputs(frames, nals, issues, state): Uint32Arrays the records are copied into.
Napi::Value InspectorWrap::SetOutputs(const Napi::CallbackInfo& info) {
  if (!frames_.bind(info[0]) || !nals_.bind(info[1]) || !issues_.bind(info[2]) || !state_.bind(info[3]) ||
      state_.capacity < kStateWords)
    return throw_type_error(info.Env(), "setOutputs(frames, nals, issues, state) takes four Uint32Arrays");
  return info.Env().Undefined();
}

void InspectorWrap::CopyOut() {
  if (!state_.data) return;
  const std::vector<uint32_t>* src[3] = {&inspector_->frames(), &inspector_->nals(), &inspector_->issues()};
  OutArray* dst[3] = {&frames_, &nals_, &issues_};
  copy_out(src, dst, 3, state_.data + kFramesWords);
}

// push(chunk: Uint8Array, pts: number, dts: number, endSample?: boolean): records of this push
// are copied out; state[kFramesTotal..] > state[kFramesWords..] means the arrays were too small
// (grow + drain()). endSample: the chunk is one whole container sample (one call instead of two).
Napi::Value InspectorWrap::Push(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    return throw_type_error(info.Env(), "push(chunk) takes a Uint8Array or Buffer");
  Napi::Uint8Array chunk = info[0].As<Napi::Uint8Array>();
  inspector_->clear_output();
  inspector_->push(chunk.Data(), chunk.ElementLength(), int_or(info[1], -1), int_or(info[2], -1));
  if (info[3].IsBoolean() && info[3].As<Napi::Boolean>().Value()) inspector_->end_sample();
  CopyOut();
  return info.Env().Undefined();
}

Napi::Value InspectorWrap::EndSample(const Napi::CallbackInfo& info) {
  inspector_->clear_output();
  inspector_->end_sample();
  CopyOut();
  return info.Env().Undefined();
}

Napi::Value InspectorWrap::Flush(const Napi::CallbackInfo& info) {
  inspector_->clear_output();
  inspector_->flush();
  CopyOut();
  return info.Env().Undefined();
}

Napi::Value InspectorWrap::Drain(const Napi::CallbackInfo& info) {
  CopyOut();
  return info.Env().Undefined();
}

Napi::Value SummaryToObject(Napi::Env env, const Inspector& insp) {
  StreamSummary s;
  insp.summary(s);
  if (!s.valid) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("codec", s.codec == mi::Codec::kH264 ? "h264" : "hevc");
  o.Set("profile", s.profile_name);
  o.Set("profileIdc", s.profile_idc);
  o.Set("levelIdc", s.level_idc);
  o.Set("width", s.width);
  o.Set("height", s.height);
  o.Set("codedWidth", s.coded_width);
  o.Set("codedHeight", s.coded_height);
  o.Set("chromaFormatIdc", s.chroma_format_idc);
  o.Set("bitDepth", s.bit_depth_luma);
  o.Set("bitDepthChroma", s.bit_depth_chroma);
  o.Set("interlaced", s.interlaced);
  o.Set("frameRateNum", s.frame_rate_num);
  o.Set("frameRateDen", s.frame_rate_den);
  return o;
}

Napi::Value CountersToObject(Napi::Env env, const InspectorCounters& c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("bytes", static_cast<double>(c.bytes));
  o.Set("nals", static_cast<double>(c.nals));
  o.Set("frames", static_cast<double>(c.frames));
  o.Set("keyframes", static_cast<double>(c.keyframes));
  o.Set("damagedFrames", static_cast<double>(c.damaged_frames));
  o.Set("issues", static_cast<double>(c.issues));
  o.Set("issuesSuppressed", static_cast<double>(c.issues_suppressed));
  Napi::Array sev = Napi::Array::New(env, 5);
  for (uint32_t i = 0; i < 5; ++i) sev.Set(i, static_cast<double>(c.issues_by_severity[i]));
  o.Set("issuesBySeverity", sev);
  Napi::Array types = Napi::Array::New(env, 64);
  for (uint32_t i = 0; i < 64; ++i) types.Set(i, static_cast<double>(c.nal_types[i]));
  o.Set("nalTypes", types);
  return o;
}

Napi::Value InspectorWrap::Summary(const Napi::CallbackInfo& info) { return SummaryToObject(info.Env(), *inspector_); }

Napi::Value InspectorWrap::Counters(const Napi::CallbackInfo& info) {
  return CountersToObject(info.Env(), inspector_->counters());
}

Napi::Value InspectorWrap::ElementName(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), inspector_->element_name(static_cast<uint32_t>(int_or(info[0], 0))));
}

Napi::Value InspectorWrap::Codec(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(inspector_->codec()));
}

// addIssue(code, offset, _, found?): an issue found by the host, not in the bitstream; copied
// out like a push() result.
Napi::Value InspectorWrap::AddIssue(const Napi::CallbackInfo& info) {
  const int64_t code = int_or(info[0], 0);
  if (!issue_def(static_cast<IssueCode>(code))) return throw_type_error(info.Env(), "unknown issue code");
  // Element names are kept as pointers: only catalogue-level names are accepted from JS.
  inspector_->clear_output();
  inspector_->add_issue(static_cast<IssueCode>(code), static_cast<uint64_t>(std::max<int64_t>(0, int_or(info[1], 0))),
                        nullptr, int_or(info[3], 0));
  CopyOut();
  return info.Env().Undefined();
}

}  // namespace mi::binding
