// Certificate verdicts for remote servers.
#include "actors/s2s/peer_verdict.hpp"

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/run_chain.hpp"
#include "actors/log.hpp"
#include "actors/s2s/hooks_of.hpp"
#include "actors/tls/cert_names.hpp"

namespace djabberd::s2s {

void check_peer(caf::event_based_actor* self, const s2s_context& ctx, const std::string& local,
                const std::string& remote_domain, const tls::stream& session,
                std::function<void(bool)> done) {
  bool chain_ok = session.chain_verified();
  bool name_ok = tls::identifies(tls::identities_of(session.peer_certificate()), remote_domain);
  std::string error = chain_ok ? (name_ok ? "ok" : "name mismatch") : session.verify_error();
  hooks::run_chain(
      self, hooks_of(ctx, local), hooks::hook_id::tls_verify_peer,
      caf::make_message(atoms::tls_verify_peer::value, local, remote_domain, chain_ok, name_ok,
                        error),
      [done = std::move(done), chain_ok, name_ok, remote_domain, error](hooks::chain_result r) {
        bool trusted = chain_ok && name_ok;
        if (r.handled && r.payload.match_elements<bool>()) trusted = r.payload.get_as<bool>(0);
        log::debug("s2s", "certificate of ", remote_domain, ": ", error,
                   trusted ? " -> trusted" : " -> not trusted");
        done(trusted);
      });
}

}  // namespace djabberd::s2s
