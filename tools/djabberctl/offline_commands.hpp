// djabberctl's commands that read files only: users, check-config, cert-check.
#pragma once

#include <ostream>

#include "config/config.hpp"
#include "tools/djabberctl/arguments.hpp"

namespace djabberd::ctl {

/// users [DOMAIN]: the accounts of the SQLite store, USER@DOMAIN per line. Returns the exit code.
int run_users(const invocation& inv, const config::server_config& server, std::ostream& out,
              std::ostream& err);

/// check-config PATH: loads PATH like djabberd (and its TLS files); "ok" or the error.
int run_check_config(const invocation& inv, std::ostream& out, std::ostream& err);

/// cert-check: each vhost's certificate, names and expiry; 1 if any cannot serve its vhost.
int run_cert_check(const invocation& inv, const config::server_config& server, std::ostream& out,
                   std::ostream& err);

}  // namespace djabberd::ctl
