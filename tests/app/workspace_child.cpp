// A lidarlabel process for the Workspace's process-level tests (workspace_process_test.cpp):
//   workspace_child FOLDER STEPS AUTOSAVE_SECONDS
// Opens FOLDER through a Workspace, prints "READONLY" or "OPEN", applies STEPS edits
// (workspace_edits.h) as undo commands, prints "EDITED", then waits for the autosave timer and
// prints "AUTOSAVED" after each recovery file it writes. Runs until killed.
#include <QCoreApplication>
#include <cstdio>
#include <cstdlib>

#include "lidarlabel/app/workspace.h"
#include "workspace_edits.h"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: workspace_child FOLDER STEPS AUTOSAVE_SECONDS\n");
    return 2;
  }
  lidarlabel::Document doc;
  lidarlabel::WorkspaceConfig config;
  config.autosaveSeconds = std::atoi(argv[3]);
  lidarlabel::Workspace ws(doc, config);
  lidarlabel::WorkspacePrompts prompts;
  prompts.lockedReadOnly = [](const std::string& message) {
    std::printf("MESSAGE %s\n", message.c_str());
  };
  ws.setPrompts(prompts);
  QObject::connect(&ws, &lidarlabel::Workspace::autosaved, [] {
    std::printf("AUTOSAVED\n");
    std::fflush(stdout);
  });
  try {
    ws.open(argv[1]);
  } catch (const std::exception& e) {
    std::printf("ERROR %s\n", e.what());
    return 1;
  }
  std::printf(ws.isReadOnly() ? "READONLY\n" : "OPEN\n");
  for (int step = 0; step < std::atoi(argv[2]) && !ws.isReadOnly(); ++step)
    lidarlabel::test::applyWorkspaceEdit(doc, step);
  std::printf("EDITED\n");
  std::fflush(stdout);
  return QCoreApplication::exec();
}
