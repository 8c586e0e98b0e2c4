#include "commands.hpp"

#include <iostream>

namespace bangfu::cli {

// TODO: implement `bangfu table`.
int runTable(const std::vector<std::string>& /*args*/) {
  std::cerr << "bangfu table: not implemented yet\n";
  return kInternal;
}

}  // namespace bangfu::cli
