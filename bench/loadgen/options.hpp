// Command-line options of djabberd-loadgen and their parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace djabberd::loadgen {

enum class Mech : std::uint8_t { plain, scram_sha256 };

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  bool direct_tls = false;
  std::string domain = "localhost";
  std::string users_prefix = "bench";
  std::string password;
  std::uint32_t first_index = 0;  ///< users are <prefix><first_index + i>
  std::uint32_t count = 1;
  double rate = 100;          ///< new connections per second
  double hold = 30;           ///< seconds to keep the connections once all logged in
  double login_timeout = 30;  ///< seconds from TCP connect to the initial presence
  double deadline = 0;        ///< whole run; 0 = count / rate + hold + 120
  Mech mech = Mech::scram_sha256;
  std::string source_ips;  ///< "127.0.0.2-127.0.0.200[,A[-B]]..."; empty = kernel's choice
  std::string report;      ///< JSON report path; empty = none
  std::string resource = "loadgen";
  std::string scenario = "idle";
  bool quiet = false;
  bool no_tls = false;      ///< skip STARTTLS (the server must not require encryption)
  std::string scram_cache;  ///< file of SCRAM keys loaded at start and saved at exit; "" = none
  // The messaging scenario (pairs 2i, 2i+1 chat with each other once everyone is online).
  double msg_rate = 0;                 ///< total messages/s offered; 0 = saturation (echo)
  std::uint32_t window = 1;            ///< saturation: messages each client starts with in flight
  std::uint64_t messages = 1'000'000;  ///< bound on the messages sent
  double duration = 10;                ///< seconds of sending
  // The presence scenario (groups of contacts + 1 users, each the others' contact).
  std::uint32_t contacts = 100;  ///< contacts per user
};

/// Seconds the messaging scenario waits after sending stops for messages still in flight.
inline constexpr double messaging_drain_s = 5;

/// The SASL mechanism's wire name.
const char* mech_name(Mech mech);

/// Parses the command line. Returns nothing after --help (exit_code 0) or a usage error
/// (message on stderr, exit_code 2).
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

}  // namespace djabberd::loadgen
