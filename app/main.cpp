// lidarlabel [folder] [--frame N] [--camera chase|bev] [--screenshot FILE] [--autosave-seconds N]
#include <algorithm>
#include <cstdio>
#include <cstring>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include "lidarlabel/app/main_window.h"
#include "lidarlabel/app/workspace.h"
#include "lidarlabel/render/scene_view.h"

int main(int argc, char** argv) {
  QCommandLineParser cli;
  cli.setApplicationDescription(QStringLiteral("Annotate LiDAR sequences."));
  cli.addHelpOption();
  cli.addPositionalArgument(QStringLiteral("folder"),
                            QStringLiteral("Sequence folder (velodyne/*.bin, *.bin/pcd/ply, or "
                                           "one with annotations.lidarlabel.json)."));
  const QCommandLineOption frame(QStringLiteral("frame"),
                                 QStringLiteral("Frame to show first (0-based)."),
                                 QStringLiteral("N"), QStringLiteral("0"));
  const QCommandLineOption camera(QStringLiteral("camera"),
                                  QStringLiteral("Camera preset: chase or bev."),
                                  QStringLiteral("preset"), QStringLiteral("chase"));
  const QCommandLineOption shot(
      QStringLiteral("screenshot"),
      QStringLiteral("Save a PNG of the window after the first render and exit."),
      QStringLiteral("file"));
  const QCommandLineOption autosave(
      QStringLiteral("autosave-seconds"),
      QStringLiteral("Write the recovery file every N seconds while there are unsaved changes "
                     "(0 = only on frame change)."),
      QStringLiteral("N"), QStringLiteral("30"));
  cli.addOptions({frame, camera, shot, autosave});
  if (std::any_of(argv + 1, argv + argc, [](const char* a) {
        return !std::strcmp(a, "-h") || !std::strcmp(a, "--help") || !std::strcmp(a, "-?");
      })) {
    QCoreApplication core(argc, argv);  // --help needs no display
    cli.process(core);                  // prints the help and exits
  }

  // Settings and per-user data resolve under the user's folders (QSettings:
  // ~/.config/lidarlabel/lidarlabel.conf; QStandardPaths::AppDataLocation:
  // ~/.local/share/lidarlabel/lidarlabel), never next to the installed program.
  QCoreApplication::setOrganizationName(QStringLiteral("lidarlabel"));
  QCoreApplication::setApplicationName(QStringLiteral("lidarlabel"));
  QApplication app(argc, argv);
  QGuiApplication::setDesktopFileName(QStringLiteral("lidarlabel"));  // matches lidarlabel.desktop
  // The icon from the theme (installed with the program), else next to the executable.
  QApplication::setWindowIcon(QIcon::fromTheme(
      QStringLiteral("lidarlabel"),
      QIcon(QCoreApplication::applicationDirPath() +
            QStringLiteral("/../share/icons/hicolor/256x256/apps/lidarlabel.png"))));
  cli.process(app);
  bool autosaveOk = false;
  const int autosaveSeconds = cli.value(autosave).toInt(&autosaveOk);
  if (!autosaveOk || autosaveSeconds < 0) {
    std::fprintf(stderr, "lidarlabel: --autosave-seconds: '%s' is not a whole number >= 0\n",
                 qPrintable(cli.value(autosave)));
    return 2;
  }
  lidarlabel::WorkspaceConfig workspace = lidarlabel::defaultWorkspaceConfig();
  workspace.autosaveSeconds = autosaveSeconds;
  lidarlabel::setDefaultWorkspaceConfig(workspace);  // the window's Workspace uses it

  lidarlabel::MainWindow window;
  window.resize(1280, 800);
  window.show();
  const QStringList folders = cli.positionalArguments();
  if (!folders.isEmpty() && window.openFolder(folders.first())) {
    window.document().setCurrentFrame(cli.value(frame).toULongLong());
    if (cli.value(camera) == QStringLiteral("bev"))
      window.sceneView()->resetCamera(lidarlabel::CameraPreset::BirdsEye);
  }
  if (cli.isSet(shot)) {
    // Poll until the view has rendered (software GL can take a second), then grab and quit.
    auto* timer = new QTimer(&window);
    QObject::connect(timer, &QTimer::timeout, &window, [&] {
      if (window.sceneView()->renderCount() < 1) return;
      timer->stop();
      const bool ok = window.grab().save(cli.value(shot));
      QApplication::exit(ok ? 0 : 1);
    });
    timer->start(200);
  }
  return QApplication::exec();
}
