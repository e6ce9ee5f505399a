#include "binding/read_chunks.h"
#include "binding/ts_file_worker.h"
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include "binding/convert.h"
#include "binding/inspector_wrap.h"
#include "binding/record_outputs.h"
#include "binding/ts_inspector_wrap.h"
#include "mpegts/ts_inspector.h"

namespace mi::binding {
namespace {

class TsFileWorker final : public Napi::AsyncWorker {
 public:
  TsFileWorker(Napi::Env env, std::string path, const ts::TsConfig& cfg, size_t chunk, bool keep_nals)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), path_(std::move(path)),
        chunk_(chunk), keep_nals_(keep_nals), ts_(cfg) {}

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    read_error_ = read_chunks(path_, chunk_, [this](const uint8_t* p, size_t n) {
      ts_.push(p, n);
      collect();
    });
    ts_.flush();
    collect();
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object o = Napi::Object::New(env);
    o.Set("frames", to_uint32_array(env, frames_));
    o.Set("nals", to_uint32_array(env, nals_));
    o.Set("videoIssues", to_uint32_array(env, video_issues_));
    o.Set("issues", to_uint32_array(env, issues_));
    o.Set("pes", to_uint32_array(env, pes_));
    const Inspector* v = ts_.video();
    const uint32_t ne = v ? v->element_count() : 0;
    Napi::Array elements = Napi::Array::New(env, ne);
    for (uint32_t i = 0; i < ne; ++i) elements.Set(i, v->element_name(i));
    o.Set("elements", elements);
    o.Set("summary", v ? SummaryToObject(env, *v) : env.Null());
    o.Set("counters", TsCountersToObject(env, ts_));
    o.Set("readError", read_error_.empty() ? env.Null() : Napi::String::New(env, read_error_));
    deferred_.Resolve(o);
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  void collect() {
    auto append = [](std::vector<uint32_t>& to, const std::vector<uint32_t>& from) {
      to.insert(to.end(), from.begin(), from.end());
    };
    append(frames_, ts_.frames());
    if (keep_nals_) append(nals_, ts_.nals());
    append(video_issues_, ts_.video_issues());
    append(issues_, ts_.issues());
    append(pes_, ts_.pes());
    ts_.clear_output();
  }

  Napi::Promise::Deferred deferred_;
  std::string path_;
  size_t chunk_;
  bool keep_nals_;
  ts::TsInspector ts_;
  std::vector<uint32_t> frames_, nals_, video_issues_, issues_, pes_;
  std::string read_error_;
};

}  // namespace

Napi::Value InspectTsFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) return throw_type_error(env, "inspectTsFile(path, ...) takes a path string");
  int64_t chunk = int_or(info[1], 1 << 20);
  if (chunk < 4096) chunk = 4096;
  if (chunk > (64 << 20)) chunk = 64 << 20;
  const bool keep_nals = info[3].IsBoolean() && info[3].As<Napi::Boolean>().Value();
  auto* w = new TsFileWorker(env, info[0].As<Napi::String>().Utf8Value(), TsConfigFrom(info[2]),
                             static_cast<size_t>(chunk), keep_nals);
  Napi::Promise p = w->promise();
  w->Queue();
  return p;
}

}  // namespace mi::binding
