#include "commands.hpp"

#include <iostream>

namespace bangfu::cli {

// TODO: implement `bangfu names`.
int runNames(const std::vector<std::string>& /*args*/) {
  std::cerr << "bangfu names: not implemented yet\n";
  return kInternal;
}

}  // namespace bangfu::cli
