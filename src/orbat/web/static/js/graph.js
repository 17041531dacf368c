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
    minZoom: 0.2,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 12, "text-wrap": "ellipsis", "text-max-width": 140,
        "background-color": function (n) { return colours[n.data("type")] || "#888"; },
        "width": "mapData(degree, 1, 15, 14, 34)", "height": "mapData(degree, 1, 15, 14, 34)",
        "color": "#1d2329", "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#ffffff",
        "text-background-opacity": 0.75, "text-background-padding": 1, "min-zoomed-font-size": 4 } },
      { selector: "edge", style: { "width": 1.4, "line-color": "#b3bcc4", "target-arrow-color": "#b3bcc4",
        "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier", "label": "data(label)",
        "font-size": 9, "color": "#4d5a66", "text-rotation": "autorotate", "min-zoomed-font-size": 8,
        "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: "edge[status = 'accepted']", style: { "line-color": "#2f8f5b", "target-arrow-color": "#2f8f5b" } },
      { selector: "edge[hedge = 'doubted'], edge[hedge = 'uncertain']", style: { "line-style": "dashed" } },
      { selector: "node[?focus]", style: { "border-width": 3, "border-color": "#1d2329" } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } }
    ]
  });
  window.orbatGraph = cy;
  // hovering a node brings out its neighbourhood and its relation labels
  cy.on("mouseover", "node", function (ev) {
    var near = ev.target.closedNeighborhood();
    cy.elements().not(near).addClass("faded");
    near.edges().style("min-zoomed-font-size", 0);
  });
  cy.on("mouseout", "node", function () {
    cy.elements().removeClass("faded");
    cy.edges().removeStyle("min-zoomed-font-size");
  });
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
      data.elements.nodes.forEach(function (n) { if (n.data.id === data.focus) { n.data.focus = true; } });
      cy.add(data.elements.nodes);
      cy.add(data.elements.edges);
      cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: function () { return 60000; },
        idealEdgeLength: function () { return 60; }, edgeElasticity: function () { return 80; },
        nodeOverlap: 30, gravity: 1.2, numIter: 2500, componentSpacing: 40, nestingFactor: 1.2,
        padding: 20, boundingBox: { x1: 0, y1: 0, w: Math.max(box.clientWidth, 300), h: Math.max(box.clientHeight, 300) } }).run();
      orbat.text(status, data.elements.nodes.length + " entities, " + data.elements.edges.length + " relations" +
        (data.truncated ? " (the first ones only: filter to see the rest)" : ""));
      box.setAttribute("data-loaded", "true");
    }).catch(function (err) { orbat.text(status, "could not load the graph: " + err.message); });
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
  load();
})();
