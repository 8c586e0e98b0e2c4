#include "commands.hpp"

#include <iostream>

namespace bangfu::cli {

// TODO: implement `bangfu init`.
int runInit(const std::vector<std::string>& /*args*/) {
  std::cerr << "bangfu init: not implemented yet\n";
  return kInternal;
}

}  // namespace bangfu::cli
