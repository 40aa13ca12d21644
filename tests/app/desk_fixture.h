#pragma once
// A shown main window for desk GUI tests, with settings and autosave kept in the test's scratch
// folder and the workspace's questions answered without dialogs. Mouse and key helpers send
// real events to real widgets (run under Xvfb).
#include <QApplication>
#include <QMouseEvent>
#include <QTest>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "lidarlabel/app/main_window.h"
#include "lidarlabel/render/scene_view.h"
#include "qt_app.h"
#include "test_paths.h"

namespace lidarlabel::test {

// A fresh folder for the window's settings, beside the test's scratchDir() (which it leaves alone).
inline std::string settingsDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path dir =
      std::filesystem::path(LIDARLABEL_TEST_TMP) /
      (std::string(info->test_suite_name()) + "." + info->name() + ".settings");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline MainWindowConfig deskConfig() {
  MainWindowConfig c;
  c.settingsFile = QString::fromStdString(settingsDir() + "/settings.ini");
  c.workspace.autosaveSeconds = 0;  // tests autosave explicitly
  c.workspace.autosaveOnFrameChange = false;
  return c;
}

struct Desk {
  MainWindow window;
  int recoveryOffers = 0;
  int unsavedAsked = 0;
  WorkspacePrompts::Unsaved unsavedAnswer = WorkspacePrompts::Unsaved::Discard;

  Desk() : window((qtApp(), deskConfig())) {
    WorkspacePrompts p;
    p.offerRecovery = [this](const std::string&) { return ++recoveryOffers, true; };
    p.askUnsaved = [this] { return ++unsavedAsked, unsavedAnswer; };
    window.setPrompts(std::move(p));
    window.resize(1280, 900);
    window.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&window));
    focusView();
  }
  bool open(const std::string& folder) {
    const bool ok = window.openFolder(QString::fromStdString(folder));
    QApplication::processEvents();
    focusView();
    return ok;
  }
  // Other GUI tests on the same X server may own the focus: make this window the active one
  // and the 3D view its focus widget, as a click into the view would.
  void focusView() {
    QApplication::setActiveWindow(&window);
    window.sceneView()->setFocus(Qt::OtherFocusReason);
  }
  Document& doc() { return window.document(); }
  SceneView& view() { return *window.sceneView(); }
  int undoCount() { return doc().undoStack()->count(); }
  const ObjectAnnotation& object(ObjectId id) {
    const ObjectAnnotation* o = doc().object(doc().currentFrame(), id);
    EXPECT_NE(o, nullptr);
    static const ObjectAnnotation none;
    return o ? *o : none;
  }
};

inline void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button,
                      Qt::MouseButtons buttons, Qt::KeyboardModifiers mods = Qt::NoModifier) {
  QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, mods);
  QApplication::sendEvent(w, &e);
}

// A left-button drag in `steps` moves from a to b.
inline void drag(QWidget* w, QPointF a, QPointF b, int steps = 8) {
  sendMouse(w, QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
  for (int i = 1; i <= steps; ++i)
    sendMouse(w, QEvent::MouseMove, a + (b - a) * (double(i) / steps), Qt::NoButton,
              Qt::LeftButton);
  sendMouse(w, QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
}

inline void click(QWidget* w, QPointF p, Qt::KeyboardModifiers mods = Qt::NoModifier) {
  sendMouse(w, QEvent::MouseButtonPress, p, Qt::LeftButton, Qt::LeftButton, mods);
  sendMouse(w, QEvent::MouseButtonRelease, p, Qt::LeftButton, Qt::NoButton, mods);
}

// A key held down: one press, `repeats` auto-repeated presses, one release.
inline void holdKey(QWidget* w, Qt::Key key, int repeats, Qt::KeyboardModifiers mods = {}) {
  QTest::simulateEvent(w, true, key, mods, QString(), false);
  for (int i = 0; i < repeats; ++i) QTest::simulateEvent(w, true, key, mods, QString(), true);
  QTest::simulateEvent(w, false, key, mods, QString(), false);
}

inline QPointF pixel(const SceneView& v, const Eigen::Vector3d& p) {
  const auto px = v.projectToPixel(p);
  EXPECT_TRUE(px.has_value());
  return px ? QPointF(px->x(), px->y()) : QPointF();
}

}  // namespace lidarlabel::test
