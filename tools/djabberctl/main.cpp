// djabberctl: manages djabberd accounts (SQLite store) and inspects the running server.
#include <iostream>
#include <string>
#include <vector>

#include "tools/djabberctl/arguments.hpp"
#include "tools/djabberctl/commands.hpp"
#include "tools/djabberctl/help.hpp"

int main(int argc, char** argv) {
  using namespace djabberd::ctl;
  invocation inv;
  try {
    inv = parse_arguments(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const usage_error& e) {
    std::cerr << "djabberctl: " << e.what() << "\nTry 'djabberctl --help'.\n";
    return 2;
  }
  if (inv.help) {
    print_help(std::cout, inv.cmd);
    return 0;
  }
  return run(inv, std::cin, std::cout, std::cerr);
}
