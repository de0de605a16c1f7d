// presence_directory: one actor per vhost answering presence.collect and presence.probe_plan for
// the accounts of its list.
#include "plugins/presence_directory/presence_directory_plugin.hpp"

#include <memory>
#include <set>
#include <string>

#include <caf/all.hpp>

#include "actors/atoms.hpp"
#include "actors/hooks/reply.hpp"
#include "actors/message_types.hpp"
#include "stanza/namespaces.hpp"

namespace djabberd::plugins::presence_directory {

namespace {

struct options {
  std::set<std::string> accounts;  ///< bare JIDs, as jid::parse prints them
  std::string status;
  std::string resource;
};

caf::behavior directory_actor(caf::event_based_actor*, std::shared_ptr<const options> opts) {
  return {
      [opts](atoms::presence_collect, const std::string&, const std::string& owner,
             const jid&) -> hooks::reply {
        if (!opts->accounts.count(owner)) return hooks::declined();
        auto p = xml::make_element("presence", std::string(ns::client));
        p->set_attr("from", owner + "/" + opts->resource);
        if (!opts->status.empty())
          p->add_child("status", std::string(ns::client)).add_text(opts->status);
        return hooks::handled(xml::element_list{p});
      },
      [opts](atoms::probe_plan, const std::string&, const jid& full,
             const std::vector<std::string>&) -> hooks::reply {
        if (!opts->accounts.count(full.bare_str())) return hooks::declined();
        return hooks::handled(true);  // nothing to learn: send no probes
      },
  };
}

}  // namespace

std::vector<hooks::registration> start(plugin_context& ctx) {
  const auto& settings = ctx.config.settings;
  settings.allow_only({"accounts", "status", "resource", "skip_probes"});
  auto opts = std::make_shared<options>();
  for (const auto& account : settings.get_string_list("accounts")) {
    auto parsed = jid::parse(account);
    if (!parsed || !parsed->is_bare() || parsed->local().empty())
      settings.fail("accounts", "'" + account + "' is not a bare user JID");
    opts->accounts.insert(parsed->bare_str());
  }
  opts->status = settings.get_string("status", "");
  opts->resource = settings.get_string("resource", "directory");
  if (opts->resource.empty() || !jid::parse("a@b/" + opts->resource))
    settings.fail("resource", "'" + opts->resource + "' is not a valid resource");
  bool skip_probes = settings.get_bool("skip_probes", true);
  auto actor = ctx.system.spawn(directory_actor, std::shared_ptr<const options>(opts));
  if (!skip_probes) return hooks::join(actor, {hooks::hook_id::presence_collect});
  return hooks::join(actor,
                     {hooks::hook_id::presence_collect, hooks::hook_id::presence_probe_plan});
}

}  // namespace djabberd::plugins::presence_directory
