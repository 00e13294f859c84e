// Filter the pairs table by requesting or requested state (name or ISO3); sorting comes from
// sortable.js. No server, no network, no libraries.
(function () {
  "use strict";
  var table = document.getElementById("pairs");
  if (!table) { return; }
  var body = riskscoreSortable(table).body;
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
