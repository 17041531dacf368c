// orbat: helpers shared by every page (no inline script anywhere: the CSP forbids it).
"use strict";
window.orbat = {
  csrf: function () {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  },
  getJSON: function (url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  },
  // text into an element, never HTML
  text: function (el, value) { el.textContent = value == null ? "" : String(value); return el; },
  el: function (tag, cls, value) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (value != null) { e.textContent = String(value); }
    return e;
  }
};
