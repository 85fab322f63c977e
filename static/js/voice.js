/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  document.querySelectorAll("textarea[data-maxlength]").forEach(function (box) {
    var max = parseInt(box.getAttribute("data-maxlength"), 10);
    var count = document.getElementById(box.id + "-count");
    if (!count) { return; }
    var update = function () {
      var used = Array.from(box.value).length;   /* code points, as the server counts */
      var left = max - used;
      count.textContent = left >= 0
        ? (count.getAttribute("data-left") || "You have {count} characters left").replace("{count}", left)
        : (count.getAttribute("data-over") || "You have {count} characters too many").replace("{count}", -left);
      count.classList.toggle("char-count-over", left < 0);
    };
    box.addEventListener("input", update);
    if (box.value) { update(); }
  });

  document.querySelectorAll("input[data-exclusive]").forEach(function (none) {
    var others = document.querySelectorAll('input[type="checkbox"][name="' + none.name + '"]:not([data-exclusive])');
    none.addEventListener("change", function () { if (none.checked) { others.forEach(function (o) { o.checked = false; }); } });
    others.forEach(function (o) { o.addEventListener("change", function () { if (o.checked) { none.checked = false; } }); });
  });

  document.querySelectorAll("[data-prevent-double-click]").forEach(function (button) {
    var form = button.form;
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
    });
  });
}());
