// Sort, filter and search the ranking in the browser; the view lives in the page address
// (#region=...&status=...&q=...&sort=3-desc) so it can be shared. No network, no libraries.
(function () {
  "use strict";
  var table = document.getElementById("ranking");
  if (!table) { return; }
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  var region = document.getElementById("filter-region");
  var status = document.getElementById("filter-status");
  var search = document.getElementById("filter-name");
  var shown = document.getElementById("shown");
  var sorted = null;  // [column, "asc" | "desc"]

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
    sorted = [col, ascending ? "asc" : "desc"];
  }

  function remember() {
    var parts = [];
    if (region.value) { parts.push("region=" + encodeURIComponent(region.value)); }
    if (status.value) { parts.push("status=" + encodeURIComponent(status.value)); }
    if (search.value.trim()) { parts.push("q=" + encodeURIComponent(search.value.trim())); }
    if (sorted) { parts.push("sort=" + sorted[0] + "-" + sorted[1]); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (window.location.hash !== hash) {
      history.replaceState(null, "", hash || window.location.pathname);
    }
  }

  function filter() {
    var q = search.value.trim().toLowerCase(), n = 0;
    document.querySelectorAll("#ranking tbody tr, #unranked tbody tr").forEach(function (row) {
      var names = (row.getAttribute("data-names") || "").toLowerCase();
      var ok = (!region.value || row.getAttribute("data-region") === region.value) &&
               (!status.value || row.getAttribute("data-status") === status.value) &&
               (!q || names.indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok && row.parentNode.parentNode.id === "ranking") { n += 1; }
    });
    shown.textContent = n + " placed states shown";
  }

  function update() { filter(); remember(); }

  Array.prototype.forEach.call(headers, function (th, col) {
    var button = th.querySelector("button");
    if (button) {
      button.addEventListener("click", function () {
        sortBy(col, th.getAttribute("aria-sort") !== "ascending");
        remember();
      });
    }
  });
  region.addEventListener("change", update);
  status.addEventListener("change", update);
  search.addEventListener("input", update);

  // A shared link opens the same view (also when pasted into an open page).
  function restore() {
    region.value = ""; status.value = ""; search.value = "";
    window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("="), v = decodeURIComponent(kv[1] || "");
      if (kv[0] === "region") { region.value = v; }
      if (kv[0] === "status") { status.value = v; }
      if (kv[0] === "q") { search.value = v; }
      if (kv[0] === "sort") {
        var m = /^(\d+)-(asc|desc)$/.exec(v);
        if (m && headers[+m[1]] && headers[+m[1]].querySelector("button")) {
          sortBy(+m[1], m[2] === "asc");
        }
      }
    });
    filter();
  }
  window.addEventListener("hashchange", restore);
  restore();
}());
