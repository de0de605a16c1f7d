// libFuzzer target: JID parsing and preparation (stanza/jid, stanza/prep). Every parsed JID must
// survive a round trip through its string form unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "stanza/jid.hpp"
#include "stanza/prep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)djabberd::nodeprep(text);
  (void)djabberd::nameprep(text);
  (void)djabberd::resourceprep(text);
  auto parsed = djabberd::jid::parse(text);
  if (!parsed) return 0;
  auto again = djabberd::jid::parse(parsed->str());
  if (!again || *again != *parsed) std::abort();  // preparation must be idempotent
  (void)parsed->bare();
  return 0;
}
