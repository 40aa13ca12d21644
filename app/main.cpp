// lidarlabel [folder] [--frame N] [--camera chase|bev] [--select ID] [--screenshot FILE]
//            [--autosave-seconds N] [--recover ask|yes|no] [--create-box-at X,Y[,Z]]
//            [--save-and-exit] [--color MODE] [--reviewer NAME] [--ontology FILE]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QTimer>

#include "lidarlabel/app/main_window.h"
#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/render/scene_view.h"

namespace {
// --create-box-at X,Y[,Z]: the scripted form of one click with the create tool (LiDAR frame,
// metres; Z defaults to the point's ground). Used by process-level tests and demos.
bool createBoxAt(lidarlabel::MainWindow& w, const QString& spec) {
  const QStringList parts = spec.split(QLatin1Char(','));
  if (parts.size() < 2 || parts.size() > 3) return false;
  double v[3] = {0, 0, 0};
  for (int i = 0; i < parts.size(); ++i) {
    bool ok = false;
    v[i] = parts[i].toDouble(&ok);
    if (!ok) return false;
  }
  const std::string cls = w.classSelector()->currentText().toStdString();
  return w.editor().createAtPoint({v[0], v[1], v[2]}, cls).has_value();
}
// The process's peak resident memory (Linux VmHWM), e.g. "812 MB"; "?" where unknown.
std::string peakRss() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0)
      return std::to_string(std::stoll(line.substr(6)) / 1000) + " MB";
  return "?";
}
}  // namespace

