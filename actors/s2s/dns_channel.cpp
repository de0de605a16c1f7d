#include "actors/s2s/dns_channel.hpp"

#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <poll.h>

#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace djabberd::s2s {

namespace {

void init_library_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (int rc = ares_library_init(ARES_LIB_INIT_ALL); rc != ARES_SUCCESS)
      throw std::runtime_error(std::string("c-ares: ") + ares_strerror(rc));
  });
}

std::string join_servers(const std::vector<std::string>& servers) {
  std::string csv;
  for (const auto& s : servers) {
    if (!csv.empty()) csv += ',';
    csv += s;
  }
  return csv;
}

srv_answer parse_srv(int status, const unsigned char* abuf, int alen, bool direct_tls) {
  srv_answer answer;
  if (status == ARES_ENOTFOUND || status == ARES_ENODATA) {
    answer.result = srv_answer::status::no_records;
    return answer;
  }
  if (status != ARES_SUCCESS) return answer;  // failed
  ares_srv_reply* head = nullptr;
  int rc = ares_parse_srv_reply(abuf, alen, &head);
  if (rc == ARES_ENODATA) {
    answer.result = srv_answer::status::no_records;
    return answer;
  }
  if (rc != ARES_SUCCESS) return answer;
  for (auto* r = head; r != nullptr; r = r->next) {
    srv_record rec;
    rec.target = r->host != nullptr ? r->host : "";
    if (rec.target.size() > 1 && rec.target.back() == '.') rec.target.pop_back();
    rec.port = r->port;
    rec.priority = r->priority;
    rec.weight = r->weight;
    rec.direct_tls = direct_tls;
    answer.records.push_back(std::move(rec));
  }
  ares_free_data(head);
  answer.result =
      answer.records.empty() ? srv_answer::status::no_records : srv_answer::status::records;
  return answer;
}

std::optional<std::string> address_text(const sockaddr* sa) {
  char buf[INET6_ADDRSTRLEN] = {};
  const void* raw = nullptr;
  if (sa->sa_family == AF_INET)
    raw = &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr;
  else if (sa->sa_family == AF_INET6)
    raw = &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr;
  if (raw == nullptr || inet_ntop(sa->sa_family, raw, buf, sizeof buf) == nullptr)
    return std::nullopt;
  return std::string(buf);
}

}  // namespace

// What a c-ares callback gets as its `arg`: the owner's counter and the completion function.
template <class Callback>
struct dns_channel::pending {
  dns_channel* owner;
  Callback done;
  bool direct_tls = false;
};

dns_channel::dns_channel(const options& opts) {
  init_library_once();
  ares_options o{};
  o.timeout = static_cast<int>(opts.timeout.count());
  o.tries = opts.tries;
  // Reads /etc/resolv.conf (a small local file) once, when the resolver starts.
  int rc = ares_init_options(&channel_, &o, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
  if (rc != ARES_SUCCESS)
    throw std::runtime_error(std::string("c-ares init: ") + ares_strerror(rc));
  if (!opts.servers.empty()) {
    rc = ares_set_servers_ports_csv(channel_, join_servers(opts.servers).c_str());
    if (rc != ARES_SUCCESS) {
      ares_destroy(channel_);
      throw std::runtime_error("c-ares: bad dns_servers \"" + join_servers(opts.servers) +
                               "\": " + ares_strerror(rc));
    }
  }
}

dns_channel::~dns_channel() {
  // Runs every outstanding callback with ARES_EDESTRUCTION; they only free their context then.
  ares_destroy(channel_);
}

void dns_channel::query_srv(const std::string& name, bool direct_tls,
                            std::function<void(srv_answer)> done) {
  using ctx_t = pending<std::function<void(srv_answer)>>;
  auto* ctx = new ctx_t{this, std::move(done), direct_tls};
  ++outstanding_;
  ares_query(
      channel_, name.c_str(), ns_c_in, ns_t_srv,
      [](void* arg, int status, int, unsigned char* abuf, int alen) {
        std::unique_ptr<ctx_t> ctx{static_cast<ctx_t*>(arg)};
        --ctx->owner->outstanding_;
        if (status == ARES_EDESTRUCTION) return;
        ctx->done(parse_srv(status, abuf, alen, ctx->direct_tls));
      },
      ctx);
}

void dns_channel::lookup_addresses(
    const std::string& name, std::function<void(host_status, std::vector<std::string>)> done) {
  using ctx_t = pending<std::function<void(host_status, std::vector<std::string>)>>;
  auto* ctx = new ctx_t{this, std::move(done)};
  ++outstanding_;
  ares_addrinfo_hints hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  ares_getaddrinfo(
      channel_, name.c_str(), nullptr, &hints,
      [](void* arg, int status, int, ares_addrinfo* res) {
        std::unique_ptr<ctx_t> ctx{static_cast<ctx_t*>(arg)};
        --ctx->owner->outstanding_;
        std::vector<std::string> addresses;
        for (auto* n = res != nullptr ? res->nodes : nullptr; n != nullptr; n = n->ai_next)
          if (auto text = address_text(n->ai_addr)) addresses.push_back(std::move(*text));
        if (res != nullptr) ares_freeaddrinfo(res);
        if (status == ARES_EDESTRUCTION) return;
        if (status == ARES_SUCCESS && !addresses.empty())
          ctx->done(host_status::found, std::move(addresses));
        else if (status == ARES_SUCCESS || status == ARES_ENOTFOUND || status == ARES_ENODATA)
          ctx->done(host_status::not_found, {});
        else
          ctx->done(host_status::failed, {});
      },
      ctx);
}

void dns_channel::process() {
  ares_socket_t socks[ARES_GETSOCK_MAXNUM];
  const int bits = ares_getsock(channel_, socks, ARES_GETSOCK_MAXNUM);
  pollfd fds[ARES_GETSOCK_MAXNUM];
  nfds_t n = 0;
  for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
    const bool rd = ARES_GETSOCK_READABLE(bits, i);
    const bool wr = ARES_GETSOCK_WRITABLE(bits, i);
    if (!rd && !wr) break;
    fds[n++] = pollfd{socks[i], static_cast<short>((rd ? POLLIN : 0) | (wr ? POLLOUT : 0)), 0};
  }
  // poll() with timeout 0 only asks the kernel which sockets are ready; it never waits.
  if (n > 0 && ::poll(fds, n, 0) > 0) {
    for (nfds_t i = 0; i < n; ++i) {
      const short ev = fds[i].revents;
      if (ev == 0) continue;
      ares_process_fd(channel_, (ev & (POLLIN | POLLERR | POLLHUP)) ? fds[i].fd : ARES_SOCKET_BAD,
                      (ev & POLLOUT) ? fds[i].fd : ARES_SOCKET_BAD);
    }
  }
  ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // expire tries past their timeout
}

}  // namespace djabberd::s2s
