// Value types that travel inside actor messages. They are immutable or copied by value. Elements
// and JIDs also cross node boundaries in a cluster (inspect() in actors/cluster/wire_types.hpp,
// announced by cluster::announce_types); the rest stays local and is not serialisable.
#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/response_promise.hpp>

#include <cstdint>
#include <vector>

#include "actors/cluster/wire_types.hpp"
#include "actors/hooks/hook_table.hpp"
#include "actors/pep/pep_node.hpp"
#include "actors/roster/roster_item.hpp"
#include "auth/crypto.hpp"
#include "auth/scram_credentials.hpp"
#include "stanza/element.hpp"
#include "stanza/jid.hpp"

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::auth::hash_algo)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::auth::scram_credentials)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::roster::roster_item)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::roster::roster_items)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::xml::element_list)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::hooks::hook_table_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::hooks::stat_samples)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::pep::node_config)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::pep::item)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(djabberd::pep::node_list)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(caf::response_promise)
