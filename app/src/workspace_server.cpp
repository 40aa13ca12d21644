// Workspace in team server mode: open a server sequence through a ServerSync; "saving" sends
// what is not committed yet (docs/team-server.md, "In the window").
#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>

#include "lidarlabel/app/workspace.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/store.h"
#include "workspace_impl.h"

namespace lidarlabel {

#ifdef LIDARLABEL_HAVE_SERVER

namespace {

std::string journalPathFor(const ServerModeConfig& config, const std::string& location) {
  QString folder = QString::fromStdString(config.journalFolder);
  if (folder.isEmpty())
    folder = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/journals";
  QDir().mkpath(folder);
  const QByteArray hash =
      QCryptographicHash::hash(QByteArray::fromStdString(location), QCryptographicHash::Sha1)
          .toHex()
          .left(16);
  return (folder + "/journal-" + QString::fromLatin1(hash) + ".jsonl").toStdString();
}

}  // namespace

bool Workspace::openServer(const std::string& location) {
  const auto [database, sequence] = splitServerLocation(location);
  ServerSyncConfig config{journalPathFor(serverConfig_, location), serverConfig_.pollMilliseconds};
  auto sync = std::make_unique<ServerSync>(document_, ServerStore::open(database), sequence,
                                           std::move(config));
  impl_->server = std::move(sync);
  impl_->folder = location;
  if (readOnly_) {
    readOnly_ = false;
    emit readOnlyChanged(false);
  }
  return true;
}

bool Workspace::saveServer() {
  return impl_->server->commitPending();
}

void Workspace::closeServer() {
  impl_->server->commitPending();  // what cannot be sent stays journalled for the next open
  impl_->server.reset();
}

#else

bool Workspace::openServer(const std::string& location) {
  throw FileError(location, "", "this build has no PostgreSQL team server support (libpq)");
}
bool Workspace::saveServer() {
  return false;
}
void Workspace::closeServer() {}

#endif

}  // namespace lidarlabel
