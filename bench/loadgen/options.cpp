// Parses djabberd-loadgen's command line into Options, checking every value.
#include "bench/loadgen/options.hpp"

#include <getopt.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace djabberd::loadgen {

namespace {

constexpr const char* usage_text =
    "usage: djabberd-loadgen --port P --password PW [options]\n"
    "  --host ADDR          server address (127.0.0.1)\n"
    "  --port P             c2s port (STARTTLS, or direct TLS with --direct-tls)\n"
    "  --direct-tls         TLS from the first byte (XEP-0368) instead of STARTTLS\n"
    "  --domain D           XMPP domain, also the TLS SNI (localhost)\n"
    "  --users-prefix P     users are P<i>@D for i in [first, first + count) (bench)\n"
    "  --first-index I      first user number (0), to split users over several generators\n"
    "  --password PW        the password all users share\n"
    "  --count N            connections (1)\n"
    "  --rate R             new connections per second (100)\n"
    "  --hold S             seconds to hold the connections once all are up (30)\n"
    "  --login-timeout S    seconds allowed from connect to initial presence (30)\n"
    "  --deadline S         bound on the whole run (count / rate + hold + 120)\n"
    "  --mech M             PLAIN or SCRAM-SHA-256 (SCRAM-SHA-256)\n"
    "  --source-ips LIST    local source addresses, e.g. 127.0.0.2-127.0.0.200,127.1.0.1\n"
    "  --resource R         resource to bind (loadgen)\n"
    "  --scenario S         what online connections do: idle, messaging or presence (idle)\n"
    "  --no-tls             skip STARTTLS (the server must not require encryption)\n"
    "  --scram-cache FILE   load SCRAM keys from FILE at start, save them at exit\n"
    "messaging (pairs of users 2i, 2i+1; starts once every connection is online; the hold is\n"
    "--duration plus up to 5 s for messages in flight, --hold is ignored):\n"
    "  --msg-rate R         total messages/s over all clients; 0 = saturation (0)\n"
    "  --window W           saturation: messages in flight per client, refilled on arrival (1)\n"
    "  --messages N         bound on the messages sent (1000000)\n"
    "  --duration S         seconds of sending (10)\n"
    "presence (users in groups of C + 1 consecutive numbers are each other's contacts, rosters\n"
    "provisioned on the server; ends once every client saw every contact's presence, or after\n"
    "--hold; --count and --first-index must be multiples of C + 1):\n"
    "  --contacts C         contacts per user (100)\n"
    "  --report FILE        write the results as JSON\n"
    "  --quiet              no progress lines on stderr\n";

enum : int {
  opt_host = 1000,
  opt_port,
  opt_direct_tls,
  opt_domain,
  opt_prefix,
  opt_first,
  opt_password,
  opt_count,
  opt_rate,
  opt_hold,
  opt_login_timeout,
  opt_deadline,
  opt_mech,
  opt_source_ips,
  opt_resource,
  opt_scenario,
  opt_report,
  opt_quiet,
  opt_no_tls,
  opt_scram_cache,
  opt_msg_rate,
  opt_window,
  opt_messages,
  opt_duration,
  opt_contacts,
  opt_help,
};

bool parse_uint(const char* text, std::uint64_t max, std::uint64_t& out) {
  if (text == nullptr || *text == '\0' || *text == '-') return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long value = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || value > max) return false;
  out = value;
  return true;
}

bool parse_seconds(const char* text, double& out) {
  if (text == nullptr || *text == '\0') return false;
  char* end = nullptr;
  double value = std::strtod(text, &end);
  if (*end != '\0' || !std::isfinite(value) || value < 0 || value > 1e7) return false;
  out = value;
  return true;
}

bool bad_value(const char* option, const char* value) {
  std::fprintf(stderr, "djabberd-loadgen: bad value for --%s: '%s'\n", option, value);
  return false;
}

