#pragma once
// Optimal one-to-one assignment (Hungarian / Kuhn-Munkres with potentials, O(n^2 m)).
#include <vector>

#include <Eigen/Core>

namespace lidarlabel {

// cost: rows x cols (rectangular allowed, finite entries). Returns, for each row, the column
// assigned to it, or -1 when rows > cols and the row got none. The sum of the chosen costs is
// minimal among all assignments that match min(rows, cols) pairs.
std::vector<int> solveAssignment(const Eigen::MatrixXd& cost);

// As above, then drops every pair whose cost is greater than maxCost (-1 for that row).
// Entries above maxCost are clamped before solving so that forbidden pairs cannot distort the
// optimum among the allowed ones.
std::vector<int> solveGatedAssignment(const Eigen::MatrixXd& cost, double maxCost);

}  // namespace lidarlabel
