// Review queue: a accept, r reject, e edit, s skip (not while typing in a field).
"use strict";
(function () {
  var card = document.getElementById("review-card");
  if (!card) { return; }
  var edit = document.getElementById("edit-form");
  document.getElementById("btn-edit").addEventListener("click", function () {
    edit.hidden = !edit.hidden;
    if (!edit.hidden) { edit.querySelector("select").focus(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) { return; }
    var target = card.querySelector('[data-key="' + ev.key.toLowerCase() + '"]');
    if (target) { ev.preventDefault(); target.click(); }
  });
})();
