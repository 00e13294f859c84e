// Sort and filter the ranking table in the browser; no server, no network, no libraries.
(function () {
  "use strict";
  var table = document.getElementById("ranking");
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

  var region = document.getElementById("filter-region");
  var status = document.getElementById("filter-status");
  var shown = document.getElementById("shown");
  function filter() {
    var n = 0;
    document.querySelectorAll("#ranking tbody tr, #unranked tbody tr").forEach(function (row) {
      var ok = (!region.value || row.getAttribute("data-region") === region.value) &&
               (!status.value || row.getAttribute("data-status") === status.value);
      row.hidden = !ok;
      if (ok && row.parentNode.parentNode.id === "ranking") { n += 1; }
    });
    shown.textContent = n + " placed states shown";
  }
  region.addEventListener("change", filter);
  status.addEventListener("change", filter);
  filter();
}());
