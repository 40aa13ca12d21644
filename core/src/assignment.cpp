#include "lidarlabel/core/assignment.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lidarlabel {

namespace {
// Rows <= cols. Classic shortest-augmenting-path Hungarian with potentials u, v (1-based).
std::vector<int> solveWide(const Eigen::MatrixXd& a) {
  const int n = static_cast<int>(a.rows()), m = static_cast<int>(a.cols());
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0.0), v(m + 1, 0.0), minv(m + 1);
  std::vector<int> p(m + 1, 0), way(m + 1, 0);
  std::vector<char> used(m + 1);
  for (int i = 1; i <= n; ++i) {
    p[0] = i;
    int j0 = 0;
    std::fill(minv.begin(), minv.end(), inf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[j0] = 1;
      const int i0 = p[j0];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double cur = a(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (int j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const int j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> rowToCol(n, -1);
  for (int j = 1; j <= m; ++j)
    if (p[j] != 0) rowToCol[p[j] - 1] = j - 1;
  return rowToCol;
}
}  // namespace

std::vector<int> solveAssignment(const Eigen::MatrixXd& cost) {
  const int n = static_cast<int>(cost.rows()), m = static_cast<int>(cost.cols());
  if (n == 0 || m == 0) return std::vector<int>(n, -1);
  if (n <= m) return solveWide(cost);
  const std::vector<int> colToRow = solveWide(cost.transpose());
  std::vector<int> rowToCol(n, -1);
  for (int j = 0; j < m; ++j)
    if (colToRow[j] >= 0) rowToCol[colToRow[j]] = j;
  return rowToCol;
}

std::vector<int> solveGatedAssignment(const Eigen::MatrixXd& cost, double maxCost) {
  // A forbidden pair costs more than any full set of allowed pairs, so the solver only takes it
  // when nothing else is possible; it is then dropped below.
  const double big = std::max(1.0, std::abs(maxCost)) * (1.0 + cost.rows() + cost.cols()) + 1.0;
  const Eigen::MatrixXd clamped = cost.unaryExpr([&](double c) { return c > maxCost ? big : c; });
  std::vector<int> r = solveAssignment(clamped);
  for (int i = 0; i < static_cast<int>(r.size()); ++i)
    if (r[i] >= 0 && cost(i, r[i]) > maxCost) r[i] = -1;
  return r;
}

}  // namespace lidarlabel
