// SASL for c2s (RFC 6120 §6): SCRAM-SHA-1/256 with and without channel binding, and PLAIN over TLS.
// Credentials come from the auth.* hook chains; nothing here touches storage.
#include <algorithm>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/c2s/session_state.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/message_types.hpp"
#include "actors/server/metrics.hpp"
#include "auth/base64.hpp"
#include "auth/sasl_plain.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::c2s {

namespace {

/// After this many failed attempts on one stream the stream is closed.
constexpr int max_sasl_failures = 5;

bool encrypted(const session_state& st) {
  return st.tls && st.tls->handshake_done();
}

// Wrong credentials count towards the failed-login back-off and bans (actors/server/auth_guard):
// the <failure/> waits as long as the guard says, stanzas meanwhile queue behind it.
bool wrong_credentials(auth::sasl_failure condition) {
  return condition == auth::sasl_failure::not_authorized ||
         condition == auth::sasl_failure::invalid_authzid;
}

// "ip" of the "ip:port" peer.
std::string address_of(const std::string& peer) {
  return peer.substr(0, peer.rfind(':'));
}

void sasl_failed(session_actor* self, auth::sasl_failure condition) {
  auto& st = self->state;
  if (!wrong_credentials(condition) || !st.server->auth_guard)
    return send_sasl_failure(self, static_cast<int>(condition));
  std::string account = st.sasl ? st.sasl->username + "@" + st.vhost->domain : std::string{};
  st.busy = true;
  auto answer = [self, condition](std::int64_t delay_ms) {
    if (self->state.current == phase::closing) return;
    if (delay_ms <= 0) return send_sasl_failure(self, static_cast<int>(condition));
    self->delayed_send(self, std::chrono::milliseconds(delay_ms), atoms::login_fail::value,
                       static_cast<int>(condition));
  };
  self->request(st.server->auth_guard, std::chrono::seconds(5), atoms::login_fail::value,
                address_of(st.peer), account)
      .then(answer, [answer](caf::error&) { answer(0); });
}

void sasl_succeeded(session_actor* self, std::string_view additional_data) {
  auto& st = self->state;
  metrics::auth_succeeded();
  std::string out = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
  out += auth::base64_encode(additional_data);
  out += "</success>";
  write(self, out);
  log::info("c2s", "#", st.id, " ", st.peer, " authenticated ", st.sasl->username, "@",
            st.vhost->domain, " with ", st.sasl->mechanism);
  st.username = st.sasl->username;
  self->send(st.socket, atoms::authed::value);  // frees its unauthenticated-connection slot
  if (st.server->auth_guard)
    self->send(st.server->auth_guard, atoms::login_ok::value, st.username + "@" + st.vhost->domain);
  st.sasl.reset();
  std::vector<std::string>().swap(st.mechanisms);  // pre-auth state: free it
  st.current = phase::wait_header;
  auto limits = st.parser->limits();
  limits.max_stanza_bytes = st.server->config.c2s.max_stanza_size;
  st.parser->set_limits(limits);
  restart_stream(self);
}

void run_auth_hook(session_actor* self, hooks::hook_id id, caf::message request,
                   std::function<void(hooks::chain_result)> done) {
  auto& st = self->state;
  st.busy = true;
  hooks::run_chain(self, st.vhost->hooks, id, std::move(request),
                   [self, done = std::move(done)](hooks::chain_result result) {
                     if (self->state.current == phase::closing) return;
                     self->state.busy = false;
                     done(std::move(result));
                     if (!self->state.busy) resume(self);  // else a held-back failure resumes
                   });
}

bool is_own_jid(const session_state& st, std::string_view authzid) {
  auto parsed = jid::parse(authzid);
  return parsed && parsed->is_bare() && parsed->local() == st.sasl->username &&
         parsed->domain() == st.vhost->domain;
}

// RFC 6120 §6.4.6: an authorization identity other than the user's own is refused with
// invalid-authzid unless an auth.authorize handler allows it.
void authorize_then(session_actor* self, std::function<void()> on_allowed) {
  auto& st = self->state;
  const std::string authzid = st.sasl->authzid;
  if (authzid.empty() || is_own_jid(st, authzid)) return on_allowed();
  auto target = jid::parse(authzid);
  if (!target || !target->is_bare() || target->local().empty() ||
      target->domain() != st.vhost->domain)
    return sasl_failed(self, auth::sasl_failure::invalid_authzid);
  run_auth_hook(
      self, hooks::hook_id::auth_authorize,
      caf::make_message(atoms::auth_authorize::value, st.vhost->domain, st.sasl->username, authzid),
      [self, local = target->local(), on_allowed](hooks::chain_result r) {
        if (r.handled && r.payload.match_elements<bool>() && r.payload.get_as<bool>(0)) {
          self->state.sasl->username = local;
          on_allowed();
        } else {
          sasl_failed(self, auth::sasl_failure::invalid_authzid);
        }
      });
}

void plain(session_actor* self, std::string_view data) {
  auto& st = self->state;
  if (!encrypted(st)) return sasl_failed(self, auth::sasl_failure::encryption_required);
  auto msg = auth::parse_plain(data);
  if (!msg) return sasl_failed(self, auth::sasl_failure::malformed_request);
  auto username = nodeprep(msg->authcid);
  st.sasl->username = username ? *username : msg->authcid;
  st.sasl->authzid = msg->authzid;
  if (!username) return sasl_failed(self, auth::sasl_failure::not_authorized);
  run_auth_hook(self, hooks::hook_id::auth_check_password,
                caf::make_message(atoms::auth_check_password::value, st.vhost->domain, *username,
                                  msg->password),
                [self](hooks::chain_result r) {
                  bool ok =
                      r.handled && r.payload.match_elements<bool>() && r.payload.get_as<bool>(0);
                  if (!ok) return sasl_failed(self, auth::sasl_failure::not_authorized);
                  authorize_then(self, [self] { sasl_succeeded(self, {}); });
                });
}

void scram_client_first(session_actor* self, std::string_view data) {
  auto& st = self->state;
  auto first = st.sasl->scram->receive_client_first(data);
  if (auto* failure = std::get_if<auth::sasl_failure>(&first)) return sasl_failed(self, *failure);
  const auto& client = std::get<auth::scram_server::client_first>(first);
  auto username = nodeprep(client.authcid);
  st.sasl->username = username ? *username : client.authcid;
  st.sasl->authzid = client.authzid;
  auto challenge = [self](const std::string& server_first) {
    std::string out = "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
    out += auth::base64_encode(server_first);
    out += "</challenge>";
    write(self, out);
  };
  if (!username) return challenge(st.sasl->scram->server_first_for_unknown_user());
  run_auth_hook(
      self, hooks::hook_id::auth_get_secret,
      caf::make_message(atoms::auth_get_secret::value, st.vhost->domain, *username, st.sasl->algo),
      [self, challenge](hooks::chain_result r) {
        auto& scram = *self->state.sasl->scram;
        if (r.handled && r.payload.match_elements<auth::scram_credentials>()) {
          const auto& creds = r.payload.get_as<auth::scram_credentials>(0);
          if (creds.algo == self->state.sasl->algo) return challenge(scram.server_first(creds));
        }
        // Unknown user: answer like for a real one so that the exchange fails only at the proof
        // and does not reveal which accounts exist.
        challenge(scram.server_first_for_unknown_user());
      });
}

void scram_client_final(session_actor* self, std::string_view data) {
  auto& st = self->state;
  auto final_msg = st.sasl->scram->receive_client_final(data);
  if (auto* failure = std::get_if<auth::sasl_failure>(&final_msg))
    return sasl_failed(self, *failure);
  authorize_then(self, [self, server_final = std::get<std::string>(final_msg)] {
    sasl_succeeded(self, server_final);
  });
}

auth::channel_binding_support channel_bindings(const session_state& st) {
  auth::channel_binding_support cb;
  if (!encrypted(st)) return cb;
  if (auto exporter = st.tls->exporter_binding(); !exporter.empty())
    cb.available.push_back({"tls-exporter", std::move(exporter)});
  cb.available.push_back({"tls-server-end-point", st.vhost->tls->server_end_point()});
  return cb;
}

void start(session_actor* self, const xml::element& auth_element) {
  auto& st = self->state;
  std::string mechanism(auth_element.attr_or("mechanism"));
  st.sasl = std::make_unique<sasl_exchange>();
  st.sasl->mechanism = mechanism;
  st.current = phase::sasl;
  std::optional<auth::hash_algo> algo;
  bool plus = false;
  if (mechanism == "SCRAM-SHA-1" || mechanism == "SCRAM-SHA-1-PLUS") algo = auth::hash_algo::sha1;
  if (mechanism == "SCRAM-SHA-256" || mechanism == "SCRAM-SHA-256-PLUS")
    algo = auth::hash_algo::sha256;
  plus = mechanism.ends_with("-PLUS");
  if (mechanism != "PLAIN" && (!algo || (plus && !encrypted(st)) || !offers_scram(*st.vhost)))
    return sasl_failed(self, auth::sasl_failure::invalid_mechanism);
  if (mechanism == "PLAIN" && !offers_plain(*st.vhost))
    return sasl_failed(self, auth::sasl_failure::invalid_mechanism);
  if (st.mechanisms_narrowed &&
      std::find(st.mechanisms.begin(), st.mechanisms.end(), mechanism) == st.mechanisms.end())
    return sasl_failed(self, auth::sasl_failure::invalid_mechanism);  // auth.sasl_mechanisms
  if (algo) st.sasl->algo = *algo;
  if (algo)
    st.sasl->scram = std::make_unique<auth::scram_server>(*algo, plus, channel_bindings(st), "");
  // RFC 6120 §6.4.2: no text = no initial response (send an empty challenge); "=" = empty one.
  std::string text = auth_element.text();
  if (text.empty()) {
    write(self, "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    return;
  }
  std::optional<std::string> data = text == "=" ? std::string{} : auth::base64_decode(text);
  if (!data) return sasl_failed(self, auth::sasl_failure::incorrect_encoding);
  if (st.sasl->scram)
    scram_client_first(self, *data);
  else
    plain(self, *data);
}

void respond(session_actor* self, const xml::element& response) {
  auto& st = self->state;
  if (!st.sasl) return sasl_failed(self, auth::sasl_failure::malformed_request);
  std::string text = response.text();
  std::optional<std::string> data = text == "=" ? std::string{} : auth::base64_decode(text);
  if (!data) return sasl_failed(self, auth::sasl_failure::incorrect_encoding);
  if (!st.sasl->scram) return plain(self, *data);
  if (st.sasl->username.empty()) return scram_client_first(self, *data);
  scram_client_final(self, *data);
}

}  // namespace

void send_sasl_failure(session_actor* self, int condition_number) {
  auto& st = self->state;
  if (st.current == phase::closing) return;
  auto condition = static_cast<auth::sasl_failure>(condition_number);
  metrics::auth_failed();
  std::string out = "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><";
  out += auth::condition_name(condition);
  out += "/></failure>";
  write(self, out);
  if (st.sasl)
    log::info("c2s", "#", st.id, " ", st.peer, " authentication failed for '", st.sasl->username,
              "@", st.vhost->domain, "': ", auth::condition_name(condition));
  st.sasl.reset();
  st.current = phase::pre_auth;
  if (condition != auth::sasl_failure::aborted && ++st.sasl_failures >= max_sasl_failures)
    fail_stream(self, xml::stream_error::policy_violation,
                "too many failed authentication attempts");
  if (st.busy)
    resume(self);  // after a held-back failure: the stanzas that queued behind it
  else
    flush(self);
}

void handle_sasl(session_actor* self, const xml::element_ptr& element) {
  const auto& name = element->name();
  if (name == "auth") return start(self, *element);
  if (name == "response") return respond(self, *element);
  if (name == "abort") return sasl_failed(self, auth::sasl_failure::aborted);
  sasl_failed(self, auth::sasl_failure::malformed_request);
}

}  // namespace djabberd::c2s
