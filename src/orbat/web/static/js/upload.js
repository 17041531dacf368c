// Upload job page: poll the job's progress (read → extract → resolve) until it is done.
"use strict";
(function () {
  var box = document.getElementById("job");
  if (!box) { return; }
  var id = box.getAttribute("data-job");
  if (["done", "failed"].indexOf(box.getAttribute("data-state")) >= 0) { return; }
  var bar = document.getElementById("job-progress");
  function show(job) {
    orbat.text(document.getElementById("job-state"), job.state);
    orbat.text(document.getElementById("job-stage"), job.stage);
    orbat.text(document.getElementById("job-count"), job.total ? job.done + " / " + job.total : "");
    orbat.text(document.getElementById("job-label"), job.label);
    bar.max = Math.max(job.total, 1);
    bar.value = job.done;
    box.setAttribute("data-state", job.state);
    box.setAttribute("data-stage", job.stage);
    if (job.state === "done" || job.state === "failed") {
      var list = document.getElementById("job-result");
      list.textContent = "";
      list.appendChild(orbat.el("li", null, job.ingested.length + " ingested, " + job.unchanged.length +
        " already stored, " + job.claims + " claims" + (job.entities !== null ? ", " + job.entities + " entities" : "")));
      job.failed.forEach(function (f) { list.appendChild(orbat.el("li", "error-message", f.file + ": " + f.cause)); });
      if (job.error) { list.appendChild(orbat.el("li", "error-message", job.error)); }
      job.ingested.forEach(function (name) {
        var li = orbat.el("li"), a = orbat.el("a", null, name);
        a.href = "/documents/" + encodeURIComponent(name);
        li.appendChild(a); list.appendChild(li);
      });
      return true;
    }
    return false;
  }
  function poll() {
    orbat.getJSON("/api/v1/uploads/" + encodeURIComponent(id)).then(function (job) {
      if (!show(job)) { window.setTimeout(poll, 500); }
    }).catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
