// The Workspace's advisory lock file and the process-wide default configuration.
#include <signal.h>
#include <unistd.h>

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <cerrno>
#include <mutex>

#include "lidarlabel/app/workspace.h"
#include "workspace_internal.h"

namespace lidarlabel {

namespace {
std::mutex configMutex;
WorkspaceConfig& configSlot() {
  static WorkspaceConfig config;
  return config;
}
}  // namespace

WorkspaceConfig defaultWorkspaceConfig() {
  const std::lock_guard<std::mutex> lock(configMutex);
  return configSlot();
}

void setDefaultWorkspaceConfig(const WorkspaceConfig& config) {
  const std::lock_guard<std::mutex> lock(configMutex);
  configSlot() = config;
}

namespace workspace_detail {

std::string thisHost() {
  return QSysInfo::machineHostName().toStdString();
}
long long thisPid() {
  return static_cast<long long>(::getpid());
}

bool createLockFile(const std::string& path, std::string* error) {
  QFile f(QString::fromStdString(path));
  if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
    if (error) *error = f.errorString().toStdString();
    return false;
  }
  QJsonObject o;
  o[QStringLiteral("format")] = QStringLiteral("lidarlabel-lock");
  o[QStringLiteral("pid")] = thisPid();
  o[QStringLiteral("host")] = QString::fromStdString(thisHost());
  o[QStringLiteral("started")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
  const QByteArray bytes = QJsonDocument(o).toJson();
  const bool ok = f.write(bytes) == bytes.size() && f.flush();
  f.close();
  if (!ok) {
    if (error) *error = f.errorString().toStdString();
    QFile::remove(f.fileName());
  }
  return ok;
}

LockResult acquireLock(const std::string& path) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string error;
    if (createLockFile(path, &error)) return {true, ""};
    const std::optional<LockInfo> other = Workspace::readLock(path);
    if (other && Workspace::isLockLive(*other))
      return {false, "The sequence is open in another lidarlabel (process " +
                         std::to_string(other->pid) + " on " + other->host + ", since " +
                         other->started + "); it is opened read-only. Lock file: " + path};
    if (!other && !QFile::exists(QString::fromStdString(path)))
      return {false, "Cannot create the lock file " + path + " (" + error +
                         "); the sequence is opened read-only."};
    // Stale (its process is gone) or unreadable: take it over.
    QFile::remove(QString::fromStdString(path));
  }
  return {false, "Cannot take over the lock file " + path + "; the sequence is opened read-only."};
}

void releaseLock(const std::string& path) {
  const std::optional<LockInfo> lock = Workspace::readLock(path);
  if (lock && lock->pid == thisPid() && lock->host == thisHost())
    QFile::remove(QString::fromStdString(path));
}

}  // namespace workspace_detail

std::optional<LockInfo> Workspace::readLock(const std::string& lockPath) {
  QFile f(QString::fromStdString(lockPath));
  if (!f.open(QIODevice::ReadOnly)) return std::nullopt;
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
  if (!doc.isObject()) return std::nullopt;
  const QJsonObject o = doc.object();
  if (o.value(QStringLiteral("format")).toString() != QStringLiteral("lidarlabel-lock"))
    return std::nullopt;
  LockInfo info;
  info.pid = o.value(QStringLiteral("pid")).toInteger();
  info.host = o.value(QStringLiteral("host")).toString().toStdString();
  info.started = o.value(QStringLiteral("started")).toString().toStdString();
  if (info.pid <= 0) return std::nullopt;
  return info;
}

bool Workspace::isLockLive(const LockInfo& lock) {
  if (lock.host != workspace_detail::thisHost()) return true;  // cannot check another machine
  if (lock.pid <= 0) return false;
  return ::kill(static_cast<pid_t>(lock.pid), 0) == 0 || errno == EPERM;
}

}  // namespace lidarlabel
