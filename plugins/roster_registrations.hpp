// The hook registrations shared by the roster storage plugins: one actor answering all four.
#pragma once

#include <vector>

#include <caf/actor.hpp>

#include "actors/hooks/hook_table.hpp"

namespace djabberd::plugins {

/// Registers `handler` for roster.get, roster.set_item, roster.remove and roster.wipe.
inline std::vector<hooks::registration> roster_registrations(const caf::actor& handler) {
  return hooks::join(handler, {hooks::hook_id::roster_get, hooks::hook_id::roster_set_item,
                               hooks::hook_id::roster_remove, hooks::hook_id::roster_wipe});
}

}  // namespace djabberd::plugins
