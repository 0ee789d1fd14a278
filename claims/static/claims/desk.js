// Keys of the review desk. The queue: j / k move the selection, o or Enter opens it.
// A claim page: j / k go to the next / previous claim of the queue, a assigns it to oneself.
(function () {
  "use strict";
  function typing(e) {
    return e.target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey;
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.claim-row"));
  if (rows.length) {
    var at = -1;
    var select = function (i) {
      if (at >= 0) rows[at].classList.remove("selected");
      at = Math.max(0, Math.min(rows.length - 1, i));
      rows[at].classList.add("selected");
      rows[at].scrollIntoView({block: "nearest"});
    };
    document.addEventListener("keydown", function (e) {
      if (typing(e)) return;
      if (e.key === "j") select(at + 1);
      else if (e.key === "k") select(at - 1);
      else if ((e.key === "o" || e.key === "Enter") && at >= 0) rows[at].querySelector("a").click();
    });
    return;
  }

  document.addEventListener("keydown", function (e) {
    if (typing(e)) return;
    var target = {j: "next", k: "previous"}[e.key];
    if (target && document.getElementById(target)) document.getElementById(target).click();
    if (e.key === "a" && document.getElementById("take-form")) document.getElementById("take-form").requestSubmit();
  });
})();
