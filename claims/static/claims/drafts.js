// Drafts of the claim page: what a reviewer types is kept in the browser until the server has stored it.
//
// Every form of the page with something to type (a rationale, a note, a correction) saves its
// fields to localStorage as they change, under the user, the claim and the form. The draft is
// dropped only when the page comes back saying that form was stored (a message tagged
// "saved-<form>", set by the views); a lost connection, an expired login, a closed tab or a
// crashed browser leave it, and the next visit of the page puts it back into the empty fields,
// with a notice and a button to discard it.
(function () {
  "use strict";
  var scope = document.getElementById("drafts");
  if (!scope || !window.localStorage) return;
  var prefix = "factcheck:draft:" + scope.dataset.user + ":" + scope.dataset.claim + ":";
  var MAX_AGE = 14 * 24 * 3600 * 1000;  // drafts older than two weeks are forgotten
  var notice = document.getElementById("draft-notice");

  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or refused: the form still works, only without a draft */ }
  }

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken" || el.name === "version") return false;
      return el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
        (el.tagName === "INPUT" && /^(text|url|search|date)$/.test(el.type));
    });
  }

  function forget() {  // drafts of any claim past their age
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var key = localStorage.key(i);
      if (key && key.indexOf("factcheck:draft:") === 0) {
        var draft = load(key);
        if (!draft || Date.now() - (draft.at || 0) > MAX_AGE) store(key, null);
      }
    }
  }

  function track(form) {
    var name = form.id.replace(/-form$/, "");
    var key = prefix + name;
    var inputs = fields(form);
    if (!inputs.length || !inputs.some(function (el) { return el.tagName !== "SELECT"; })) return;

    var draft = load(key);
    if (draft && draft.values) {
      var restored = false;
      inputs.forEach(function (el) {
        var value = draft.values[el.name];
        if (value && !el.value) {
          el.value = value;
          restored = restored || el.value === value;  // a select keeps its value only if it is an option
        }
      });
      if (restored && notice) {
        var note = notice.content.firstElementChild.cloneNode(true);
        note.querySelector("button").addEventListener("click", function () {
          inputs.forEach(function (el) { if (el.value === draft.values[el.name]) el.value = el.defaultValue; });
          store(key, null);
          note.remove();
        });
        form.parentNode.insertBefore(note, form);
        var details = form.closest("details");
        if (details) details.open = true;
      }
    }

    function save(submitted) {
      var values = {};
      var any = false;
      inputs.forEach(function (el) {
        if (el.value && el.value !== el.defaultValue) { values[el.name] = el.value; any = true; }
      });
      store(key, any ? {values: values, at: Date.now(), submitted: submitted} : null);
    }
    form.addEventListener("input", function () { save(false); });
    form.addEventListener("change", function () { save(false); });
    form.addEventListener("submit", function () { save(true); });
  }

  function stored() {  // the forms the server says it stored: their drafts are done, shown or not
    Array.prototype.forEach.call(document.querySelectorAll(".messages .saved"), function (message) {
      message.className.split(/\s+/).forEach(function (tag) {
        if (tag.indexOf("saved-") !== 0) return;
        var key = prefix + tag.slice(6);
        var draft = load(key);
        if (draft && draft.submitted) store(key, null);
      });
    });
  }

  forget();
  stored();
  Array.prototype.forEach.call(document.querySelectorAll("form[id$='-form']"), track);
})();
