#include "commands.hpp"

#include <iostream>

namespace bangfu::cli {

// TODO: implement `bangfu plugins`.
int runPlugins(const std::vector<std::string>& /*args*/) {
  std::cerr << "bangfu plugins: not implemented yet\n";
  return kInternal;
}

}  // namespace bangfu::cli
