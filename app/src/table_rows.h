#pragma once
// Shared by the object list and the track list: read-only cells, and row selection by object
// id (each row keeps its id as Qt::UserRole data in the id column).
#include <QItemSelection>
#include <QItemSelectionModel>
#include <QTableWidget>
#include <vector>

#include "lidarlabel/app/document.h"

namespace lidarlabel::table_rows {

// A selectable, non-editable cell; numbers are right-aligned.
inline QTableWidgetItem* cell(const QString& text, bool number = false) {
  auto* it = new QTableWidgetItem(text);
  it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (number) it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return it;
}

// Selects exactly the rows of `ids` (rowOf(id): the row, or -1 when absent) and scrolls to the
// first id's row.
template <class RowOf>
void selectRows(QTableWidget& table, const std::vector<ObjectId>& ids, RowOf rowOf) {
  QItemSelection sel;
  const int last = table.columnCount() - 1;
  for (ObjectId id : ids)
    if (const int row = rowOf(id); row >= 0)
      sel.select(table.model()->index(row, 0), table.model()->index(row, last));
  table.selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect);
  if (!ids.empty())
    if (const int row = rowOf(ids.front()); row >= 0) table.scrollToItem(table.item(row, 0));
}

// The ids of the selected rows, in selection order.
inline std::vector<ObjectId> selectedIds(const QTableWidget& table, int idColumn) {
  std::vector<ObjectId> ids;
  for (const QModelIndex& i : table.selectionModel()->selectedRows(idColumn))
    ids.push_back(table.item(i.row(), idColumn)->data(Qt::UserRole).toUInt());
  return ids;
}

}  // namespace lidarlabel::table_rows
