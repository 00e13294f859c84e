// Click-to-sort for a table whose header buttons sort their column (data-type="num" or text;
// a cell's data-sort, when present, is what is compared). Shared by the ranking and the pairs
// page; no server, no network, no libraries.
function riskscoreSortable(table, onSort) {
  "use strict";
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;

  function key(row, col, type) {
    var cell = row.cells[col];
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    if (type === "num") { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
    return raw.toLowerCase();
  }

  function sortBy(col, ascending) {
    var th = headers[col];
    var type = th.getAttribute("data-type") || "text";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col, type), y = key(b, col, type);
      if (x < y) { return ascending ? -1 : 1; }
      if (x > y) { return ascending ? 1 : -1; }
      return 0;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    if (onSort) { onSort(col, ascending); }
  }

  Array.prototype.forEach.call(headers, function (th, col) {
    var button = th.querySelector("button");
    if (button) {
      button.addEventListener("click", function () {
        sortBy(col, th.getAttribute("aria-sort") !== "ascending");
      });
    }
  });
  return { sortBy: sortBy, headers: headers, body: body };
}
