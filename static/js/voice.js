/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  document.querySelectorAll("textarea[data-maxlength]").forEach(function (box) {
    var max = parseInt(box.getAttribute("data-maxlength"), 10);
    var count = document.getElementById(box.id + "-count");
    if (!count) { return; }
    var forms = function (name, fallback) {
      try { return JSON.parse(count.getAttribute(name)); } catch (e) { return {other: fallback}; }
    };
    var left_forms = forms("data-left", "You have {count} characters left");
    var over_forms = forms("data-over", "You have {count} characters too many");
    var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;
    var say = function (texts, n) {
      var text = texts[plural ? plural.select(n) : "other"] || texts.other;
      return text.replace("{count}", n.toLocaleString(document.documentElement.lang));
    };
    var update = function () {
      /* what the service keeps and counts: line ends as one character, no spaces or empty lines at either end,
         code points in NFC (voice.common.text.clean_text) */
      var kept = box.value.replace(/\r\n?/g, "\n").normalize("NFC").trim();
      var left = max - Array.from(kept).length;
      count.textContent = left >= 0 ? say(left_forms, left) : say(over_forms, -left);
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

  /* "Exit this page" (the GOV.UK pattern): the page is blanked at once and the browser leaves with
     location.replace, so this page is not left in the history for Back to return to. Pressing Shift
     three times in a row does the same. Without JavaScript the link still deletes the answers and leaves;
     the start page says how to clear the browser's history. */
  var exit = document.querySelector("[data-exit-this-page]");
  if (exit) {
    var leave = function (event) {
      if (event) { event.preventDefault(); }
      document.title = "Loading";
      document.body.innerHTML = "";
      window.location.replace(exit.href);
    };
    exit.addEventListener("click", leave);
    var presses = 0, timer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { presses = 0; return; }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; }, 5000);
      if (presses >= 3) { leave(); }
    });
  }

  /* The staff menu on a phone: folded behind its button, which says whether it is open (aria-expanded); at a wider
     screen the button is hidden and every link shows, as without JavaScript. */
  var menu = document.querySelector("[data-staff-menu]");
  var links = menu && document.getElementById(menu.getAttribute("aria-controls"));
  if (menu && links && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 47.99em)");
    var show = function (open) {
      menu.setAttribute("aria-expanded", open ? "true" : "false");
      links.hidden = !open;
    };
    var fit = function () {
      menu.hidden = !narrow.matches;
      show(!narrow.matches);
    };
    menu.addEventListener("click", function () { show(menu.getAttribute("aria-expanded") !== "true"); });
    if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
    fit();
  }

  document.querySelectorAll("[data-prevent-double-click]").forEach(function (button) {
    var form = button.form;
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
    });
  });
}());
