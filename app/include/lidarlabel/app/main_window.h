#pragma once
// The annotator's desk: a shell that wires the document, the edit API and the workspace to the
// widgets. The 3D view is in the centre (ScenePresenter keeps it in step with the document), the
// object list, properties and the three box-aligned sub-views are docks, the frame bar is at the
// bottom. Every key is a QAction (see docs/gui.md and the F1 sheet). No model logic lives here.
#include <QMainWindow>
#include <QString>
#include <memory>

#include "lidarlabel/app/document.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/workspace.h"

class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;

namespace lidarlabel {

class BoxTool;
class DisagreementList;
class FrameNavigator;
class KeyRepeatWatch;
class LabelPanel;
class LabelTool;
class ObjectList;
class PropertiesPanel;
class ReviewActions;
class ScenePresenter;
class SceneView;
class SequenceActions;
class SubViews;
class ViewTool;
class Timeline;
class TrackList;
class TrackSelection;
enum class PointColoring;

struct MainWindowConfig {
  DocumentConfig document;
  WorkspaceConfig workspace;
  ServerModeConfig server;  // server sequences (journals, notification polling)
  // Where QSettings live (window layout, recent folders); empty = the per-user config location
  // (QStandardPaths::AppConfigLocation). Never the install tree.
  QString settingsFile;
  // The reviewer's name for this run (`lidarlabel --reviewer NAME`); empty = the name kept in
  // the settings (set in the Review dock), else the login name.
  QString reviewer;
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(MainWindowConfig config = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a folder through the workspace (unsaved-changes prompt, lock, recovery offer); on a
  // FileError shows it in a (non-blocking) message box and returns false.
  // A folder, or a team server location "postgresql://host/database/dataset/sequence".
  bool openFolder(const QString& folder);
  // Saves through the workspace (to saveFolder when given); errors are shown, false returned.
  bool save(const QString& saveFolder = {});

  // Replaces the dialogs the workspace asks through (tests and scripted runs answer directly).
  void setPrompts(WorkspacePrompts prompts);
  // Selects one object of the current frame and points the camera at it (--select, tests).
  void selectAndFocus(ObjectId id);

  Document& document() { return document_; }
  Editor& editor() { return editor_; }
  Workspace& workspace() { return workspace_; }
  SceneView* sceneView() const { return view_; }
  SubViews* subViews() const { return subViews_; }
  ObjectList* objectList() const { return objectList_; }
  PropertiesPanel* properties() const { return properties_; }
  BoxTool* tool() const { return tool_; }
  // Point labelling (window_labels.cpp): the label tool, its dock and the disagreement list.
  LabelTool* labelTool() const { return labelTool_; }
  LabelPanel* labelPanel() const { return labelPanel_; }
  DisagreementList* disagreementList() const { return disagreements_; }
  // The Conflicts dock's contents (server mode; null when built without the server store).
  QWidget* conflictsPanel() const { return conflicts_; }
  // Switches the views' tool: the label tool (true) or the box tool (false).
  void setLabelling(bool on);
  bool labelling() const { return labelling_; }
  ScenePresenter* presenter() const { return presenter_; }
  QComboBox* classSelector() const { return classCombo_; }
  // Sequences (timeline, track list, frame changes without waiting on the disk, sequence menu).
  FrameNavigator* navigator() const { return navigator_; }
  Timeline* timeline() const { return timeline_; }
  TrackList* trackList() const { return trackList_; }
  TrackSelection* trackSelection() const { return trackSelection_; }
  SequenceActions* sequenceActions() const { return sequence_; }
  // Reviewer mode (window_review.cpp): Review and Check results docks, review keys.
  ReviewActions* reviewActions() const { return review_; }
  void setColoring(PointColoring coloring);
  PointColoring coloring() const;
  QString statusText() const;
  // The shortcut sheet's text (every action with its keys), also shown by F1.
  QString shortcutSheet() const;
  QStringList recentFolders() const;
  QString settingsFile() const { return settingsFile_; }

 protected:
  void closeEvent(QCloseEvent* e) override;

 private:
  void buildDocks();
  void buildMenus();
  void buildFileMenu();
  void buildEditMenu();
  void buildViewMenu();
  void buildToolMenu();
  void buildFrameBar();
  void buildLabelling();
  void buildLabelMenu();
  void buildReview();
  void buildServer();   // window_server.cpp: File > Open server location, the Conflicts dock
  void attachServer();  // after open / close: the dock and status follow the workspace's server
  ViewTool* activeTool() const;
  void syncSubViewColors();
  void defaultPrompts();
  void onSequenceChanged();
  void onFrameChanged();
  void updateTitle();
  void updateStatus();
  void setReadOnly(bool readOnly);
  void focusSelection(bool keepDistance);
  void buildSequenceMenu();
  void addRecent(const QString& folder);
  void rebuildRecentMenu();
  void showError(const QString& title, const QString& text);
  QAction* viewAction(const QString& text, const QKeySequence& key, QMenu* menu);

  MainWindowConfig config_;
  QString settingsFile_;
  Document document_;
  Editor editor_;
  Workspace workspace_;
  SceneView* view_ = nullptr;
  QWidget* viewArea_ = nullptr;  // the view and its read-only banner; view-scoped shortcuts
  QLabel* banner_ = nullptr;
  ScenePresenter* presenter_ = nullptr;
  SubViews* subViews_ = nullptr;
  ObjectList* objectList_ = nullptr;
  PropertiesPanel* properties_ = nullptr;
  BoxTool* tool_ = nullptr;
  LabelTool* labelTool_ = nullptr;
  LabelPanel* labelPanel_ = nullptr;
  DisagreementList* disagreements_ = nullptr;
  QWidget* conflicts_ = nullptr;  // ConflictsDock in server-capable builds
  QDockWidget* conflictsDock_ = nullptr;
  bool labelling_ = false;
  KeyRepeatWatch* repeat_ = nullptr;
  FrameNavigator* navigator_ = nullptr;
  Timeline* timeline_ = nullptr;
  TrackSelection* trackSelection_ = nullptr;
  TrackList* trackList_ = nullptr;
  SequenceActions* sequence_ = nullptr;
  ReviewActions* review_ = nullptr;
  QComboBox* colorCombo_ = nullptr;
  QComboBox* classCombo_ = nullptr;
  QLabel* statusLabel_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QList<QAction*> editActions_;  // disabled while read-only
};

}  // namespace lidarlabel
