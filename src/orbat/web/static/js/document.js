// Document page: highlight the quote named in the URL (#q-START-END) and scroll to it;
// analysts can cite a selected span in a new claim.
"use strict";
(function () {
  var box = document.getElementById("doc-text");
  if (!box) { return; }
  function highlight() {
    var old = box.querySelectorAll(".target");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("target"); }
    var m = /^#q-(\d+)-(\d+)$/.exec(window.location.hash);
    if (!m) { return; }
    var start = parseInt(m[1], 10), end = parseInt(m[2], 10), first = null;
    var segs = box.querySelectorAll(".seg");
    for (var j = 0; j < segs.length; j++) {
      var s = parseInt(segs[j].getAttribute("data-start"), 10);
      var e = parseInt(segs[j].getAttribute("data-end"), 10);
      if (s >= start && e <= end) {
        segs[j].classList.add("target");
        if (!first) { first = segs[j]; }
      }
    }
    if (first) { first.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", highlight);
  highlight();

  var cite = document.getElementById("cite-selection");
  if (!cite) { return; }
  function offsetOf(node, offset) {
    var seg = node.nodeType === 3 ? node.parentElement : node;
    while (seg && seg !== box && !(seg.classList && seg.classList.contains("seg"))) { seg = seg.parentElement; }
    if (!seg || seg === box) { return null; }
    return parseInt(seg.getAttribute("data-start"), 10) + (node.nodeType === 3 ? offset : 0);
  }
  var span = null;
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    span = null;
    if (sel && sel.rangeCount && !sel.isCollapsed) {
      var r = sel.getRangeAt(0);
      var a = offsetOf(r.startContainer, r.startOffset), b = offsetOf(r.endContainer, r.endOffset);
      if (a !== null && b !== null && b > a) { span = [a, b]; }
    }
    cite.disabled = span === null;
  });
  cite.addEventListener("click", function () {
    if (!span) { return; }
    var doc = document.querySelector(".document").getAttribute("data-document");
    window.location.href = "/claims/new?document=" + encodeURIComponent(doc) + "&start=" + span[0] + "&end=" + span[1];
  });
})();
