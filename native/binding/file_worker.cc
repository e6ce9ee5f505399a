#include "binding/file_worker.h"
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include "binding/convert.h"
#include "binding/read_chunks.h"
#include "binding/inspector_wrap.h"
#include "binding/record_outputs.h"
#include "inspect/inspector.h"

namespace mi::binding {
namespace {

class FileWorker final : public Napi::AsyncWorker {
 public:
  FileWorker(Napi::Env env, std::string path, InspectorConfig cfg, size_t chunk, bool keep_nals)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), path_(std::move(path)),
        cfg_(cfg), chunk_(chunk), keep_nals_(keep_nals), inspector_(cfg) {}

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    read_error_ = read_chunks(path_, chunk_, [this](const uint8_t* p, size_t n) {
      inspector_.push(p, n);
      collect();
    });
    inspector_.flush();
    collect();
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object o = Napi::Object::New(env);
    o.Set("frames", to_uint32_array(env, frames_));
    o.Set("nals", to_uint32_array(env, nals_));
    o.Set("issues", to_uint32_array(env, issues_));
    Napi::Array elements = Napi::Array::New(env, inspector_.element_count());
    for (uint32_t i = 0; i < inspector_.element_count(); ++i) elements.Set(i, inspector_.element_name(i));
    o.Set("elements", elements);
    o.Set("summary", SummaryToObject(env, inspector_));
    o.Set("counters", CountersToObject(env, inspector_.counters()));
    o.Set("codec", static_cast<double>(inspector_.codec()));
    o.Set("readError", read_error_.empty() ? env.Null() : Napi::String::New(env, read_error_));
    deferred_.Resolve(o);
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  void collect() {
    frames_.insert(frames_.end(), inspector_.frames().begin(), inspector_.frames().end());
    if (keep_nals_) nals_.insert(nals_.end(), inspector_.nals().begin(), inspector_.nals().end());
    issues_.insert(issues_.end(), inspector_.issues().begin(), inspector_.issues().end());
    inspector_.clear_output();
  }
  Napi::Promise::Deferred deferred_;
  std::string path_;
  InspectorConfig cfg_;
  size_t chunk_;
  bool keep_nals_;
  Inspector inspector_;
  std::vector<uint32_t> frames_, nals_, issues_;
  std::string read_error_;
};

}  // namespace

Napi::Value InspectFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) return throw_type_error(env, "inspectFile(path, ...) takes a path string");
  InspectorConfig cfg;
  const int64_t codec = int_or(info[1], 0);
  if (codec < 0 || codec > 2) return throw_type_error(env, "codec must be 0 (auto), 1 (h264) or 2 (hevc)");
  cfg.codec = static_cast<mi::Codec>(codec);
  cfg.length_prefixed = info[2].IsBoolean() && info[2].As<Napi::Boolean>().Value();
  const int64_t ls = int_or(info[3], 4);
  if (ls != 1 && ls != 2 && ls != 4) return throw_type_error(env, "lengthSize must be 1, 2 or 4");
  cfg.length_size = static_cast<unsigned>(ls);
  int64_t chunk = int_or(info[4], 1 << 20);
  if (chunk < 4096) chunk = 4096;
  if (chunk > (64 << 20)) chunk = 64 << 20;
  const bool keep_nals = info[5].IsBoolean() && info[5].As<Napi::Boolean>().Value();
  auto* w = new FileWorker(env, info[0].As<Napi::String>().Utf8Value(), cfg, static_cast<size_t>(chunk), keep_nals);
  Napi::Promise p = w->promise();
  w->Queue();
  return p;
}

}  // namespace mi::binding
