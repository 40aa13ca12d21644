// The subcommand table. Add one line per subcommand (declared in its cmd_*.cpp).
#include "cli.h"

namespace lidarlabel::cli {

Command infoCommand();

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      infoCommand(),
  };
  return all;
}

}  // namespace lidarlabel::cli
