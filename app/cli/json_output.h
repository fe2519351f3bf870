// The one way `nemo` prints its --json line.
#pragma once

#include <iostream>

#include <nlohmann/json.hpp>

namespace nemo::cli {

// Never throws: text that is not UTF-8 (a path in another encoding) is printed with U+FFFD, so
// even an error report from a catch block cannot end the process with std::terminate.
inline void printJson(const nlohmann::json& j) {
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

}  // namespace nemo::cli
