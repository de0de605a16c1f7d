// The table of plugins compiled into this build.
#include "actors/plugin.hpp"
#include "plugins/auth_extauth/auth_extauth_plugin.hpp"
#include "plugins/auth_pg/auth_pg_plugin.hpp"
#include "plugins/auth_sqlite/auth_sqlite_plugin.hpp"
#include "plugins/auth_static/auth_static_plugin.hpp"
#include "plugins/blocking/blocking_plugin.hpp"
#include "plugins/blocklist_pg/blocklist_pg_plugin.hpp"
#include "plugins/blocklist_sqlite/blocklist_sqlite_plugin.hpp"
#include "plugins/carbons/carbons_plugin.hpp"
#include "plugins/csi/csi_plugin.hpp"
#include "plugins/extprog/extprog_plugin.hpp"
#include "plugins/filter_pattern/filter_pattern_plugin.hpp"
#include "plugins/iq_echo/iq_echo_plugin.hpp"
#include "plugins/last/last_plugin.hpp"
#include "plugins/last_pg/last_pg_plugin.hpp"
#include "plugins/last_sqlite/last_sqlite_plugin.hpp"
#include "plugins/offline_pg/offline_pg_plugin.hpp"
#include "plugins/offline_sqlite/offline_sqlite_plugin.hpp"
#include "plugins/pep/pep_plugin.hpp"
#include "plugins/pep_pg/pep_pg_plugin.hpp"
#include "plugins/pep_sqlite/pep_sqlite_plugin.hpp"
#include "plugins/presence_directory/presence_directory_plugin.hpp"
#include "plugins/presence_note/presence_note_plugin.hpp"
#include "plugins/private/private_plugin.hpp"
#include "plugins/private_pg/private_pg_plugin.hpp"
#include "plugins/private_sqlite/private_sqlite_plugin.hpp"
#include "plugins/register/register_plugin.hpp"
#include "plugins/roster_memory/roster_memory_plugin.hpp"
#include "plugins/roster_pg/roster_pg_plugin.hpp"
#include "plugins/roster_sqlite/roster_sqlite_plugin.hpp"
#include "plugins/s2s_policy/s2s_policy_plugin.hpp"
#include "plugins/sasl_policy/sasl_policy_plugin.hpp"
#include "plugins/stream_management/stream_management_plugin.hpp"
#include "plugins/time/time_plugin.hpp"
#include "plugins/vcard/vcard_plugin.hpp"
#include "plugins/vcard_pg/vcard_pg_plugin.hpp"
#include "plugins/vcard_sqlite/vcard_sqlite_plugin.hpp"
#include "plugins/version/version_plugin.hpp"

namespace djabberd {

const std::vector<plugin_descriptor>& builtin_plugins() {
  static const std::vector<plugin_descriptor> plugins = {
      {plugins::auth_extauth::name, plugins::auth_extauth::summary, &plugins::auth_extauth::start},
      {plugins::auth_pg::name, plugins::auth_pg::summary, &plugins::auth_pg::start},
      {plugins::auth_sqlite::name, plugins::auth_sqlite::summary, &plugins::auth_sqlite::start},
      {plugins::auth_static::name, plugins::auth_static::summary, &plugins::auth_static::start},
      {plugins::blocking::name, plugins::blocking::summary, &plugins::blocking::start},
      {plugins::blocklist_pg::name, plugins::blocklist_pg::summary, &plugins::blocklist_pg::start},
      {plugins::blocklist_sqlite::name, plugins::blocklist_sqlite::summary,
       &plugins::blocklist_sqlite::start},
      {plugins::carbons::name, plugins::carbons::summary, &plugins::carbons::start},
      {plugins::csi::name, plugins::csi::summary, &plugins::csi::start},
      {plugins::extprog::name, plugins::extprog::summary, &plugins::extprog::start},
      {plugins::filter_pattern::name, plugins::filter_pattern::summary,
       &plugins::filter_pattern::start},
      {plugins::iq_echo::name, plugins::iq_echo::summary, &plugins::iq_echo::start},
      {plugins::last::name, plugins::last::summary, &plugins::last::start},
      {plugins::last_pg::name, plugins::last_pg::summary, &plugins::last_pg::start},
      {plugins::last_sqlite::name, plugins::last_sqlite::summary, &plugins::last_sqlite::start},
      {plugins::offline_pg::name, plugins::offline_pg::summary, &plugins::offline_pg::start},
      {plugins::offline_sqlite::name, plugins::offline_sqlite::summary,
       &plugins::offline_sqlite::start},
      {plugins::presence_directory::name, plugins::presence_directory::summary,
       &plugins::presence_directory::start},
      {plugins::pep::name, plugins::pep::summary, &plugins::pep::start},
      {plugins::pep_pg::name, plugins::pep_pg::summary, &plugins::pep_pg::start},
      {plugins::pep_sqlite::name, plugins::pep_sqlite::summary, &plugins::pep_sqlite::start},
      {plugins::presence_note::name, plugins::presence_note::summary,
       &plugins::presence_note::start},
      {plugins::private_xml::name, plugins::private_xml::summary, &plugins::private_xml::start},
      {plugins::private_pg::name, plugins::private_pg::summary, &plugins::private_pg::start},
      {plugins::private_sqlite::name, plugins::private_sqlite::summary,
       &plugins::private_sqlite::start},
      {plugins::register_::name, plugins::register_::summary, &plugins::register_::start},
      {plugins::roster_memory::name, plugins::roster_memory::summary,
       &plugins::roster_memory::start},
      {plugins::roster_pg::name, plugins::roster_pg::summary, &plugins::roster_pg::start},
      {plugins::roster_sqlite::name, plugins::roster_sqlite::summary,
       &plugins::roster_sqlite::start},
      {plugins::sasl_policy::name, plugins::sasl_policy::summary, &plugins::sasl_policy::start},
      {plugins::s2s_policy::name, plugins::s2s_policy::summary, &plugins::s2s_policy::start},
      {plugins::stream_management::name, plugins::stream_management::summary,
       &plugins::stream_management::start},
      {plugins::time::name, plugins::time::summary, &plugins::time::start},
      {plugins::vcard::name, plugins::vcard::summary, &plugins::vcard::start},
      {plugins::vcard_pg::name, plugins::vcard_pg::summary, &plugins::vcard_pg::start},
      {plugins::vcard_sqlite::name, plugins::vcard_sqlite::summary, &plugins::vcard_sqlite::start},
      {plugins::version::name, plugins::version::summary, &plugins::version::start},
  };
  return plugins;
}

const plugin_descriptor* find_plugin(std::string_view name) {
  for (const auto& p : builtin_plugins())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace djabberd