int main(int argc, char** argv) {
  QElapsedTimer clock;  // --screenshot reports times from the start
  clock.start();
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
  const QCommandLineOption select(QStringLiteral("select"),
                                  QStringLiteral("Select the object with this track id (the "
                                                 "sub-views follow it) and focus on it."),
                                  QStringLiteral("ID"));
  const QCommandLineOption shot(
      QStringLiteral("screenshot"),
      QStringLiteral("Save a PNG of the window once it is drawn in full (not a big sweep's level "
                     "of detail) and exit. Prints the time and peak memory at the first and at "
                     "the full frame on stderr."),
      QStringLiteral("file"));
  const QCommandLineOption autosave(
      QStringLiteral("autosave-seconds"),
      QStringLiteral("Write the recovery file every N seconds while there are unsaved changes "
                     "(0 = only on frame change)."),
      QStringLiteral("N"), QStringLiteral("30"));
  const QCommandLineOption recover(
      QStringLiteral("recover"),
      QStringLiteral("Answer to the recovery offer: ask (a dialog), yes or no."),
      QStringLiteral("answer"), QStringLiteral("ask"));
  const QCommandLineOption createAt(
      QStringLiteral("create-box-at"),
      QStringLiteral("After opening, create a box of the selected class by one-click fit at "
                     "X,Y[,Z] (LiDAR frame, metres), as one click of the create tool would."),
      QStringLiteral("X,Y[,Z]"));
  const QCommandLineOption saveExit(
      QStringLiteral("save-and-exit"),
      QStringLiteral("After opening (and recovery), save through the workspace and exit: 0 when "
                     "saved, 3 when refused (read-only) or failed."));
  const QCommandLineOption color(
      QStringLiteral("color"),
      QStringLiteral("Point colours: height, intensity, boxes, label, instance or disagreement."),
      QStringLiteral("mode"), QStringLiteral("height"));
  const QCommandLineOption reviewer(
      QStringLiteral("reviewer"),
      QStringLiteral("Name recorded with review decisions and comments in this run (default: "
                     "the name set in the Review dock, else the login name)."),
      QStringLiteral("NAME"));
  const QCommandLineOption ontology(
      QStringLiteral("ontology"),
      QStringLiteral("The project's ontology (classes, attributes, guidelines, review levels) "
                     "instead of the built-in one."),
      QStringLiteral("FILE"));
  cli.addOptions({frame, camera, select, shot, autosave, recover, createAt, saveExit, color,
                  reviewer, ontology});
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

  const QStringList colorModes = {QStringLiteral("height"),   QStringLiteral("intensity"),
                                  QStringLiteral("boxes"),    QStringLiteral("label"),
                                  QStringLiteral("instance"), QStringLiteral("disagreement")};
  const int colorMode = colorModes.indexOf(cli.value(color));
  if (colorMode < 0) {
    std::fprintf(stderr, "lidarlabel: --color: '%s' is not one of %s\n",
                 qPrintable(cli.value(color)), qPrintable(colorModes.join(QStringLiteral(", "))));
    return 2;
  }

  std::optional<lidarlabel::Ontology> projectOntology;
  if (cli.isSet(ontology)) {
    try {
      projectOntology = lidarlabel::loadOntology(cli.value(ontology).toStdString());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "lidarlabel: --ontology: %s\n", e.what());
      return 2;
    }
  }

  lidarlabel::MainWindowConfig config;
  config.workspace = lidarlabel::defaultWorkspaceConfig();
  config.workspace.autosaveSeconds = autosaveSeconds;
  config.reviewer = cli.value(reviewer).trimmed();
  lidarlabel::MainWindow window(config);
  if (projectOntology) window.document().setOntology(std::move(*projectOntology));
  window.setColoring(static_cast<lidarlabel::PointColoring>(colorMode));  // same order
  if (cli.value(recover) != QStringLiteral("ask")) {
    lidarlabel::WorkspacePrompts prompts;
    const bool yes = cli.value(recover) == QStringLiteral("yes");
    prompts.offerRecovery = [yes](const std::string&) { return yes; };
    prompts.askUnsaved = [] { return lidarlabel::WorkspacePrompts::Unsaved::Discard; };
    window.setPrompts(std::move(prompts));
  }
  if (cli.isSet(shot)) window.resize(1440, 900);  // screenshots do not depend on saved layouts
  window.show();
  const QStringList folders = cli.positionalArguments();
  int status = 0;
  if (!folders.isEmpty() && window.openFolder(folders.first())) {
    window.document().setCurrentFrame(cli.value(frame).toULongLong());
    if (cli.value(camera) == QStringLiteral("bev"))
      window.sceneView()->resetCamera(lidarlabel::CameraPreset::BirdsEye);
    if (cli.isSet(createAt) && !createBoxAt(window, cli.value(createAt))) status = 2;
    if (cli.isSet(select)) window.selectAndFocus(cli.value(select).toUInt());
  }
  if (status != 0) {
    qCritical("--create-box-at %s: no box created", qPrintable(cli.value(createAt)));
    return status;
  }
  if (cli.isSet(saveExit)) {
    if (window.save()) return 0;
    qCritical("--save-and-exit: not saved (read-only, or the folder cannot be written)");
    return 3;
  }
  if (cli.isSet(shot)) {
    // Poll until the view has rendered (software GL can take a second) and, for a big sweep, has
    // left its level of detail; then grab (which draws the full cloud) and quit.
    auto* timer = new QTimer(&window);
    auto first = std::make_shared<bool>(true);
    QObject::connect(timer, &QTimer::timeout, &window, [&, timer, first] {
      const lidarlabel::SceneView* view = window.sceneView();
      if (view->renderCount() < 1) return;
      if (*first) {
        *first = false;
        std::fprintf(stderr, "lidarlabel: first frame%s after %lld ms, peak RSS %s\n",
                     view->drawingLevelOfDetail() ? " (level of detail)" : "", clock.elapsed(),
                     peakRss().c_str());
      }
      if (view->drawingLevelOfDetail()) return;
      timer->stop();
      const bool ok = window.grab().save(cli.value(shot));
      std::fprintf(stderr, "lidarlabel: full frame saved after %lld ms, peak RSS %s\n",
                   clock.elapsed(), peakRss().c_str());
      QApplication::exit(ok ? 0 : 1);
    });
    timer->start(50);
  }
  return QApplication::exec();
}
