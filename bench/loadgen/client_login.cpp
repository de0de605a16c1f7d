// The login steps after the stream opens: features, STARTTLS, SASL, bind, session, presence.
#include <string>

#include "bench/loadgen/base64.hpp"
#include "bench/loadgen/client.hpp"
#include "bench/loadgen/scenario.hpp"
#include "bench/loadgen/xml_scan.hpp"
#include "bench/loadgen/xmpp_text.hpp"

namespace djabberd::loadgen {

namespace {

std::string username(const Context& ctx, const Connection& c) {
  return ctx.options.users_prefix +
         std::to_string(static_cast<std::uint64_t>(ctx.options.first_index) + index_of(ctx, c));
}

void restart_stream(Context& ctx, Connection& c, std::uint8_t round) {
  c.in.clear();  // a new stream: nothing of the old one counts
  c.step = Step::features;
  c.round = round;
  send_text(ctx, c, xmpp::stream_header(ctx.options.domain));
}

void go_online(Context& ctx, Connection& c) {
  c.logging_in = false;
  --ctx.in_progress;
  ++ctx.online;
  c.step = Step::online;
  ctx.stats.logged_in(now_us() - c.start_us);
  c.scram.reset();
  c.in.clear();
  c.in.shrink_to_fit();
  send_text(ctx, c, xmpp::initial_presence());
  if (c.fd < 0) return;
  c.out.shrink_to_fit();
  ctx.scenario.on_online(ctx, c);
}

void start_sasl(Context& ctx, Connection& c, std::string_view features) {
  const char* mech = mech_name(ctx.options.mech);
  if (!offers_mechanism(features, mech)) {
    return end_connection(ctx, c, std::string{"mechanism_not_offered:"} + mech);
  }
  c.step = Step::sasl;
  if (ctx.options.mech == Mech::plain) {
    std::string message;
    message += '\0';
    message += username(ctx, c);
    message += '\0';
    message += ctx.options.password;
    return send_text(ctx, c, xmpp::auth(mech, base64_encode(message)));
  }
  c.scram = std::make_unique<ScramClient>(username(ctx, c), ctx.keys);
  send_text(ctx, c, xmpp::auth(mech, base64_encode(c.scram->client_first())));
}

void on_features(Context& ctx, Connection& c, std::string_view features) {
  if (c.round == 0 && ctx.options.no_tls) return start_sasl(ctx, c, features);
  if (c.round == 0) {
    if (features.find("<starttls") == std::string_view::npos) {
      return end_connection(ctx, c, "starttls_not_offered");
    }
    c.step = Step::proceed;
    return send_text(ctx, c, xmpp::starttls());
  }
  if (c.round == 1) return start_sasl(ctx, c, features);
  if (features.find("<bind") == std::string_view::npos) {
    return end_connection(ctx, c, "bind_not_offered");
  }
  const std::size_t session = features.find("urn:ietf:params:xml:ns:xmpp-session");
  c.session_required = session != std::string_view::npos &&
                       features.find("<optional", session) == std::string_view::npos;
  c.step = Step::bind;
  send_text(ctx, c, xmpp::bind(ctx.options.resource));
}

/// A SASL challenge (SCRAM server-first, or server-final sent as a challenge).
void on_challenge(Context& ctx, Connection& c, std::string_view payload_b64) {
  std::string payload;
  if (!c.scram || !base64_decode(payload_b64, payload)) {
    return end_connection(ctx, c, "sasl_bad_challenge");
  }
  std::string error;
  if (payload.starts_with("v=") || payload.starts_with("e=")) {
    if (!c.scram->verify_server_final(payload, error)) return end_connection(ctx, c, error);
    return send_text(ctx, c, xmpp::response(""));
  }
  auto final_message = c.scram->client_final(payload, error);
  if (!final_message) return end_connection(ctx, c, error);
  send_text(ctx, c, xmpp::response(base64_encode(*final_message)));
}

void on_success(Context& ctx, Connection& c, std::string_view payload_b64) {
  if (c.scram) {
    std::string payload;
    std::string error;
    if (!base64_decode(payload_b64, payload)) return end_connection(ctx, c, "sasl_bad_success");
    if (!payload.empty() && !c.scram->verify_server_final(payload, error)) {
      return end_connection(ctx, c, error);
    }
    if (!c.scram->server_verified()) return end_connection(ctx, c, "scram_no_server_final");
    c.scram.reset();
  }
  restart_stream(ctx, c, 2);
}

/// One step: consumes a complete reply from c.in. False when more input is needed.
bool step_once(Context& ctx, Connection& c) {
  std::string_view in = c.in;
  switch (c.step) {
    case Step::features: {
      auto f = find_element(in, "stream:features");
      if (!f) return false;
      const std::string features{f->text(in)};
      c.in.erase(0, f->end);
      on_features(ctx, c, features);
      return true;
    }
    case Step::proceed: {
      if (find_element(in, "failure")) {
        end_connection(ctx, c, "starttls_failure");
        return true;
      }
      if (!find_element(in, "proceed")) return false;
      start_tls(ctx, c);
      return true;
    }
    case Step::sasl: {
      if (auto failure = find_element(in, "failure")) {
        end_connection(ctx, c, "sasl_failure:" + std::string{first_child_name(failure->text(in))});
        return true;
      }
      if (auto s = find_element(in, "success")) {
        const std::string payload{s->content(in)};
        c.in.erase(0, s->end);
        on_success(ctx, c, payload);
        return true;
      }
      if (auto ch = find_element(in, "challenge")) {
        const std::string payload{ch->content(in)};
        c.in.erase(0, ch->end);
        on_challenge(ctx, c, payload);
        return true;
      }
      return false;
    }
    case Step::bind:
    case Step::session: {
      auto iq = find_element(in, "iq");
      if (!iq) return false;
      const std::string_view text = iq->text(in);
      if (!has_attribute(text, "id", c.step == Step::bind ? "bind1" : "sess1")) {
        c.in.erase(0, iq->end);  // not the answer we wait for
        return true;
      }
      if (has_attribute(text, "type", "error")) {
        end_connection(
            ctx, c,
            std::string{step_name(c.step)} + "_error:" + std::string{stanza_error_condition(text)});
        return true;
      }
      const bool ok = has_attribute(text, "type", "result");
      c.in.erase(0, iq->end);
      if (!ok) return true;
      if (c.step == Step::bind && c.session_required) {
        c.step = Step::session;
        send_text(ctx, c, xmpp::session());
      } else {
        go_online(ctx, c);
      }
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

void process_login(Context& ctx, Connection& c) {
  while (c.fd >= 0 && c.step != Step::online && c.step != Step::tls_handshake && !c.in.empty() &&
         step_once(ctx, c)) {
  }
  if (c.fd >= 0 && c.step == Step::online && !c.in.empty()) ctx.scenario.on_data(ctx, c);
}

}  // namespace djabberd::loadgen
