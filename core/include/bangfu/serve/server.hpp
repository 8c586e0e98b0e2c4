#pragma once
/// The workbench on a socket: Poco::Net's HTTPServer bound to 127.0.0.1 only.
#include <memory>
#include <string>

#include "bangfu/serve/workbench.hpp"

namespace bangfu::serve {

class Server {
 public:
  /// Binds 127.0.0.1:port (0: a free port) and starts answering. Throws
  /// std::runtime_error (Chinese, with the port) when the port is taken.
  explicit Server(Options options);
  ~Server();  ///< stops and removes the upload folder
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  [[nodiscard]] int port() const;
  [[nodiscard]] std::string url() const;
  [[nodiscard]] Workbench& workbench();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bangfu::serve
