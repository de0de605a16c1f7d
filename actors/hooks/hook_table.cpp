// Ordering of handler chains.
#include "actors/hooks/hook_table.hpp"

#include <algorithm>

namespace djabberd::hooks {

hook_table::hook_table() {
  timeouts_.fill(std::chrono::milliseconds{10000});
}

void hook_table::add(registration r) {
  auto& chain = chains_[static_cast<std::size_t>(r.hook)];
  auto pos = std::find_if(chain.begin(), chain.end(),
                          [&](const registration& x) { return x.priority < r.priority; });
  chain.insert(pos, std::move(r));
}

bool hook_table::has_plugin(std::string_view plugin) const {
  for (const auto& chain : chains_)
    for (const auto& r : chain)
      if (r.plugin == plugin) return true;
  return false;
}

void hook_table::set_all_timeouts(std::chrono::milliseconds t) {
  timeouts_.fill(t);
}

caf::actor hook_table::handler_of(std::string_view plugin) const {
  for (const auto& chain : chains_)
    for (const auto& r : chain)
      if (r.plugin == plugin) return r.handler;
  return {};
}

}  // namespace djabberd::hooks
