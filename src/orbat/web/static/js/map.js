// Map page: Leaflet with an offline base layer (country outlines from world-atlas), optional tiles
// from the configured tile URL, and the places named in claims.
"use strict";
(function () {
  var box = document.getElementById("map");
  if (!box || typeof L === "undefined") { return; }
  var status = document.getElementById("map-status");
  var map = L.map(box, { preferCanvas: true }).setView([35.0, 38.5], 6);
  window.orbatMap = map;
  var tileUrl = box.getAttribute("data-tile-url");
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: "tiles: configured server" }).addTo(map);
  }
  orbat.getJSON("/static/vendor/countries-50m.json").then(function (topo) {
    var countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, { style: { color: "#7a8a99", weight: 1, fillColor: "#eef1f4", fillOpacity: tileUrl ? 0 : 1 },
      interactive: false }).addTo(map);
  }).catch(function () { /* outlines are decoration: the places still show */ });
  function popup(feature) {
    var p = feature.properties, div = orbat.el("div", "popup"), a = orbat.el("a", null, p.name);
    a.href = p.href;
    div.appendChild(a);
    var ul = orbat.el("ul");
    if (p.approximate && p.via) { div.appendChild(orbat.el("div", "approx", "approximate: drawn at " + p.via)); }
    p.relations.slice(0, 15).forEach(function (r) {
      var li = orbat.el("li");
      var s = orbat.el("a", null, r.subject_name || r.subject);
      s.href = r.href || "/entities/" + encodeURIComponent(r.subject);
      li.appendChild(s);
      li.appendChild(document.createTextNode(" " + r.label + (r.start || r.as_of ? " (" + (r.start || r.as_of) + ")" : "")));
      ul.appendChild(li);
    });
    div.appendChild(ul);
    return div;
  }
  orbat.getJSON("/api/v1/map").then(function (data) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 6 + Math.min(10, f.properties.relations.length), color: "#b5472f",
          weight: 2, fillColor: "#e07a5f", fillOpacity: 0.8 });
      },
      onEachFeature: function (f, l) { l.bindPopup(popup(f)); l.bindTooltip(f.properties.name); }
    }).addTo(map);
    if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 8 }); }
    var missing = (data.properties && data.properties.ungeocoded) ? data.properties.ungeocoded.length : 0;
    orbat.text(status, data.features.length + " places named in claims" +
      (missing ? "; " + missing + " more not in the offline gazetteer, so not drawn." : "."));
    box.setAttribute("data-loaded", "true");
  }).catch(function (err) { orbat.text(status, "could not load places: " + err.message); });
})();
