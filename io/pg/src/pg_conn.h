#pragma once
// A thin RAII layer over libpq: one connection, parameterised statements (text or binary
// parameters), COPY FROM STDIN, results read as text. Every failure throws ServerError naming
// the server (URI without password) in one line. Private to lidarlabel_io_pg.
#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lidarlabel::pg {

struct Param {
  std::string value;
  bool null = false;
  bool binary = false;
};
Param text(std::string v);
Param null();
Param bytes(std::string v);  // bytea, sent binary
Param number(std::int64_t v);
Param number(double v);  // shortest text that reads back to the same double
Param number(float v);

class Result {
 public:
  explicit Result(PGresult* r) : r_(r, PQclear) {}
  int rows() const { return PQntuples(r_.get()); }
  bool isNull(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view get(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col),
            static_cast<std::size_t>(PQgetlength(r_.get(), row, col))};
  }
  std::string str(int row, int col) const { return std::string(get(row, col)); }
  // Numbers from text or binary results (int2/4/8, float4/8).
  std::int64_t i64(int row, int col) const;
  double f64(int row, int col) const;
  float f32(int row, int col) const;
  // A json/jsonb column's text (a binary jsonb value starts with a version byte).
  std::string_view jsonText(int row, int col) const;
  PGresult* raw() const { return r_.get(); }

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

class Connection {
 public:
  explicit Connection(const std::string& uri);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::string& location() const { return location_; }
  PGconn* raw() { return conn_; }
  // One statement with $1.. parameters; binaryResult asks for binary columns.
  Result exec(const std::string& sql, const std::vector<Param>& params = {},
              bool binaryResult = false);
  // The same with a named prepared statement: `sql` is parsed and planned once per connection
  // (again after a reconnect) and then only executed. `name` identifies the statement text.
  Result execPrepared(const char* name, const std::string& sql,
                      const std::vector<Param>& params = {}, bool binaryResult = false);
  // Several statements without parameters (a migration script).
  void script(const std::string& sql);
  // COPY ... FROM STDIN with `data` in COPY text format.
  void copyIn(const std::string& copySql, const std::string& data);
  std::string quoteIdentifier(const std::string& name);
  // A connection the server dropped is re-opened (and its LISTENs renewed) before the next
  // statement; the statement that met the loss fails with ServerError.
  void reconnectIfLost();
  [[noreturn]] void fail(const std::string& what, const PGresult* r = nullptr) const;

 private:
  PGconn* conn_ = nullptr;
  std::string location_;
  std::set<std::string> listening_;
  std::set<std::string> prepared_;  // statement names prepared on this connection
};

// One line: newlines of libpq messages joined with "; ", trailing blanks dropped.
std::string oneLine(std::string message);
// COPY text-format field (backslash, tab, newline and carriage return escaped).
void appendCopyField(std::string& out, std::string_view value);

}  // namespace lidarlabel::pg
