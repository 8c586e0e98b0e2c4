#include "commands.hpp"

#include <iostream>

namespace bangfu::cli {

// TODO: implement `bangfu render`.
int runRender(const std::vector<std::string>& /*args*/) {
  std::cerr << "bangfu render: not implemented yet\n";
  return kInternal;
}

}  // namespace bangfu::cli
