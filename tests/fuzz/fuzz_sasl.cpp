// libFuzzer target: SASL message parsing (auth/): PLAIN messages, base64, and a SCRAM-SHA-256
// exchange whose client-first and client-final messages come from the input (split at the first
// NUL byte). The credentials use one PBKDF2 iteration to keep runs fast.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "auth/base64.hpp"
#include "auth/sasl_plain.hpp"
#include "auth/scram_credentials.hpp"
#include "auth/scram_server.hpp"

namespace {

const djabberd::auth::scram_credentials& credentials() {
  static const auto creds = djabberd::auth::make_scram_credentials(
      djabberd::auth::hash_algo::sha256, "pencil", "salt-for-fuzzing", 1);
  return creds;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace djabberd::auth;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)parse_plain(text);
  (void)base64_decode(text);
  auto split = text.find('\0');
  std::string_view first = text.substr(0, split);
  std::string_view final_msg = split == std::string_view::npos ? "" : text.substr(split + 1);
  channel_binding_support cb;
  cb.available.push_back({"tls-server-end-point", std::string(32, 'x')});
  bool plus = !first.empty() && first[0] == 'p';
  scram_server server(hash_algo::sha256, plus, cb, "fuzznonce");
  auto client = server.receive_client_first(first);
  if (std::holds_alternative<sasl_failure>(client)) return 0;
  (void)server.server_first(credentials());
  (void)server.receive_client_final(final_msg);
  return 0;
}
