// The vCard protocol actor: checks who may read or write which vCard, then runs the storage hooks.
#pragma once

#include <cstddef>

#include <caf/actor.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

namespace djabberd::plugins::vcard {

/// iq.c2s: a <vCard xmlns='vcard-temp'/> get/set without 'to' or to the user's own bare JID
/// (anything else, e.g. the server's domain, is declined):
/// - get: runs vcard.get through `runner` -> result with the stored vCard, or an empty one;
/// - set: bigger than `max_size` bytes serialized -> not-acceptable; else runs vcard.set ->
///   empty result (true), internal-server-error (false), service-unavailable (no storage).
/// iq.account: a vCard get to an account's bare JID -> that account's vCard as above; a set ->
/// forbidden. disco.server_info (no node): handled(feature vcard-temp).
/// avatar.hash (XEP-0153): handled(hex SHA-1 of the vCard's PHOTO, "" without one), cached per
/// account and recomputed when the owner sets a vCard. presence.alter_available: a presence
/// without <x xmlns='vcard-temp:x:update'/> gets one with avatar.hash's answer (declined when it
/// has one or no handler knows the hash).
caf::behavior vcard_actor(caf::event_based_actor* self, caf::actor runner, std::size_t max_size);

}  // namespace djabberd::plugins::vcard
