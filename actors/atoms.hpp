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
using sasl_mechanisms = caf::atom_constant<caf::atom("saslmechs")>;
using c2s_filter = caf::atom_constant<caf::atom("c2sfilter")>;
using c2s_route = caf::atom_constant<caf::atom("c2sroute")>;
using deliver_hook = caf::atom_constant<caf::atom("deliverhk")>;
using iq_c2s = caf::atom_constant<caf::atom("iqc2s")>;
using pre_write = caf::atom_constant<caf::atom("prewrite")>;
using stream_features = caf::atom_constant<caf::atom("features")>;
using session_bound = caf::atom_constant<caf::atom("sessbound")>;
using session_unbound = caf::atom_constant<caf::atom("sessunbnd")>;
using initial_presence = caf::atom_constant<caf::atom("initpres")>;
using session_closing = caf::atom_constant<caf::atom("sessclose")>;
using roster_get = caf::atom_constant<caf::atom("rosterget")>;
using roster_set_item = caf::atom_constant<caf::atom("rosterset")>;
using roster_remove = caf::atom_constant<caf::atom("rosterrm")>;
using roster_wipe = caf::atom_constant<caf::atom("rosterwipe")>;
using offline_store = caf::atom_constant<caf::atom("offstore")>;
using offline_fetch = caf::atom_constant<caf::atom("offfetch")>;
using offline_remove = caf::atom_constant<caf::atom("offremove")>;
using presence_alter = caf::atom_constant<caf::atom("presalter")>;
using presence_collect = caf::atom_constant<caf::atom("prescoll")>;
using probe_plan = caf::atom_constant<caf::atom("probeplan")>;
using iq_account = caf::atom_constant<caf::atom("iqaccount")>;
using disco_info = caf::atom_constant<caf::atom("discoinfo")>;
using disco_items = caf::atom_constant<caf::atom("discoitems")>;
using disco_account = caf::atom_constant<caf::atom("discoacct")>;
using vcard_get = caf::atom_constant<caf::atom("vcardget")>;
using vcard_set = caf::atom_constant<caf::atom("vcardset")>;
using private_get = caf::atom_constant<caf::atom("privget")>;
using private_set = caf::atom_constant<caf::atom("privset")>;
using admin_command = caf::atom_constant<caf::atom("admincmd")>;
using unknown_element = caf::atom_constant<caf::atom("unknownel")>;
using stats_collect = caf::atom_constant<caf::atom("statscoll")>;
using plugin_lookup = caf::atom_constant<caf::atom("pluginlkup")>;
using disco_account_items = caf::atom_constant<caf::atom("discoaitem")>;
using avatar_hash = caf::atom_constant<caf::atom("avatarhash")>;
using last_get = caf::atom_constant<caf::atom("lastget")>;
using last_set = caf::atom_constant<caf::atom("lastset")>;
using pep_get_nodes = caf::atom_constant<caf::atom("pepnodes")>;
using pep_set_node = caf::atom_constant<caf::atom("pepsetnode")>;
using pep_publish = caf::atom_constant<caf::atom("peppublish")>;
using pep_retract = caf::atom_constant<caf::atom("pepretract")>;
using pep_delete_node = caf::atom_constant<caf::atom("pepdelete")>;
using blocklist_get = caf::atom_constant<caf::atom("blockget")>;
using blocklist_add = caf::atom_constant<caf::atom("blockadd")>;
using blocklist_remove = caf::atom_constant<caf::atom("blockrm")>;
using account_policy = caf::atom_constant<caf::atom("acctpolicy")>;
using account_register = caf::atom_constant<caf::atom("acctreg")>;
using account_unregister = caf::atom_constant<caf::atom("acctunreg")>;
using account_password = caf::atom_constant<caf::atom("acctpass")>;
using account_created = caf::atom_constant<caf::atom("acctmade")>;
using account_deleted = caf::atom_constant<caf::atom("acctgone")>;
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
// Limits (actors/c2s/connection_limits.hpp, actors/server/auth_guard.hpp).
using authed = caf::atom_constant<caf::atom("authed")>;         // session -> broker: SASL done
using unauth_end = caf::atom_constant<caf::atom("unauthend")>;  // broker -> listener: uncount
using read_again = caf::atom_constant<caf::atom("readagain")>;  // rate limit: resume reading
using overflow = caf::atom_constant<caf::atom("overflow")>;     // broker -> session: slow reader
using hard_close = caf::atom_constant<caf::atom("hardclose")>;  // drop a slow reader's socket
using login_fail = caf::atom_constant<caf::atom("loginfail")>;  // failed SASL -> delay (ms)
using login_ok = caf::atom_constant<caf::atom("loginok")>;      // successful SASL
using banned = caf::atom_constant<caf::atom("banned")>;         // is this address banned?
using bans = caf::atom_constant<caf::atom("bans")>;             // list the bans (admin)
using unban = caf::atom_constant<caf::atom("unban")>;           // lift a ban (admin)
using expire = caf::atom_constant<caf::atom("expire")>;         // periodic cleanup

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
// XEP-0115: an account actor waits for another one to learn a caps version.
using caps_recheck = caf::atom_constant<caf::atom("capsrechk")>;

