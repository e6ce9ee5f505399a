// Per-environment addon state (one per main thread / worker): the class constructors.
#pragma once
#include <napi.h>

namespace mi::binding {

struct AddonData {
  Napi::FunctionReference inspector_ctor;
};

}  // namespace mi::binding
