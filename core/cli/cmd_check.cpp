#include "commands.hpp"

#include <iostream>

namespace bangfu::cli {

// TODO: implement `bangfu check`.
int runCheck(const std::vector<std::string>& /*args*/) {
  std::cerr << "bangfu check: not implemented yet\n";
  return kInternal;
}

}  // namespace bangfu::cli
