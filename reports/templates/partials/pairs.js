// Sort and filter the pairs table in the browser; no server, no network, no libraries.
(function () {
  "use strict";
  var table = document.getElementById("pairs");
  if (!table) { return; }
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;

  function key(row, col, type) {
    var cell = row.cells[col];
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    if (type === "num") { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
    return raw.toLowerCase();
  }

  function sortBy(col) {
    var th = headers[col];
    var type = th.getAttribute("data-type") || "text";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
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
  }

  Array.prototype.forEach.call(headers, function (th, col) {
    var button = th.querySelector("button");
    if (button) { button.addEventListener("click", function () { sortBy(col); }); }
  });

  var from = document.getElementById("filter-from");
  var to = document.getElementById("filter-to");
  var shown = document.getElementById("pairs-shown");
  function matches(cell, text) {
    return !text || cell.textContent.toLowerCase().indexOf(text) !== -1 ||
      (cell.getAttribute("data-code") || "").toLowerCase() === text;
  }
  function filter() {
    var a = from.value.trim().toLowerCase(), b = to.value.trim().toLowerCase(), n = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = matches(row.cells[0], a) && matches(row.cells[1], b);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = n + " pairs shown";
  }
  document.getElementById("pairs-filters").addEventListener("submit", function (e) {
    e.preventDefault();  // Enter filters; it does not reload the page
  });
  from.addEventListener("input", filter);
  to.addEventListener("input", filter);
  filter();
}());
