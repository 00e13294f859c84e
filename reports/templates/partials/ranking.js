// Filter and search the ranking (sorting comes from sortable.js); the view lives in the page address
// (#region=...&status=...&q=...&sort=3-desc) so it can be shared. No network, no libraries.
(function () {
  "use strict";
  var table = document.getElementById("ranking");
  if (!table) { return; }
  var sorted = null;  // [column, "asc" | "desc"]
  var sorter = riskscoreSortable(table, function (col, ascending) {
    sorted = [col, ascending ? "asc" : "desc"];
    remember();
  });
  var headers = sorter.headers;
  var region = document.getElementById("filter-region");
  var status = document.getElementById("filter-status");
  var search = document.getElementById("filter-name");
  var shown = document.getElementById("shown");

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

  region.addEventListener("change", update);
  status.addEventListener("change", update);
  search.addEventListener("input", update);

  // A shared link opens the same view (also when pasted into an open page).
  function restore() {
    region.value = ""; status.value = ""; search.value = "";
    var sort = null;
    window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("="), v = decodeURIComponent(kv[1] || "");
      if (kv[0] === "region") { region.value = v; }
      if (kv[0] === "status") { status.value = v; }
      if (kv[0] === "q") { search.value = v; }
      if (kv[0] === "sort") { sort = /^(\d+)-(asc|desc)$/.exec(v); }
    });
    // Sorting writes the address, so it comes after every field is restored.
    if (sort && headers[+sort[1]] && headers[+sort[1]].querySelector("button")) {
      sorter.sortBy(+sort[1], sort[2] === "asc");
    }
    filter();
  }
  window.addEventListener("hashchange", restore);
  restore();
}());
