#include "pg_conn.h"

#include <charconv>
#include <cstring>

#include "lidarlabel/io/pg_store.h"

namespace lidarlabel::pg {

Param text(std::string v) {
  return {std::move(v), false, false};
}
Param null() {
  return {"", true, false};
}
Param bytes(std::string v) {
  return {std::move(v), false, true};
}
Param number(std::int64_t v) {
  return text(std::to_string(v));
}
Param number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return text(std::string(buf, r.ptr));
}
Param number(float v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return text(std::string(buf, r.ptr));
}

namespace {
// Big-endian integer of n bytes (binary result format).
std::uint64_t bigEndian(std::string_view s) {
  std::uint64_t v = 0;
  for (const char c : s) v = v << 8 | static_cast<unsigned char>(c);
  return v;
}
}  // namespace

std::int64_t Result::i64(int row, int col) const {
  const std::string_view s = get(row, col);
  if (PQfformat(r_.get(), col) == 1) {
    const std::uint64_t v = bigEndian(s);
    if (s.size() == 2) return static_cast<std::int16_t>(v);
    if (s.size() == 4) return static_cast<std::int32_t>(v);
    return static_cast<std::int64_t>(v);
  }
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

double Result::f64(int row, int col) const {
  const std::string_view s = get(row, col);
  if (PQfformat(r_.get(), col) == 1) {
    if (s.size() == 4) return f32(row, col);
    const std::uint64_t bits = bigEndian(s);
    double v = 0;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

float Result::f32(int row, int col) const {
  const std::string_view s = get(row, col);
  float v = 0;
  if (PQfformat(r_.get(), col) == 1) {
    const auto bits = static_cast<std::uint32_t>(bigEndian(s));
    std::memcpy(&v, &bits, 4);
    return v;
  }
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::string_view Result::jsonText(int row, int col) const {
  constexpr Oid kJsonb = 3802;
  const std::string_view s = get(row, col);
  return PQfformat(r_.get(), col) == 1 && PQftype(r_.get(), col) == kJsonb && !s.empty()
             ? s.substr(1)
             : s;
}

std::string oneLine(std::string m) {
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  std::string out;
  for (char c : m) {
    if (c == '\n')
      out += "; ";
    else if (c != '\r')
      out += c;
  }
  return out;
}

void appendCopyField(std::string& out, std::string_view v) {
  for (char c : v) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

Connection::Connection(const std::string& uri) : location_(redactServerUri(uri)) {
  conn_ = PQconnectdb(uri.c_str());
  if (!conn_) throw ServerError(location_, "", "out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = oneLine(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw ServerError(location_, "", "cannot connect: " + why);
  }
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

void Connection::fail(const std::string& what, const PGresult* r) const {
  std::string state, message;
  if (r) {
    const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    state = s ? s : "";
    message = m ? m : PQresultErrorMessage(r);
  }
  if (message.empty()) message = PQerrorMessage(conn_);
  throw ServerError(location_, what, oneLine(message), state);
}

void Connection::reconnectIfLost() {
  if (PQstatus(conn_) == CONNECTION_OK) return;
  prepared_.clear();
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK)
    throw ServerError(location_, "", "cannot reconnect: " + oneLine(PQerrorMessage(conn_)));
  for (const std::string& channel : listening_) script("LISTEN " + channel);
}

namespace {
struct Values {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  explicit Values(const std::vector<Param>& params)
      : values(params.size()), lengths(params.size()), formats(params.size()) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      values[i] = params[i].null ? nullptr : params[i].value.data();
      lengths[i] = static_cast<int>(params[i].value.size());
      formats[i] = params[i].binary ? 1 : 0;
    }
  }
};
}  // namespace

Result Connection::exec(const std::string& sql, const std::vector<Param>& params,
                        bool binaryResult) {
  reconnectIfLost();
  const Values v(params);
  Result r(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                        v.values.data(), v.lengths.data(), v.formats.data(), binaryResult ? 1 : 0));
  const ExecStatusType st = PQresultStatus(r.raw());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail("", r.raw());
  return r;
}

Result Connection::execPrepared(const char* name, const std::string& sql,
                                const std::vector<Param>& params, bool binaryResult) {
  reconnectIfLost();
  if (prepared_.count(name) == 0) {
    const Result p(PQprepare(conn_, name, sql.c_str(), static_cast<int>(params.size()), nullptr));
    if (PQresultStatus(p.raw()) != PGRES_COMMAND_OK) fail("", p.raw());
    prepared_.insert(name);
  }
  const Values v(params);
  Result r(PQexecPrepared(conn_, name, static_cast<int>(params.size()), v.values.data(),
                          v.lengths.data(), v.formats.data(), binaryResult ? 1 : 0));
  const ExecStatusType st = PQresultStatus(r.raw());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail("", r.raw());
  return r;
}

void Connection::script(const std::string& sql) {
  reconnectIfLost();
  if (sql.rfind("LISTEN ", 0) == 0) listening_.insert(sql.substr(7));
  Result r(PQexec(conn_, sql.c_str()));
  const ExecStatusType st = PQresultStatus(r.raw());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail("", r.raw());
}

void Connection::copyIn(const std::string& copySql, const std::string& data) {
  {
    Result r(PQexec(conn_, copySql.c_str()));
    if (PQresultStatus(r.raw()) != PGRES_COPY_IN) fail("", r.raw());
  }
  const bool sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1 &&
                    PQputCopyEnd(conn_, nullptr) == 1;
  Result r(PQgetResult(conn_));
  while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  if (!sent || PQresultStatus(r.raw()) != PGRES_COMMAND_OK) fail("", r.raw());
}

std::string Connection::quoteIdentifier(const std::string& name) {
  char* q = PQescapeIdentifier(conn_, name.data(), name.size());
  if (!q) fail("");
  std::string out(q);
  PQfreemem(q);
  return out;
}

}  // namespace lidarlabel::pg
