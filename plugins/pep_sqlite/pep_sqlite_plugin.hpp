// pep_sqlite: stores XEP-0163 PEP nodes and items in <data_dir>/djabberd.sqlite.
#pragma once

#include <string_view>
#include <vector>

#include "actors/hooks/hook_table.hpp"
#include "actors/plugin.hpp"

namespace djabberd::plugins::pep_sqlite {

inline constexpr std::string_view name = "pep_sqlite";
inline constexpr std::string_view summary = "PEP node storage (XEP-0163) in SQLite";

/// No settings. Opens the store once per data_dir (shared across vhosts) in a detached actor and
/// joins pep.get_nodes, pep.set_node, pep.publish, pep.retract and pep.delete_node.
std::vector<hooks::registration> start(plugin_context& ctx);

}  // namespace djabberd::plugins::pep_sqlite
