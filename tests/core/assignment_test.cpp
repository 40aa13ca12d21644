#include "lidarlabel/core/assignment.h"

#include <algorithm>

#include <gtest/gtest.h>

using lidarlabel::solveAssignment;
using lidarlabel::solveGatedAssignment;

TEST(Assignment, SolvesTheTextbookThreeByThree) {
  Eigen::MatrixXd c(3, 3);
  c << 4, 1, 3,  //
      2, 0, 5,   //
      3, 2, 2;
  // Optimum 5: (0,1) (1,0) (2,2).
  EXPECT_EQ(solveAssignment(c), (std::vector<int>{1, 0, 2}));
}

TEST(Assignment, PrefersGlobalOptimumOverGreedy) {
  Eigen::MatrixXd c(2, 2);
  c << 1, 2,  //
      2, 100;
  // Greedy picks (0,0) then pays 100; optimum is 2 + 2.
  EXPECT_EQ(solveAssignment(c), (std::vector<int>{1, 0}));
}

TEST(Assignment, MoreRowsThanColumnsLeavesCheapestRowsMatched) {
  Eigen::MatrixXd c(3, 2);
  c << 5, 9,  //
      1, 8,   //
      7, 2;
  EXPECT_EQ(solveAssignment(c), (std::vector<int>{-1, 0, 1}));
}

TEST(Assignment, MoreColumnsThanRowsPicksBestColumns) {
  Eigen::MatrixXd c(2, 4);
  c << 9, 9, 1, 9,  //
      9, 0.5, 2, 9;
  EXPECT_EQ(solveAssignment(c), (std::vector<int>{2, 1}));
}

TEST(Assignment, EmptyMatrixGivesNoPairs) {
  EXPECT_EQ(solveAssignment(Eigen::MatrixXd(2, 0)), (std::vector<int>{-1, -1}));
  EXPECT_TRUE(solveAssignment(Eigen::MatrixXd(0, 3)).empty());
}

TEST(Assignment, GateDropsPairsAboveMaxCost) {
  Eigen::MatrixXd c(2, 2);
  c << 0.2, 5,  //
      5, 5;
  EXPECT_EQ(solveGatedAssignment(c, 1.0), (std::vector<int>{0, -1}));
}

TEST(Assignment, GateDoesNotLetForbiddenPairsDistortTheOptimum) {
  // Without clamping, the huge forbidden entry would push row 0 off its best allowed column.
  Eigen::MatrixXd c(2, 2);
  c << 0.1, 0.3,  //
      0.2, 1e9;
  EXPECT_EQ(solveGatedAssignment(c, 1.0), (std::vector<int>{1, 0}));
}

TEST(Assignment, MatchesBruteForceOnAFourByFour) {
  Eigen::MatrixXd c(4, 4);
  c << 7, 53, 183, 439,    //
      497, 383, 563, 79,   //
      627, 343, 773, 959,  //
      447, 283, 463, 29;
  // Reference: brute force over the 24 permutations.
  std::vector<int> perm{0, 1, 2, 3}, best;
  double bestCost = 1e18;
  do {
    double s = 0;
    for (int i = 0; i < 4; ++i) s += c(i, perm[i]);
    if (s < bestCost) {
      bestCost = s;
      best = perm;
    }
  } while (std::next_permutation(perm.begin(), perm.end()));
  const auto got = solveAssignment(c);
  double gotCost = 0;
  for (int i = 0; i < 4; ++i) gotCost += c(i, got[i]);
  EXPECT_DOUBLE_EQ(gotCost, bestCost);
  EXPECT_EQ(got, best);
}
