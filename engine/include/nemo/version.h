#pragma once

namespace nemo {
inline constexpr const char* kEngineVersion = "0.2.0";
}
