// stats, message and reload: counters out, one stanza into the router, the reloader's report.
#include "actors/admin/admin_ops.hpp"

#include <atomic>
#include <stdexcept>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/message_types.hpp"
#include "actors/server/metrics.hpp"
#include "stanza/element.hpp"
#include "stanza/jid.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::admin {

namespace {

// The text after the first `n` words of `line`.
std::string_view rest_after(std::string_view line, std::size_t n) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < n; ++i) {
    pos = line.find_first_not_of(' ', pos);
    pos = line.find(' ', pos);
    if (pos == std::string_view::npos) return {};
  }
  pos = line.find_first_not_of(' ', pos);
  return pos == std::string_view::npos ? std::string_view{} : line.substr(pos);
}

// Undoes djabberctl's escaping, which keeps the request on one line.
std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == 'n' || text[i + 1] == '\\')) {
      out += text[++i] == 'n' ? '\n' : '\\';
      continue;
    }
    out += text[i];
  }
  return out;
}

std::atomic<std::uint64_t> next_message_id{1};

}  // namespace

std::string stats() {
  std::string out;
  for (const auto& s : metrics::snapshot()) out += s.name + "=" + std::to_string(s.value) + "\n";
  return out;
}

std::string message(const environment& env, std::string_view line,
                    const std::vector<std::string>& words) {
  if (words.size() < 4) throw std::runtime_error("usage: message normal|headline JID TEXT");
  const auto& type = words[1];
  if (type != "normal" && type != "headline")
    throw std::runtime_error("message type must be normal or headline, not '" + type + "'");
  auto to = jid::parse(words[2]);
  if (!to || to->local().empty())
    throw std::runtime_error("'" + words[2] + "' is not a user's JID");
  if (!env.server->find_vhost(to->domain()))
    throw std::runtime_error("'" + to->domain() + "' is not a vhost of this server");
  std::string text = unescape(rest_after(line, 3));
  auto msg = xml::make_element("message", std::string(ns::client));
  msg->set_attr("from", to->domain());
  msg->set_attr("to", to->str());
  msg->set_attr("type", type);
  msg->set_attr("id", "djabberctl-" + std::to_string(next_message_id++));
  msg->add_child("body", std::string(ns::client)).add_text(text);
  caf::anon_send(env.server->router, atoms::route::value, xml::element_ptr{msg});
  return "sent=" + to->str() + "\n";
}

std::string reload(const environment& env) {
  if (!env.reload) throw std::runtime_error("this server cannot reload");
  auto report = env.reload();  // a refused file throws with its FILE:LINE: KEY: message
  std::string out;
  for (const auto& a : report.applied) out += "applied\t" + a + "\n";
  for (const auto& r : report.restart_needed) out += "restart\t" + r + "\n";
  return out;
}

}  // namespace djabberd::admin