bool apply(Options& o, int id, const char* name, const char* value) {
  std::uint64_t number = 0;
  switch (id) {
    case opt_host:
      o.host = value;
      return true;
    case opt_port:
      if (!parse_uint(value, 65535, number) || number == 0) return bad_value(name, value);
      o.port = static_cast<std::uint16_t>(number);
      return true;
    case opt_direct_tls:
      o.direct_tls = true;
      return true;
    case opt_domain:
      o.domain = value;
      return !o.domain.empty() || bad_value(name, value);
    case opt_prefix:
      o.users_prefix = value;
      return true;
    case opt_first:
      if (!parse_uint(value, 0xffffffffu, number)) return bad_value(name, value);
      o.first_index = static_cast<std::uint32_t>(number);
      return true;
    case opt_password:
      o.password = value;
      return true;
    case opt_count:
      if (!parse_uint(value, 10'000'000, number) || number == 0) return bad_value(name, value);
      o.count = static_cast<std::uint32_t>(number);
      return true;
    case opt_rate:
      return (parse_seconds(value, o.rate) && o.rate > 0) || bad_value(name, value);
    case opt_hold:
      return parse_seconds(value, o.hold) || bad_value(name, value);
    case opt_login_timeout:
      return (parse_seconds(value, o.login_timeout) && o.login_timeout > 0) ||
             bad_value(name, value);
    case opt_deadline:
      return (parse_seconds(value, o.deadline) && o.deadline > 0) || bad_value(name, value);
    case opt_mech:
      if (std::string_view{value} == "PLAIN") {
        o.mech = Mech::plain;
      } else if (std::string_view{value} == "SCRAM-SHA-256") {
        o.mech = Mech::scram_sha256;
      } else {
        return bad_value(name, value);
      }
      return true;
    case opt_source_ips:
      o.source_ips = value;
      return true;
    case opt_resource:
      o.resource = value;
      return !o.resource.empty() || bad_value(name, value);
    case opt_scenario:
      o.scenario = value;
      return true;
    case opt_report:
      o.report = value;
      return true;
    case opt_quiet:
      o.quiet = true;
      return true;
    case opt_no_tls:
      o.no_tls = true;
      return true;
    case opt_scram_cache:
      o.scram_cache = value;
      return !o.scram_cache.empty() || bad_value(name, value);
    case opt_msg_rate:
      return parse_seconds(value, o.msg_rate) || bad_value(name, value);
    case opt_window:
      if (!parse_uint(value, 1000, number) || number == 0) return bad_value(name, value);
      o.window = static_cast<std::uint32_t>(number);
      return true;
    case opt_messages:
      if (!parse_uint(value, 100'000'000, number) || number == 0) return bad_value(name, value);
      o.messages = number;
      return true;
    case opt_duration:
      return (parse_seconds(value, o.duration) && o.duration > 0) || bad_value(name, value);
    case opt_contacts:
      if (!parse_uint(value, 100'000, number) || number == 0) return bad_value(name, value);
      o.contacts = static_cast<std::uint32_t>(number);
      return true;
    default:
      return false;
  }
}

}  // namespace

const char* mech_name(Mech mech) {
  return mech == Mech::plain ? "PLAIN" : "SCRAM-SHA-256";
}

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
  static const option long_options[] = {
      {"host", required_argument, nullptr, opt_host},
      {"port", required_argument, nullptr, opt_port},
      {"direct-tls", no_argument, nullptr, opt_direct_tls},
      {"domain", required_argument, nullptr, opt_domain},
      {"users-prefix", required_argument, nullptr, opt_prefix},
      {"first-index", required_argument, nullptr, opt_first},
      {"password", required_argument, nullptr, opt_password},
      {"count", required_argument, nullptr, opt_count},
      {"rate", required_argument, nullptr, opt_rate},
      {"hold", required_argument, nullptr, opt_hold},
      {"login-timeout", required_argument, nullptr, opt_login_timeout},
      {"deadline", required_argument, nullptr, opt_deadline},
      {"mech", required_argument, nullptr, opt_mech},
      {"source-ips", required_argument, nullptr, opt_source_ips},
      {"resource", required_argument, nullptr, opt_resource},
      {"scenario", required_argument, nullptr, opt_scenario},
      {"report", required_argument, nullptr, opt_report},
      {"quiet", no_argument, nullptr, opt_quiet},
      {"no-tls", no_argument, nullptr, opt_no_tls},
      {"scram-cache", required_argument, nullptr, opt_scram_cache},
      {"msg-rate", required_argument, nullptr, opt_msg_rate},
      {"window", required_argument, nullptr, opt_window},
      {"messages", required_argument, nullptr, opt_messages},
      {"duration", required_argument, nullptr, opt_duration},
      {"contacts", required_argument, nullptr, opt_contacts},
      {"help", no_argument, nullptr, opt_help},
      {nullptr, 0, nullptr, 0},
  };
  Options o;
  exit_code = 2;
  opterr = 0;
  optind = 1;
  int index = 0;
  for (int id; (id = getopt_long(argc, argv, "", long_options, &index)) != -1;) {
    if (id == opt_help) {
      std::fputs(usage_text, stdout);
      exit_code = 0;
      return std::nullopt;
    }
    if (id == '?' || id == ':') {
      std::fprintf(stderr, "djabberd-loadgen: unknown option or missing value: %s\n%s",
                   argv[optind - 1], usage_text);
      return std::nullopt;
    }
    if (!apply(o, id, long_options[index].name, optarg)) return std::nullopt;
  }
  if (optind < argc) {
    std::fprintf(stderr, "djabberd-loadgen: unexpected argument '%s'\n%s", argv[optind],
                 usage_text);
    return std::nullopt;
  }
  if (o.port == 0 || o.password.empty()) {
    std::fprintf(stderr, "djabberd-loadgen: --port and --password are required\n%s", usage_text);
    return std::nullopt;
  }
  if (static_cast<std::uint64_t>(o.first_index) + o.count > 0x100000000ull) {
    std::fputs("djabberd-loadgen: --first-index + --count exceeds 2^32\n", stderr);
    return std::nullopt;
  }
  if (o.no_tls && o.direct_tls) {
    std::fputs("djabberd-loadgen: --no-tls and --direct-tls exclude each other\n", stderr);
    return std::nullopt;
  }
  if (o.scenario == "messaging") {
    if (o.count % 2 != 0 || o.first_index % 2 != 0) {
      std::fputs(
          "djabberd-loadgen: messaging pairs users 2i and 2i+1: --count and "
          "--first-index must be even\n",
          stderr);
      return std::nullopt;
    }
    o.hold = o.duration + messaging_drain_s;
  }
  if (o.scenario == "presence") {
    const std::uint64_t group = std::uint64_t{o.contacts} + 1;
    if (o.count % group != 0 || o.first_index % group != 0) {
      std::fprintf(stderr,
                   "djabberd-loadgen: presence groups are %llu users (--contacts + 1): --count "
                   "and --first-index must be multiples of it\n",
                   static_cast<unsigned long long>(group));
      return std::nullopt;
    }
  }
  if (o.deadline == 0) o.deadline = o.count / o.rate + o.hold + 120;
  exit_code = 0;
  return o;
}

}  // namespace djabberd::loadgen
