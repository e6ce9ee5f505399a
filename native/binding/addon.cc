// Module init only: registers the exports. Context-aware (one AddonData per environment),
// so the addon loads in the main thread and in any number of worker_threads.
#include <napi.h>
#include "binding/addon_data.h"
#include "binding/catalogue.h"
#include "binding/file_worker.h"
#include "binding/heap_stats.h"
#include "binding/inspector_wrap.h"
#include "binding/ts_file_worker.h"
#include "binding/ts_inspector_wrap.h"

namespace mi::binding {

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto* data = new AddonData();
  env.SetInstanceData<AddonData>(data);  // freed with the environment
  Napi::Function inspector = InspectorWrap::Define(env);
  data->inspector_ctor = Napi::Persistent(inspector);
  exports.Set("Inspector", inspector);
  exports.Set("inspectFile", Napi::Function::New<InspectFile>(env, "inspectFile"));
  exports.Set("issueCatalogue", Napi::Function::New<IssueCatalogue>(env, "issueCatalogue"));
  exports.Set("startCodeImpl", Napi::Function::New<StartCodeName>(env, "startCodeImpl"));
  exports.Set("recordLayout", Napi::Function::New<RecordLayout>(env, "recordLayout"));
  exports.Set("TsInspector", TsInspectorWrap::Define(env));
  exports.Set("inspectTsFile", Napi::Function::New<InspectTsFile>(env, "inspectTsFile"));
  exports.Set("nativeHeapBytes", Napi::Function::New<NativeHeapBytes>(env, "nativeHeapBytes"));
  return exports;
}

}  // namespace mi::binding

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return mi::binding::Init(env, exports); }

NODE_API_MODULE(mirror_inspect, InitAddon)
