// djabberd: parse the command line, load the configuration, run the server.
#include <cstring>
#include <iostream>
#include <string>

#include "actors/server/server.hpp"
#include "config/config.hpp"
#include "config/config_error.hpp"

namespace {

void usage(std::ostream& out) {
  out << "usage: djabberd [--conf=PATH] [--daemonize]\n"
         "  --conf=PATH   configuration file (default: config/djabberd.toml)\n"
         "  --daemonize   detach from the terminal (log to [log] file, pid in the pid file)\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string conf = "config/djabberd.toml";
  bool daemonize = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--conf=", 0) == 0) {
      conf = arg.substr(7);
    } else if (arg == "--conf" && i + 1 < argc) {
      conf = argv[++i];
    } else if (arg == "--daemonize") {
      daemonize = true;
    } else if (arg == "--help" || arg == "-h") {
      usage(std::cout);
      return 0;
    } else {
      std::cerr << "djabberd: unknown argument '" << arg << "'\n";
      usage(std::cerr);
      return 2;
    }
  }
  try {
    auto config = djabberd::config::load(conf);
    return djabberd::run_server(config, daemonize);
  } catch (const djabberd::config::config_error& e) {
    std::cerr << "djabberd: configuration error: " << e.what() << "\n";
    return 1;
  }
}