// Server-to-server (actors/s2s).
using resolve = caf::atom_constant<caf::atom("resolve")>;      // s2s resolver: domain -> endpoints
using connected = caf::atom_constant<caf::atom("connected")>;  // a socket broker is ready
using connect_failed = caf::atom_constant<caf::atom("connfail")>;  // no endpoint accepted TCP
using db_verify = caf::atom_constant<caf::atom("dbverify")>;       // XEP-0220 authoritative check
using s2s_stream = caf::atom_constant<caf::atom("s2sstream")>;     // an inbound stream registers
using idle_check = caf::atom_constant<caf::atom("idlecheck")>;     // periodic s2s idle timer
// s2s hook requests.
using s2s_allow = caf::atom_constant<caf::atom("s2sallow")>;
using s2s_filter = caf::atom_constant<caf::atom("s2sfilter")>;
using s2s_out_filter = caf::atom_constant<caf::atom("s2soutflt")>;
using iq_s2s = caf::atom_constant<caf::atom("iqs2s")>;
using tls_verify_peer = caf::atom_constant<caf::atom("tlsverify")>;
using dialback_secret = caf::atom_constant<caf::atom("dbsecret")>;
using s2s_resolve = caf::atom_constant<caf::atom("s2sresolve")>;
// XEP-0198 stream management. route_ack: a client's message, answered once it was delivered to
// a session or committed to offline storage (acknowledged means durable). sm_register /
// sm_lookup: the router's table of resumable sessions by stream id. sm_takeover: the session of
// a new connection asks the waiting one for its state; sm_rebind: router and account actor swap
// the session handle (no presence change); sm_release: the account actor tells the old session
// that nothing more is coming its way. sm_expire: the resumption time is over.
using route_ack = caf::atom_constant<caf::atom("routeack")>;
using sm_register = caf::atom_constant<caf::atom("smregister")>;
using sm_lookup = caf::atom_constant<caf::atom("smlookup")>;
using sm_takeover = caf::atom_constant<caf::atom("smtakeover")>;
using sm_rebind = caf::atom_constant<caf::atom("smrebind")>;
using sm_release = caf::atom_constant<caf::atom("smrelease")>;
using sm_expire = caf::atom_constant<caf::atom("smexpire")>;
// XEP-0191 blocking: a client's blocking IQ (session -> router -> account actor); the account
// actor tells the router whether its block list is non-empty (atoms::blocking); for such accounts
// the router lets the actor check what its resources send (block_out) and what a bound resource
// would get directly (block_in); the actor hands a stanza that may pass back with route_ok.
using blocking_iq = caf::atom_constant<caf::atom("blockiq")>;
using blocking = caf::atom_constant<caf::atom("blocking")>;
using block_out = caf::atom_constant<caf::atom("blockout")>;
using block_in = caf::atom_constant<caf::atom("blockin")>;
using route_ok = caf::atom_constant<caf::atom("routeok")>;
// XEP-0077: an account was removed; the router has its actor end the account's sessions
// (<not-authorized/>) and retire as soon as they are gone, so no cached state survives it.
using account_gone = caf::atom_constant<caf::atom("acctended")>;

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
using cl_relay_ack = caf::atom_constant<caf::atom("clrelayack")>;  // relay answered once delivered
using cl_forward_ack = caf::atom_constant<caf::atom("clfwdack")>;  // forward answered once done
using cl_sync = caf::atom_constant<caf::atom("clsync")>;  // answered after what came before it
using cl_flag = caf::atom_constant<caf::atom("clflag")>;  // an account's carbons/blocking flag

}  // namespace djabberd::atoms
