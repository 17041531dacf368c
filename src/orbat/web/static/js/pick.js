// Entity pickers: a text box that finds entities as you type (/api/v1/entities?q=) and submits the
// chosen entity's id. Without a choice (or without this script) the typed text is sent, and the
// server takes it as an id, a name or an alias.
"use strict";
(function () {
  function setup(box) {
    var text = box.querySelector(".pick-text");
    var hidden = box.querySelector(".pick-id");
    var list = box.querySelector(".pick-options");
    var field = box.getAttribute("data-name");
    var type = box.getAttribute("data-type") || "";
    var timer = null, seq = 0, active = -1, items = [];

    function useText() {  // the typed text is what gets submitted
      hidden.removeAttribute("name");
      hidden.value = "";
      text.setAttribute("name", field);
      box.removeAttribute("data-chosen");
    }
    function choose(ent) {
      text.value = ent.name;
      text.removeAttribute("name");
      hidden.setAttribute("name", field);
      hidden.value = ent.id;
      box.setAttribute("data-chosen", ent.id);
      close();
    }
    function close() {
      list.hidden = true;
      text.setAttribute("aria-expanded", "false");
      text.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function mark(i) {
      var lis = list.querySelectorAll("li[role=option]");
      for (var j = 0; j < lis.length; j++) { lis[j].setAttribute("aria-selected", j === i ? "true" : "false"); }
      active = i;
      if (i >= 0 && lis[i]) {
        text.setAttribute("aria-activedescendant", lis[i].id);
        lis[i].scrollIntoView({ block: "nearest" });
      }
    }
    function show(found, total) {
      list.textContent = "";
      items = found;
      found.forEach(function (ent, i) {
        var li = orbat.el("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("data-id", ent.id);
        var name = orbat.el("bdi", "pick-name", ent.name);
        name.setAttribute("dir", "auto");
        li.appendChild(name);
        li.appendChild(orbat.el("small", "pick-meta", " " + ent.type.replace(/_/g, " ") + " · " + ent.id));
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(ent); });
        list.appendChild(li);
      });
      if (!found.length) { list.appendChild(orbat.el("li", "pick-none", "no entity matches")); }
      else if (total > found.length) { list.appendChild(orbat.el("li", "pick-none", (total - found.length) + " more: type more of the name")); }
      list.hidden = false;
      text.setAttribute("aria-expanded", "true");
      active = -1;
    }
    function lookup() {
      var q = text.value.trim();
      if (!q) { close(); return; }
      var mine = ++seq;
      var url = "/api/v1/entities?limit=15&q=" + encodeURIComponent(q) + (type ? "&type=" + encodeURIComponent(type) : "");
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        var total = parseInt(r.headers.get("X-Total-Count") || "0", 10);
        return r.json().then(function (found) { return [found, total]; });
      }).then(function (res) {
        if (mine === seq && document.activeElement === text) { show(res[0], res[1]); }
      }).catch(function () { close(); });
    }
    text.addEventListener("input", function () {
      useText();
      window.clearTimeout(timer);
      timer = window.setTimeout(lookup, 120);
    });
    text.addEventListener("keydown", function (ev) {
      if (list.hidden) { return; }
      if (ev.key === "ArrowDown") { ev.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); mark(Math.max(active - 1, 0)); }
      else if (ev.key === "Enter" && active >= 0) { ev.preventDefault(); choose(items[active]); }
      else if (ev.key === "Escape") { ev.stopPropagation(); close(); }
    });
    text.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }
  var boxes = document.querySelectorAll(".pick");
  for (var i = 0; i < boxes.length; i++) { setup(boxes[i]); }
})();
