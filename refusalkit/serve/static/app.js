// refusalkit serve: the page's only script. No inline script, no innerHTML: every
// value from the server or a file goes into the page as text (textContent, value).
(function () {
  "use strict";

  var CLIENT = ["name", "title", "salutation", "email", "company", "request", "amount_due", "currency", "end_date"];
  var ERROR_FIELDS = CLIENT.concat(["reason", "lang", "relationship"]);
  var DEBOUNCE_MS = 250;
  var MAX_RECORD = 64 * 1024;

  var options = null;   // /api/options: reasons, languages, defaults, house style
  var extra = {};       // what a dropped record file holds beyond the form's fields
  var current = null;   // the last letter drafted without errors, or null
  var seq = 0;          // the newest request; answers to older ones are dropped
  var timer = null;
  var controller = null;
  var nameTouched = false;
  var texts = {};       // the page's words in its language, from /api/options

  function $(id) { return document.getElementById(id); }
  // A text of the page, its {placeholders} filled in.
  function t(key, values) {
    return (texts[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }
  // A text with one element in place of its {placeholder}, as nodes.
  function withNode(node, key, name, child) {
    var parts = t(key).split("{" + name + "}");
    node.appendChild(document.createTextNode(parts[0]));
    if (parts.length > 1) {
      node.appendChild(child);
      node.appendChild(document.createTextNode(parts.slice(1).join("{" + name + "}")));
    }
  }
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- set-up -------------------------------------------------------------------------------

  function setup(data) {
    options = data;
    texts = data.page.texts;
    var lang = $("f-lang");
    data.languages.forEach(function (l) {
      var opt = el("option");
      opt.value = l.code;
      opt.dataset.name = t("language_option", { name: l.name, code: l.code });
      lang.appendChild(opt);
    });
    lang.value = data.defaults.lang;
    reasonTitles(data.defaults.reason);
    setRegister(data.defaults.formal);
    showStyle(data.style);
    reasonInfo();
  }

  function showStyle(style) {
    var info = $("style-info");
    info.textContent = "";
    if (style.path) {
      withNode(info, "style_file", "path", el("code", style.path));
      if (style.sender) info.appendChild(document.createTextNode(" " + t("style_sender", { name: style.sender })));
    } else {
      withNode(info, "style_none", "command", el("code", "refusalkit setup"));
    }
  }

  // The reasons in the letter's language, sorted as that language sorts their titles.
  function reasonTitles(selected) {
    var code = $("f-lang").value;
    var select = $("f-reason");
    var collator = new Intl.Collator(code || undefined);
    var title = function (r) { return r.titles[code] || r.title; };
    var sorted = options.reasons.slice().sort(function (a, b) { return collator.compare(title(a), title(b)); });
    select.textContent = "";
    select.lang = code;
    sorted.forEach(function (r) {
      var opt = el("option", title(r));
      opt.value = r.id;
      select.appendChild(opt);
    });
    select.value = selected;
  }

  function reasonById(id) {
    return options.reasons.filter(function (r) { return r.id === id; })[0];
  }

  // The reason's description, and which relationships and languages it has letters for.
  // The reason's description (in the letter's language), which relationships and languages it
  // has letters for, and what the register means in the letter's language.
  function reasonInfo() {
    var code = $("f-lang").value;
    var own = texts["formal_" + code] !== undefined;
    $("hint-formal").textContent = "(" + t(own ? "formal_" + code : "formal_other") + ")";
    $("hint-informal").textContent = "(" + t(own ? "informal_" + code : "informal_other") + ")";
    $("f-amount_due").placeholder = new Intl.NumberFormat(code || undefined, { minimumFractionDigits: 2 }).format(1234.5);
    var r = reasonById($("f-reason").value);
    if (!r) return;
    $("reason-desc").textContent = r.descriptions[code] || r.description;
    $("reason-desc").lang = code;
    $("reason-fits").textContent = t(r.relationships.length === 2 ? "fits_both"
      : r.relationships[0] === "client" ? "fits_client" : "fits_prospect");
    Array.prototype.forEach.call($("f-relationship").options, function (opt) {
      var base = opt.dataset.name || (opt.dataset.name = opt.textContent);
      opt.textContent = r.relationships.indexOf(opt.value) < 0 ? t("not_for_reason", { label: base }) : base;
    });
    Array.prototype.forEach.call($("f-lang").options, function (opt) {
      opt.textContent = r.languages.indexOf(opt.value) < 0
        ? t("no_letter", { label: opt.dataset.name }) : opt.dataset.name;
    });
  }

  function setRegister(formal) {
    document.querySelector("input[name=register][value=" + (formal ? "formal" : "informal") + "]").checked = true;
  }

  // ---- drafting -----------------------------------------------------------------------------

  function collect() {
    var client = {};
    CLIENT.forEach(function (k) { client[k] = $("f-" + k).value; });
    return {
      reason: $("f-reason").value,
      lang: $("f-lang").value,
      relationship: $("f-relationship").value,
      formal: document.querySelector("input[name=register]:checked").value === "formal",
      explain: $("f-explain").checked,
      client: client,
      extra: extra,
      page: options.page.lang
    };
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  }

  function update() {
    clearTimeout(timer);
    if (!options) return;
    if (!$("f-name").value.trim() && !nameTouched) {
      say("state", t("fill_name"));
      return;
    }
    var mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    fetch("/api/draft", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(collect()),
      signal: controller.signal
    }).then(function (response) {
      return answer(response).then(function (data) {
        if (mine !== seq) return;
        if (data.ok) show(data); else problems(data.errors);
      });
    }).catch(function (err) {
      if (err && err.name === "AbortError") return;
      if (mine === seq) problems([{ field: null, message: t("unreachable") }]);
    });
  }

  // JSON from the API, or the server's one-line message for any other status.
  function answer(response) {
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("application/json") === 0) return response.json();
    return response.text().then(function (text) {
      return { ok: false, errors: [{ field: null, message: t("server_refused", { message: text.trim(), status: response.status }) }] };
    });
  }

  function show(data) {
    clearErrors();
    current = data;
    $("preview").src = data.preview;
    $("out-markdown").textContent = data.markdown;
    $("out-text").textContent = data.text;
    $("out-subject").textContent = data.subject;
    setStale(false);
    say("state", t("up_to_date"));
  }

  // The problems next to their fields; the last good draft stays in view (marked as such),
  // but it cannot be copied or downloaded until the form is right again.
  function problems(errors) {
    clearErrors();
    current = null;
    setStale(true);
    var general = $("problems");
    errors.forEach(function (e) {
      var box = e.field && ERROR_FIELDS.indexOf(e.field) >= 0 ? $("err-" + e.field) : null;
      if (box) {
        box.textContent = e.message;
        box.hidden = false;
        $("f-" + e.field).setAttribute("aria-invalid", "true");
      } else {
        general.appendChild(el("p", e.message));
        general.hidden = false;
      }
    });
    say("state", t(general.hidden ? "see_fields" : "see_message"));
  }

  function clearErrors() {
    ERROR_FIELDS.forEach(function (k) {
      var box = $("err-" + k);
      box.hidden = true;
      box.textContent = "";
      $("f-" + k).removeAttribute("aria-invalid");
    });
    $("problems").textContent = "";
    $("problems").hidden = true;
  }

  function setStale(stale) {
    var shown = $("preview").getAttribute("src");
    document.querySelectorAll(".panel").forEach(function (p) { p.classList.toggle("stale", stale && !!shown); });
    $("stale-note").hidden = !(stale && shown);
    $("draft-badge").textContent = stale ? "⚠" : "";
    $("copy-email").disabled = stale;
    $("copy-text").disabled = stale;
    $("copy-subject").disabled = stale;
    var link = $("download-eml");
    if (stale) {
      link.removeAttribute("href");
      link.removeAttribute("download");
      link.setAttribute("aria-disabled", "true");
    } else {
      link.href = current.eml;
      link.download = current.filename;
      link.setAttribute("aria-disabled", "false");
    }
  }

  function say(id, text) {
    var node = $(id);
    if (node.textContent !== text) node.textContent = text;
  }

  // ---- clipboard ----------------------------------------------------------------------------

  // Where the asynchronous clipboard is missing (a page not served from loopback is no
  // secure context), a copy event still carries both flavours.
  function legacyCopy(html, text) {
    var done = false;
    function onCopy(e) {
      e.clipboardData.setData("text/plain", text);
      if (html) e.clipboardData.setData("text/html", html);
      e.preventDefault();
      done = true;
    }
    document.addEventListener("copy", onCopy);
    try { document.execCommand("copy"); } catch (e) { done = false; }
    document.removeEventListener("copy", onCopy);
    return done;
  }

  function copyForEmail() {
    if (!current) return;
    var d = current;
    var clip = navigator.clipboard;
    if (!clip) {
      say("action-status", legacyCopy(d.clipboard_html, d.text) ? t("copied_html") : t("clipboard_refused"));
      return;
    }
    var attempt = window.ClipboardItem && clip.write
      ? clip.write([new ClipboardItem({
        "text/html": new Blob([d.clipboard_html], { type: "text/html" }),
        "text/plain": new Blob([d.text], { type: "text/plain" })
      })])
      : Promise.reject(new Error("no ClipboardItem"));
    attempt.then(function () {
      say("action-status", t("copied_html"));
    }, function () {
      return clip.writeText(d.text).then(function () {
        say("action-status", t("copied_plain_only"));
      });
    }).catch(function () { say("action-status", t("clipboard_refused")); });
  }

  function copyText(text, what) {
    var clip = navigator.clipboard;
    var done = function () { say("action-status", t(what)); };
    if (!clip) {
      say("action-status", legacyCopy(null, text) ? t(what) : t("clipboard_refused"));
      return;
    }
    clip.writeText(text).then(done, function () { say("action-status", t("clipboard_refused")); });
  }

  // ---- client record files ------------------------------------------------------------------

  function loadRecord(file) {
    var status = $("record-status");
    if (file.size > MAX_RECORD) {
      status.textContent = t("record_too_large", { file: file.name });
      return;
    }
    status.textContent = t("record_reading", { file: file.name });
    file.arrayBuffer().then(function (body) {
      return fetch("/api/record", {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream", "X-Filename": encodeURIComponent(file.name),
                   "X-Letter-Language": $("f-lang").value },
        body: body
      });
    }).then(answer).then(function (data) {
      if (!data.ok) {
        status.textContent = t("record_failed", { file: file.name, problems: data.errors.map(function (e) { return e.message; }).join(" ") });
        return;
      }
      CLIENT.forEach(function (k) { $("f-" + k).value = data.fields[k] || ""; });
      $("f-salutation").value = data.fields.salutation || "none";
      if (data.fields.end_date) $("f-end_date").value = data.fields.end_date.slice(0, 10);
      var s = data.settings;
      if (s.language && $("f-lang").querySelector("option[value='" + CSS.escape(s.language) + "']")) {
        $("f-lang").value = s.language;
        reasonTitles($("f-reason").value);
      }
      // what the record does not say is what the command line would take: prospect, the style's register
      $("f-relationship").value = s.relationship || "prospect";
      setRegister(typeof s.formal === "boolean" ? s.formal : options.defaults.formal);
      extra = data.extra;
      var keys = Object.keys(extra);
      $("extra-info").hidden = $("forget-extra").hidden = keys.length === 0;
      $("extra-info").textContent = keys.length ? t("record_extra", { file: data.name, keys: keys.join(", ") }) : "";
      status.textContent = t("record_filled", { file: data.name });
      nameTouched = true;
      reasonInfo();
      update();
    }).catch(function () {
      status.textContent = t("record_unreadable", { file: file.name });
    });
  }

  function hasFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0;
  }

  // ---- tabs ---------------------------------------------------------------------------------

  function selectTab(tab, focus) {
    document.querySelectorAll("[role=tab]").forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    });
    if (focus) tab.focus();
    fitPreview();
  }

  // The preview frame as tall as the whole letter (the frame keeps its origin for this, and
  // runs no script: see LETTER_CSP).
  function fitPreview() {
    var frame = $("preview");
    var doc = null;
    try { doc = frame.contentDocument; } catch (e) { doc = null; }
    if (!doc || !doc.documentElement || !frame.offsetWidth) return;
    frame.style.height = "0px";  // measure the letter, not the frame
    frame.style.height = Math.max(doc.documentElement.scrollHeight, 160) + "px";
  }

  // On a phone, the form and the draft take turns; a sticky switch at the top flips them,
  // and back in the form the user is where they left it.
  var formScroll = 0;
  function showView(view) {
    if (document.body.dataset.view === view) return;
    if (view === "draft") formScroll = window.scrollY;
    document.body.dataset.view = view;
    $("show-form").setAttribute("aria-pressed", view === "form" ? "true" : "false");
    $("show-draft").setAttribute("aria-pressed", view === "draft" ? "true" : "false");
    fitPreview();
    window.scrollTo(0, view === "form" ? formScroll : 0);
  }

  // ---- wiring -------------------------------------------------------------------------------

  function wire() {
    var form = $("form");
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    form.addEventListener("input", function (e) {
      if (e.target.id === "f-record") return;
      if (e.target.id === "f-name") nameTouched = true;
      schedule();
    });
    form.addEventListener("change", function (e) {
      if (e.target.id === "f-record") return;
      if (e.target.id === "f-lang") reasonTitles($("f-reason").value);
      if (e.target.id === "f-reason" || e.target.id === "f-lang") reasonInfo();
      schedule();
    });
    $("page-lang").addEventListener("change", function () {
      document.cookie = "refusalkit-lang=" + encodeURIComponent(this.value) + "; path=/; max-age=31536000; SameSite=Strict";
      window.location.reload();
    });
    $("show-form").addEventListener("click", function () { showView("form"); });
    $("show-draft").addEventListener("click", function () { showView("draft"); });
    document.querySelector(".skip").addEventListener("click", function () { showView("draft"); });
    $("preview").addEventListener("load", fitPreview);
    window.addEventListener("resize", fitPreview);
    $("f-record").addEventListener("change", function () {
      if (this.files && this.files[0]) loadRecord(this.files[0]);
      this.value = "";
    });
    $("forget-extra").addEventListener("click", function () {
      extra = {};
      $("extra-info").hidden = this.hidden = true;
      $("record-status").textContent = "";
      update();
    });
    $("copy-email").addEventListener("click", copyForEmail);
    $("copy-text").addEventListener("click", function () { if (current) copyText(current.text, "copied_text"); });
    $("copy-subject").addEventListener("click", function () { if (current) copyText(current.subject, "copied_subject"); });

    var tabs = Array.prototype.slice.call(document.querySelectorAll("[role=tab]"));
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { selectTab(tab, false); });
      tab.addEventListener("keydown", function (e) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
        if (next === undefined) return;
        e.preventDefault();
        selectTab(tabs[(next + tabs.length) % tabs.length], true);
      });
    });

    var overlay = $("drop-overlay");
    var depth = 0;
    window.addEventListener("dragenter", function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    window.addEventListener("dragover", function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    });
    window.addEventListener("dragleave", function (e) {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    window.addEventListener("drop", function (e) {
      e.preventDefault();  // never let the browser navigate to the dropped file
      depth = 0;
      overlay.hidden = true;
      var files = e.dataTransfer && e.dataTransfer.files;
      if (files && files[0]) loadRecord(files[0]);
    });
  }

  wire();
  fetch("/api/options").then(answer).then(function (data) {
    if (data.ok === false) throw new Error(data.errors[0].message);
    setup(data);
    update();
  }).catch(function (err) {
    $("style-info").textContent = t("options_failed", { error: err && err.message || err });
  });
})();
