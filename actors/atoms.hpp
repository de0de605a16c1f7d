// Every CAF atom the server's actors exchange, listed once (CAF 0.17: at most 10 characters each).
#pragma once

#include <caf/atom.hpp>

namespace djabberd::atoms {

// Hook pipeline replies.
using handled = caf::atom_constant<caf::atom("handled")>;
using declined = caf::atom_constant<caf::atom("declined")>;

// Hook requests: the first element of every hook request names the hook.
using auth_get_secret = caf::atom_constant<caf::atom("getsecret")>;
using auth_check_password = caf::atom_constant<caf::atom("checkpw")>;
using auth_authorize = caf::atom_constant<caf::atom("authorize")>;
using auth_user_exists = caf::atom_constant<caf::atom("userexists")>;
using c2s_filter = caf::atom_constant<caf::atom("c2sfilter")>;
using iq_c2s = caf::atom_constant<caf::atom("iqc2s")>;
using pre_write = caf::atom_constant<caf::atom("prewrite")>;
using stream_features = caf::atom_constant<caf::atom("features")>;
using session_bound = caf::atom_constant<caf::atom("sessbound")>;
using session_unbound = caf::atom_constant<caf::atom("sessunbnd")>;
using initial_presence = caf::atom_constant<caf::atom("initpres")>;
using roster_get = caf::atom_constant<caf::atom("rosterget")>;
using roster_set_item = caf::atom_constant<caf::atom("rosterset")>;
using roster_remove = caf::atom_constant<caf::atom("rosterrm")>;
using roster_wipe = caf::atom_constant<caf::atom("rosterwipe")>;
using offline_store = caf::atom_constant<caf::atom("offstore")>;
using offline_fetch = caf::atom_constant<caf::atom("offfetch")>;
using offline_remove = caf::atom_constant<caf::atom("offremove")>;
using presence_alter = caf::atom_constant<caf::atom("presalter")>;
using iq_account = caf::atom_constant<caf::atom("iqaccount")>;
using disco_info = caf::atom_constant<caf::atom("discoinfo")>;
using disco_items = caf::atom_constant<caf::atom("discoitems")>;
using disco_account = caf::atom_constant<caf::atom("discoacct")>;
using vcard_get = caf::atom_constant<caf::atom("vcardget")>;
using vcard_set = caf::atom_constant<caf::atom("vcardset")>;
using private_get = caf::atom_constant<caf::atom("privget")>;
using private_set = caf::atom_constant<caf::atom("privset")>;
// A plugin asks its vhost's hook runner to run a chain: (run_hook | collect, name, request).
using run_hook = caf::atom_constant<caf::atom("runhook")>;
using collect = caf::atom_constant<caf::atom("collect")>;
using set_table = caf::atom_constant<caf::atom("settable")>;

// Socket broker <-> c2s session.
using data = caf::atom_constant<caf::atom("data")>;      // bytes read from / to write to a socket
using close = caf::atom_constant<caf::atom("close")>;    // flush, then close the socket
using closed = caf::atom_constant<caf::atom("closed")>;  // the peer closed the socket
using keepalive = caf::atom_constant<caf::atom("keepalive")>;  // periodic whitespace keepalive
using deadline = caf::atom_constant<caf::atom("deadline")>;    // negotiation must be done by now
using add = caf::atom_constant<caf::atom("add")>;              // track a new connection

// Router <-> sessions.
using bind = caf::atom_constant<caf::atom("bind")>;          // register a full JID
using unbind = caf::atom_constant<caf::atom("unbind")>;      // remove a full JID
using route = caf::atom_constant<caf::atom("route")>;        // deliver a stanza to its 'to'
using deliver = caf::atom_constant<caf::atom("deliver")>;    // router -> session: write this stanza
using presence = caf::atom_constant<caf::atom("presence")>;  // session availability and priority
using kick = caf::atom_constant<caf::atom("kick")>;          // end a session with a stream error
using shutdown = caf::atom_constant<caf::atom("shutdown")>;  // graceful server shutdown
using count = caf::atom_constant<caf::atom("count")>;        // ask for a statistic
using info = caf::atom_constant<caf::atom("info")>;          // describe yourself (admin socket)
// Router <-> user actors (one per local account while it has sessions or work).
using inbound = caf::atom_constant<caf::atom("inbound")>;     // a stanza for the account
using outbound = caf::atom_constant<caf::atom("outbound")>;   // a client's presence with a 'to'
using roster_iq = caf::atom_constant<caf::atom("rosteriq")>;  // a client's jabber:iq:roster IQ
using idle = caf::atom_constant<caf::atom("idle")>;           // user actor has nothing to do
using retire = caf::atom_constant<caf::atom("retire")>;       // router -> user actor: quit now
// XEP-0280 carbons: a client's enable/disable IQ (session -> router -> account actor); the
// account actor tells the router whether any resource has carbons on; the router then gives it
// the chat messages it delivered to a full JID, and those the account's resources sent.
using carbons_iq = caf::atom_constant<caf::atom("carbonsiq")>;
using carbons = caf::atom_constant<caf::atom("carbons")>;
using carbon_copy = caf::atom_constant<caf::atom("carboncopy")>;
using carbon_sent = caf::atom_constant<caf::atom("carbonsent")>;

// Cluster (actors/cluster): the node actors each node publishes, and router <-> router.
using cluster_route = caf::atom_constant<caf::atom("clroute")>;  // hook cluster.route request
using cl_join = caf::atom_constant<caf::atom("cljoin")>;         // ask a node for membership
using cl_welcome = caf::atom_constant<caf::atom("clwelcome")>;   // membership granted
using cl_refused = caf::atom_constant<caf::atom("clrefused")>;   // membership refused
using cl_gossip = caf::atom_constant<caf::atom("clgossip")>;     // a member's member list
using cl_found = caf::atom_constant<caf::atom("clfound")>;       // connector: remote node reached
using cl_failed = caf::atom_constant<caf::atom("clfailed")>;     // connector: it was not
using cl_tick = caf::atom_constant<caf::atom("cltick")>;         // periodic gossip and seed retry
using cl_members = caf::atom_constant<caf::atom("clmembers")>;   // node actor -> router: the view
using cl_forward = caf::atom_constant<caf::atom("clforward")>;   // router -> home router: account
using cl_relay = caf::atom_constant<caf::atom("clrelay")>;       // router -> home router: stanza
using cl_standby = caf::atom_constant<caf::atom("clstandby")>;   // watch a session for its home
using cl_lost = caf::atom_constant<caf::atom("cllost")>;  // a resource vanished with its node

}  // namespace djabberd::atoms
