// Static tables exported to JavaScript: the issue catalogue and the record layouts.
#pragma once
#include <napi.h>

namespace mi::binding {

Napi::Value IssueCatalogue(const Napi::CallbackInfo& info);
Napi::Value StartCodeName(const Napi::CallbackInfo& info);
Napi::Value RecordLayout(const Napi::CallbackInfo& info);

}  // namespace mi::binding
