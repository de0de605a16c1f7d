// Names of the login steps, for failure reasons and progress.
#include "bench/loadgen/connection.hpp"

namespace djabberd::loadgen {

const char* step_name(Step step) {
  switch (step) {
    case Step::unused:
      return "unused";
    case Step::connecting:
      return "connect";
    case Step::tls_handshake:
      return "tls";
    case Step::features:
      return "features";
    case Step::proceed:
      return "starttls";
    case Step::sasl:
      return "sasl";
    case Step::bind:
      return "bind";
    case Step::session:
      return "session";
    case Step::online:
      return "online";
    case Step::closed:
      return "closed";
  }
  return "?";
}

}  // namespace djabberd::loadgen
