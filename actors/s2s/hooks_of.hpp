// The hook chains of a local domain, for the s2s actors.
#pragma once

#include "actors/hooks/hook_table.hpp"
#include "actors/s2s/s2s_context.hpp"

namespace djabberd::s2s {

/// The hook table of vhost `domain`; an empty table for an unknown domain.
inline hooks::hook_table_ptr hooks_of(const s2s_context& ctx, std::string_view domain) {
  if (const auto* vhost = ctx.server->find_vhost(domain)) return vhost->hooks;
  static const auto empty = std::make_shared<const hooks::hook_table>();
  return empty;
}

}  // namespace djabberd::s2s
