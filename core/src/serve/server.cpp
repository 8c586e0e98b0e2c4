// The workbench on 127.0.0.1 with Poco::Net's HTTPServer: turns Poco's request
// into a serve::Request (body read up to the cap, never more) and writes the
// Response, streaming server-sent events where the handler asks for it.
#include "bangfu/serve/server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>

namespace bangfu::serve {

namespace {

/// Workers answering at once; more requests wait in the queue (bounded too), so
/// 20 concurrent checks cannot take more memory than this many at a time.
constexpr int kMaxThreads = 4;
constexpr int kMaxQueued = 64;
/// A client that sends nothing for this long is dropped (slowloris).
constexpr long kSocketTimeoutSeconds = 30;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// RFC 6266 / RFC 5987: an ASCII fallback and the UTF-8 name.
std::string contentDisposition(const std::string& name) {
  std::string encoded;
  Poco::URI::encode(name, "!#$&+,/:;=?@[]{}'()* \"", encoded);
  return "attachment; filename=\"download" +
         name.substr(name.rfind('.') == std::string::npos ? name.size() : name.rfind('.')) +
         "\"; filename*=UTF-8''" + encoded;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(Workbench& bench, std::size_t maxBody) : bench_(bench), maxBody_(maxBody) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    Request req;
    req.method = in.getMethod();
    try {
      const Poco::URI uri(in.getURI());
      req.path = uri.getPath();
      for (const auto& [k, v] : uri.getQueryParameters()) req.query[k] = v;
    } catch (const Poco::Exception&) {
      req.path = "/invalid";
    }
    for (const auto& [k, v] : in) req.headers[lower(k)] = v;
    if (req.method == "POST") readBody(in, req);
    const Response res = bench_.handle(req);
    out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(res.status));
    out.setContentType(res.contentType);
    // No request leaves the machine, and the page never runs other pages' code.
    out.set("Content-Security-Policy",
            "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; "
            "base-uri 'none'");
    out.set("X-Content-Type-Options", "nosniff");
    out.set("Referrer-Policy", "no-referrer");
    out.set("Cache-Control", "no-store");
    if (!res.downloadName.empty()) out.set("Content-Disposition", contentDisposition(res.downloadName));
    if (res.stream) {
      out.setChunkedTransferEncoding(true);
      std::ostream& stream = out.send();
      try {
        res.stream(stream);
      } catch (const std::exception&) {
        // The tab was closed mid-stream; the build itself has finished or failed on its own.
      }
      return;
    }
    out.setContentLength64(static_cast<Poco::Int64>(res.body.size()));
    out.send().write(res.body.data(), static_cast<std::streamsize>(res.body.size()));
  }

 private:
  /// Reads at most the cap; a longer body is flagged and the rest never read.
  void readBody(Poco::Net::HTTPServerRequest& in, Request& req) const {
    if (in.hasContentLength() && static_cast<std::size_t>(in.getContentLength64()) > maxBody_) {
      req.bodyTooLarge = true;
      return;
    }
    std::istream& body = in.stream();
    char chunk[1 << 16];
    while (body) {
      body.read(chunk, sizeof chunk);
      const auto got = static_cast<std::size_t>(body.gcount());
      if (got == 0) break;
      if (req.body.size() + got > maxBody_) {
        req.bodyTooLarge = true;
        req.body.clear();
        return;
      }
      req.body.append(chunk, got);
    }
  }

  Workbench& bench_;
  std::size_t maxBody_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(Workbench& bench, std::size_t maxBody) : bench_(bench), maxBody_(maxBody) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(bench_, maxBody_);
  }

 private:
  Workbench& bench_;
  std::size_t maxBody_;
};

}  // namespace

struct Server::Impl {
  Poco::Net::ServerSocket socket;
  std::unique_ptr<Workbench> bench;
  std::unique_ptr<Poco::Net::HTTPServer> http;
  int port = 0;
};

Server::Server(Options options) : impl_(std::make_unique<Impl>()) {
  try {
    // Loopback only: nothing on the network can connect, whatever the firewall says.
    impl_->socket.bind(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(options.port)), false);
    impl_->socket.listen(kMaxQueued);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("无法在 127.0.0.1:" + std::to_string(options.port) + " 上监听（" +
                             e.displayText() + "）；换一个端口（--port）或不指定端口");
  }
  impl_->port = impl_->socket.address().port();
  options.port = impl_->port;
  const std::size_t maxBody = std::max(options.limits.maxUploadBytes, options.limits.maxNamesBytes);
  impl_->bench = std::make_unique<Workbench>(std::move(options));
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(kMaxThreads);
  params->setMaxQueued(kMaxQueued);
  params->setTimeout(Poco::Timespan(kSocketTimeoutSeconds, 0));
  params->setKeepAlive(true);
  impl_->http =
      std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_->bench, maxBody), impl_->socket, params);
  impl_->http->start();
}

Server::~Server() {
  impl_->http->stopAll(true);
  impl_->http.reset();
  impl_->bench.reset();  // removes the upload folder
}

int Server::port() const { return impl_->port; }
std::string Server::url() const { return impl_->bench->url(); }
Workbench& Server::workbench() { return *impl_->bench; }

}  // namespace bangfu::serve
