// Graph page: entities and relations with Cytoscape.js; filter by relation and date; click opens the entity.
"use strict";
(function () {
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape !== "function") { return; }
  var form = document.getElementById("graph-filters");
  var status = document.getElementById("graph-status");
  var colours = { armed_group: "#b5472f", person: "#2f6fb5", organization: "#6a4fb5", state: "#2f8f5b",
    kin_group: "#a07a1f", place: "#5d6d7e", event: "#b52f7a" };
  var cy = cytoscape({
    container: box,
    elements: [],
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 120,
        "background-color": function (n) { return colours[n.data("type")] || "#888"; }, "width": 18, "height": 18,
        "color": "#222", "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "edge", style: { "width": 1.5, "line-color": "#9aa", "target-arrow-color": "#9aa",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "label": "data(label)", "font-size": 8,
        "color": "#556", "text-rotation": "autorotate" } },
      { selector: "edge[status = 'accepted']", style: { "line-color": "#2f8f5b", "target-arrow-color": "#2f8f5b" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } }
    ]
  });
  window.orbatGraph = cy;
  cy.on("tap", "node", function (ev) {
    var href = ev.target.data("href");
    if (href) { window.location.href = href; }
  });
  function load() {
    var params = new URLSearchParams();
    var p = document.getElementById("graph-predicate").value;
    var d = document.getElementById("graph-date").value;
    var e = document.getElementById("graph-entity").value;
    if (p) { params.append("predicate", p); }
    if (d) { params.append("date", d); }
    if (e) { params.append("entity", e); }
    orbat.text(status, "loading…");
    orbat.getJSON("/api/v1/graph?" + params.toString()).then(function (data) {
      cy.elements().remove();
      cy.add(data.elements.nodes);
      cy.add(data.elements.edges);
      cy.layout({ name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 90, padding: 20 }).run();
      orbat.text(status, data.elements.nodes.length + " entities, " + data.elements.edges.length + " relations");
      box.setAttribute("data-loaded", "true");
    }).catch(function (err) { orbat.text(status, "could not load the graph: " + err.message); });
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
  load();
})();
