// The subcommand table. Add one line per subcommand (declared in its cmd_*.cpp).
#include "cli.h"

namespace lidarlabel::cli {

Command infoCommand();
Command convertCommand();
Command simulateCommand();
Command prelabelCommand();
Command exportCommand();
Command importCommand();
Command checkCommand();
Command compareCommand();
Command statsCommand();
Command mergeReportsCommand();
#ifdef LIDARLABEL_HAVE_SERVER
Command serverCommand();  // cmd_server.cpp, built with libpq
#endif

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      infoCommand(),   convertCommand(),      simulateCommand(), prelabelCommand(),
      exportCommand(), importCommand(),       checkCommand(),    compareCommand(),
      statsCommand(),  mergeReportsCommand(),
#ifdef LIDARLABEL_HAVE_SERVER
      serverCommand(),
#endif
  };
  return all;
}

}  // namespace lidarlabel::cli
