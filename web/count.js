// tally: the count centre (GET /count). Sign in; then a dashboard of the
// count and a form for each event the signed-in role may record
// (docs/api.md). A form posts the event's JSON to /api/events and shows the
// server's refusal word for word. The dashboard follows the count through
// GET /api/events (EventSource): every event once, then each new one as it
// is appended; on each, the views (status, verification, rejected papers)
// are fetched again, and the doubtful papers are read from the events
// themselves, so the whole log is never fetched again. A lost stream is
// resumed by EventSource from the last id it saw. Plain DOM, no framework;
// text is set, never parsed.
(function () {
  "use strict";

  var me = null, csrf = null, built = false, busy = false, again = false;
  var stream = null, decisions = [], seen = 0; // the stream; doubtful_decided and correction events; last seq

  // What each role may record (docs/api.md); null: everything.
  var MAY = {
    returning_officer: null,
    count_supervisor: ["box_received", "postal_opened", "box_counted", "box_verified",
                       "bundle_recorded", "bundle_check_completed"],
    counting_assistant: ["bundle_recorded"],
    candidate: ["bundle_check_requested", "recount_requested"],
    election_agent: ["bundle_check_requested", "recount_requested"],
    counting_agent: ["bundle_check_requested"]
  };
  var REASONS = ["signature_mismatch", "dob_mismatch", "signature_blank", "dob_blank",
                 "no_statement", "no_ballot_paper"];
  // Each event's form: [type, title, fields]. A field: [key, label, kind,
  // required, flags]; kind: text, int, flag, json, box, candidate, head,
  // request:KIND, a list of choices, or votes/heads/reasons (a figure
  // each), move, short (one row). Flags: "keep" (kept after recording),
  // "ro" (only the returning officer fills it in; the server fills it in
  // for the others).
  var FORMS = [
    ["box_received", "Receive a ballot box", [
      ["box", "Box", "box", 1], ["kind", "Kind", ["station", "postal"], 1],
      ["station", "Polling station or postal opening", "text", 1, "keep"],
      ["place", "Polling place (optional)", "text"], ["entrusted", "Papers entrusted", "int"],
      ["issued", "Papers issued", "int", 1], ["unused", "Papers unused", "int"],
      ["spoilt", "Papers spoilt", "int"], ["tendered", "Tendered papers", "int"]]],
    ["postal_opened", "Open postal votes", [
      ["packets", "Packets opened", "int", 1], ["accepted", "Packets accepted", "int", 1],
      ["rejected", "Packets rejected, by reason", "reasons"]]],
    ["box_counted", "Count a box", [["box", "Box", "box", 1], ["figure", "Papers counted", "int", 1]]],
    ["box_verified", "Verify a box", [
      ["box", "Box", "box", 1], ["figure", "Agreed figure", "int", 1],
      ["explanation", "Explanation of a variance (optional)", "text"]]],
    ["verification_completed", "Complete verification", []],
    ["bundle_recorded", "Record a bundle", [
      ["candidate", "Candidate", "candidate", 1], ["size", "Papers in the bundle", "int", 1, "keep"],
      ["part", "Part bundle (fewer than the bundle size)", "flag"],
      ["table", "Table", "text", 1, "keep"], ["counted_by", "Counted by", "text", 1, "keep"],
      ["checked_by", "Checked by", "text", 1, "keep"]]],
    ["doubtful_decided", "Decide a doubtful paper", [
      ["decision", "Decision", ["counted", "rejected"], 1],
      ["candidate", "Counted for (when counted)", "candidate"],
      ["head", "Rejected under (when rejected)", "head"], ["objected", "Rejection objected to", "flag"]]],
    ["count_completed", "Complete the count", [["explanation", "Explanation of a difference (optional)", "text"]]],
    ["provisional_shown", "Show the provisional result", []],
    ["bundle_check_requested", "Ask for a bundle check", [
      ["by", "Asked for by", "text", 1, "ro"],
      ["role", "Their role", ["candidate", "election_agent", "counting_agent"], 1, "ro"]]],
    ["bundle_check_completed", "Complete a bundle check", [
      ["request", "Request", "request:bundle_check", 1],
      ["moves", "Papers found in the wrong pile", "move"], ["short", "A bundle found short", "short"]]],
    ["recount_requested", "Ask for a recount", [
      ["by", "Asked for by", "text", 1, "ro"],
      ["role", "Their role", ["candidate", "election_agent"], 1, "ro"]]],
    ["recount_refused", "Refuse a recount", [
      ["request", "Request", "request:recount", 1], ["reason", "Reason", "text", 1]]],
    ["recount_completed", "Record a recount", [
      ["request", "Request", "request:recount", 1], ["votes", "Votes after the recount", "votes"],
      ["rejected", "Rejected papers after the recount", "heads"]]],
    ["lot_drawn", "Draw a lot", [
      ["method", "Method", ["seeded", "physical"], 1], ["seed", "Seed (seeded)", "text"],
      ["falls_on", "Falls on (physical)", "candidate"]]],
    ["result_declared", "Declare the result", []],
    ["correction", "Correct an earlier event", [
      ["corrects", "Event number", "int", 1], ["reason", "Reason", "text", 1],
      ["replacement", "What it should have been (JSON, optional)", "json"]]]
  ];
  var PHASES = {
    "new": "Not yet opened", verification: "Verification", count: "Counting the votes",
    provisional: "Provisional result shown", declared: "Declared"
  };

  function $(id) { return document.getElementById(id); }
  function words(s) { return String(s).replace(/_/g, " "); }
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (k) {
      e.appendChild(typeof k === "object" ? k : document.createTextNode(String(k)));
    });
    return e;
  }
  function put(id, node) { var p = $(id); p.textContent = ""; if (node) p.appendChild(node); }
  function say(id, text, bad) { var m = $(id); m.textContent = text; m.className = "msg" + (bad ? " bad" : " good"); }
  function table(head, rows) {
    return el("div", { "class": "scroll" }, [el("table", {}, [
      el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { scope: "col" }, [h]); }))]),
      el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return el("td", {}, [c]); })); }))])]);
  }

  function call(method, path, body) {
    var headers = {};
    if (method !== "GET") { headers["Content-Type"] = "application/json"; if (csrf) headers["X-CSRF-Token"] = csrf; }
    return fetch(path, { method: method, headers: headers, credentials: "same-origin", cache: "no-store",
                         body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        var type = res.headers.get("Content-Type") || "";
        return (type.indexOf("json") >= 0 ? res.json() : res.text())
          .catch(function () { return null; })
          .then(function (b) {
            if (res.status === 401 && path !== "/api/login" && path !== "/api/session") signedOut("Your session has ended: sign in again.");
            return { status: res.status, ok: res.ok, body: b };
          });
      });
  }

  // Sign in and out.
  function signedIn(s) {
    me = s; csrf = s.csrf;
    say("msg", "");
    $("who-name").textContent = s.name; $("who-role").textContent = words(s.role);
    $("who").hidden = false; $("signin").hidden = true; $("dash").hidden = false;
    follow();
    refresh();
  }
  function signedOut(why) {
    me = csrf = null; built = false;
    if (stream) stream.close();
    stream = null; decisions = []; seen = 0;
    $("who").hidden = true; $("dash").hidden = true; $("signin").hidden = false;
    put("forms"); put("action");
    say("signin-msg", why || "", !!why);
    $("signin-name").focus();
  }
  $("signin-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var b = $("signin-form").querySelector("button");
    b.disabled = true;
    call("POST", "/api/login", { name: $("signin-name").value, password: $("signin-password").value })
      .then(function (r) {
        $("signin-password").value = "";
        if (r.ok) { say("signin-msg", ""); signedIn(r.body); $("main").focus(); }
        else say("signin-msg", (r.body && r.body.error) || "The server answered " + r.status, true);
      }, function () { say("signin-msg", "The server cannot be reached.", true); })
      .then(function () { b.disabled = false; });
  });
  $("signout").addEventListener("click", function () {
    call("POST", "/api/logout").then(function () { signedOut(); });
  });

  // The forms.
  function fieldFor(type, f, opts) {
    var key = f[0], kind = f[2], id = "f-" + type + "-" + key;
    var common = { id: id, "data-key": key, required: f[3] ? "" : null, "data-keep": f[4] === "keep" ? "1" : null };
    function input(attrs) {
      var a = {}; Object.keys(common).forEach(function (k) { a[k] = common[k]; });
      Object.keys(attrs).forEach(function (k) { a[k] = attrs[k]; });
      return a;
    }
    function number(a) { return el("input", input(Object.assign({ type: "number", min: "0", step: "1", inputmode: "numeric", "data-kind": "int" }, a))); }
    function select(a, choices, empty) {
      var s = el("select", input(a));
      fill(s, choices, empty);
      return s;
    }
    function row(label, control) { return el("div", { "class": "field" }, [el("label", { "for": control.id }, [label]), control]); }
    function group(label, kids) { return el("fieldset", { "class": "group" }, [el("legend", {}, [label])].concat(kids)); }
    if (Array.isArray(kind)) return row(f[1], select({}, kind.map(function (c) { return [c, words(c)]; })));
    if (kind === "int") return row(f[1], number({}));
    if (kind === "flag") {
      return el("div", { "class": "field check" }, [el("input", input({ type: "checkbox", required: null })), el("label", { "for": id }, [f[1]])]);
    }
    if (kind === "json") return row(f[1], el("textarea", input({ rows: "3", "data-kind": "json" })));
    if (kind === "box") return row(f[1], el("input", input({ type: "text", list: "box-ids", autocomplete: "off" })));
    if (kind === "text") return row(f[1], el("input", input({ type: "text", autocomplete: "off" })));
    if (kind === "candidate") return row(f[1], select({}, opts.candidates, f[3] ? "Choose a candidate" : "None"));
    if (kind === "head") return row(f[1], select({}, opts.heads, "None"));
    if (kind.indexOf("request:") === 0) return row(f[1], select({ "data-kind": "int", "data-requests": kind.slice(8) }, [], "Choose a request"));
    if (kind === "votes" || kind === "heads" || kind === "reasons") {
      var keys = kind === "votes" ? opts.candidates : kind === "heads" ? opts.heads : REASONS.map(function (r) { return [r, words(r)]; });
      return group(f[1], keys.map(function (k) {
        var n = el("input", { id: id + "-" + k[0], type: "number", min: "0", step: "1", inputmode: "numeric",
                              "data-key": key, "data-sub": k[0], "data-kind": "int" });
        return row(k[1], n);
      }));
    }
    // move, short: one row of an array
    var parts = kind === "move" ? [["from", "From"], ["to", "To"]] : [["candidate", "Candidate"]];
    return group(f[1], parts.map(function (p) {
      var s = el("select", { id: id + "-" + p[0], "data-key": key, "data-sub": p[0], "data-row": "1" });
      fill(s, opts.candidates, "None");
      return row(p[1], s);
    }).concat([row("Papers", el("input", { id: id + "-papers", type: "number", min: "1", step: "1", inputmode: "numeric",
                                           "data-key": key, "data-sub": "papers", "data-row": "1", "data-kind": "int" }))]));
  }
  function fill(sel, choices, empty) {
    var was = sel.value;
    sel.textContent = "";
    if (empty !== undefined) sel.appendChild(el("option", { value: "" }, [empty]));
    choices.forEach(function (c) { sel.appendChild(el("option", { value: c[0] }, [c[1]])); });
    if (choices.some(function (c) { return String(c[0]) === was; })) sel.value = was;
  }
  function collect(form) {
    var ev = { type: form.getAttribute("data-type") }, bad = null;
    Array.prototype.forEach.call(form.elements, function (c) {
      var k = c.getAttribute("data-key"), sub = c.getAttribute("data-sub"), kind = c.getAttribute("data-kind"), v;
      if (!k) return;
      if (c.type === "checkbox") v = c.checked ? true : undefined;
      else if (c.value.trim() !== "") {
        v = c.value.trim();
        if (kind === "int") v = Number(v);
        if (kind === "json") { try { v = JSON.parse(v); } catch (e) { bad = c; } }
      }
      if (v === undefined) return;
      if (c.getAttribute("data-row")) { ev[k] = ev[k] || [{}]; ev[k][0][sub] = v; }
      else if (sub) { ev[k] = ev[k] || {}; ev[k][sub] = v; }
      else ev[k] = v;
    });
    ["moves", "short"].forEach(function (k) { if (ev[k] && ev[k][0].papers === undefined) delete ev[k]; });
    return bad ? null : ev;
  }
  function first(form) { return form.querySelector("input, select, textarea, button"); }
  function build(status, rejected) {
    var opts = {
      candidates: Object.keys(status.papers || {}).map(function (c) { return [c, c]; }),
      heads: rejected ? rejected.heads.map(function (h) { return [h.head, h.label]; })
                      : Object.keys(status.rejected || {}).map(function (h) { return [h, words(h)]; })
    };
    var may = Object.prototype.hasOwnProperty.call(MAY, me.role) ? MAY[me.role] : [], action = $("action");
    put("forms"); action.textContent = "";
    FORMS.forEach(function (spec) {
      var type = spec[0], title = spec[1];
      if (may && may.indexOf(type) < 0) return;
      var fields = spec[2].filter(function (f) { return f[4] !== "ro" || me.role === "returning_officer"; });
      var form = el("form", { "class": "event", "data-type": type, id: "form-" + type, "aria-labelledby": "t-" + type, hidden: "" },
        [el("h3", { id: "t-" + type }, [title])].concat(fields.map(function (f) { return fieldFor(type, f, opts); }))
          .concat([el("button", { type: "submit" }, [title])]));
      form.addEventListener("submit", function (e) { e.preventDefault(); record(form, title); });
      $("forms").appendChild(form);
      action.appendChild(el("option", { value: type }, [title]));
    });
    show();
    built = true;
  }
  function show() {
    Array.prototype.forEach.call($("forms").children, function (f) { f.hidden = f.getAttribute("data-type") !== $("action").value; });
  }
  $("action").addEventListener("change", show);
  function record(form, title) {
    var ev = collect(form), button = form.querySelector("button[type=submit]");
    if (!ev) { say("msg", "The replacement is not valid JSON.", true); return; }
    button.disabled = true;
    call("POST", "/api/events", ev).then(function (r) {
      if (r.ok) {
        say("msg", "Recorded (" + title.toLowerCase() + ") as event " + r.body.seq + ".", false);
        Array.prototype.forEach.call(form.elements, function (c) {
          if (c.getAttribute("data-keep") || c.tagName === "BUTTON") return;
          if (c.type === "checkbox") c.checked = false; else if (c.tagName === "SELECT") c.selectedIndex = 0; else c.value = "";
        });
        refresh();
      } else {
        say("msg", (r.body && r.body.error) || "The server answered " + r.status + ".", true);
      }
    }, function () { say("msg", "The server cannot be reached: nothing was recorded.", true); })
      .then(function () { button.disabled = false; var f = first(form); if (f) f.focus(); });
  }

  // The dashboard.
  function chart(papers) {
    var NS = "http://www.w3.org/2000/svg", names = Object.keys(papers), row = 46;
    var max = Math.max.apply(null, [1].concat(names.map(function (n) { return papers[n]; })));
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("role", "img");
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", String(names.length * row + 4));
    svg.setAttribute("aria-label", "Papers per candidate so far: " +
      (names.map(function (n) { return n + " " + papers[n]; }).join(", ") || "none"));
    names.forEach(function (n, i) {
      var t = document.createElementNS(NS, "text"), r = document.createElementNS(NS, "rect");
      t.setAttribute("x", "0"); t.setAttribute("y", String(i * row + 16));
      t.textContent = n + ": " + papers[n];
      r.setAttribute("x", "0"); r.setAttribute("y", String(i * row + 22)); r.setAttribute("height", "16");
      r.setAttribute("width", (100 * papers[n] / max).toFixed(2) + "%");
      r.setAttribute("class", "bar");
      svg.appendChild(t); svg.appendChild(r);
    });
    return svg;
  }
  function render(st, ver, rej) {
    var papers = st.papers || {}, rec = st.reconciliation || {};
    $("area").textContent = st.area || "";
    $("phase").textContent = PHASES[st.phase] || st.phase;
    $("mode").textContent = st.mode || "";
    $("events").textContent = st.events;
    $("boxes").textContent = st.boxes ? st.boxes.verified + " of " + st.boxes.total : "";
    var boxes = ver ? ver.boxes : [];
    $("box-ids").textContent = "";
    boxes.forEach(function (b) { $("box-ids").appendChild(el("option", { value: b.box })); });
    var odd = boxes.filter(function (b) { return (b.counted !== null && b.counted !== b.expected) || b.variance; });
    $("ver-summary").textContent = (st.boxes ? st.boxes.verified + " of " + st.boxes.total + " boxes verified" : "No boxes") +
      (ver && ver.complete ? "; verification complete." : ".") + " " +
      (odd.length ? odd.length + (odd.length === 1 ? " discrepancy:" : " discrepancies:") : "No discrepancies.");
    put("discrepancies", odd.length ? table(["Box", "Station", "Expected", "Counted", "Verified", "Variance", "Explanation"],
      odd.map(function (b) {
        var v = b.variance !== null ? b.variance : b.counted - b.expected;
        return [b.box, b.station, b.expected, b.counted, b.verified === null ? "not yet" : b.verified,
                (v > 0 ? "+" : "") + v, b.explanation || (b.compensating ? "balanced within its polling place" : "")];
      })) : null);
    put("chart", chart(papers));
    put("rejected", rej ? table(["Head", "Papers", "Objected to"], rej.heads.map(function (h) { return [h.label, h.papers, h.objected]; })
      .concat([["Total", rej.total, rej.objected]])) : null);
    // Doubtful papers: the decisions among the events the stream has brought.
    var fixed = {};
    decisions.forEach(function (e) { if (e.type === "correction") fixed[e.corrects] = e.seq; });
    var doubt = decisions.filter(function (e) { return e.type === "doubtful_decided"; });
    put("doubtful", doubt.length ? table(["Event", "Decision", "For or under", "Objected"], doubt.map(function (d) {
        var head = rej && rej.heads.filter(function (h) { return h.head === d.head; })[0];
        return [d.seq, d.decision + (fixed[d.seq] ? " (corrected by event " + fixed[d.seq] + ")" : ""),
                d.decision === "counted" ? d.candidate : head ? head.label : words(d.head || ""), d.objected ? "yes" : "no"];
      })) : el("p", {}, ["No doubtful papers decided yet."]));
    var pend = st.requests_pending || [], done = st.requests_settled || [];
    put("requests", el("div", {}, [
      el("p", {}, [pend.length ? pend.length + " pending:" : "No requests pending."]),
      pend.length ? el("ul", { id: "pending" }, pend.map(function (q) { return el("li", {}, ["Event " + q.seq + ": " + words(q.kind) + " asked for by " + q.by + " (" + words(q.role) + ")"]); })) : el("span"),
      done.length ? el("ul", { "class": "settled" }, done.map(function (q) { return el("li", {}, ["Event " + q.seq + ": " + words(q.kind) + " by " + q.by + ": " + q.outcome]); })) : el("span")]));
    Array.prototype.forEach.call(document.querySelectorAll("select[data-requests]"), function (s) {
      fill(s, pend.filter(function (q) { return q.kind === s.getAttribute("data-requests"); })
        .map(function (q) { return [q.seq, "Event " + q.seq + ": " + q.by]; }), "Choose a request");
    });
    put("reconciliation", el("dl", { "class": "facts" }, [
      el("dt", {}, ["Candidates' votes"]), el("dd", {}, [rec.candidate_votes]),
      el("dt", {}, ["Rejected papers"]), el("dd", {}, [rec.rejected]),
      el("dt", {}, ["Counted total"]), el("dd", {}, [rec.counted_total]),
      el("dt", {}, ["Verified total"]), el("dd", {}, [rec.verified_total === null ? "not yet" : rec.verified_total]),
      el("dt", {}, ["Difference"]), el("dd", {}, [rec.difference === null ? "not yet" : rec.difference]),
      el("dt", {}, ["Explanation"]), el("dd", {}, [rec.explanation || "none"])]));
    var res = st.result, card = $("result-card");
    card.hidden = !res && st.phase !== "provisional";
    if (res) {
      $("result-h").textContent = "Declared result";
      put("result", el("div", {}, [el("p", { "class": "headline" }, [res.winners.join(", ") + " elected. Majority " + res.majority + "."]),
        table(["Candidate", "Party", "Votes", "Share %"], res.candidates.map(function (c) {
          return [c.name + (c.elected ? " (elected)" : ""), c.party || "", c.votes, c.share_percent];
        }))]));
    } else if (st.phase === "provisional") {
      $("result-h").textContent = "Provisional result";
      put("result", table(["Candidate", "Votes"], Object.keys(papers).sort(function (a, b) { return papers[b] - papers[a]; })
        .map(function (n) { return [n, papers[n]]; }).concat([["Rejected papers", rec.rejected]])));
    }
  }
  function refresh() {
    if (!me) return;
    if (busy) { again = true; return; }
    busy = true;
    Promise.all([call("GET", "/api/status"), call("GET", "/api/verification"), call("GET", "/api/rejected")])
      .then(function (r) {
        if (!me || r[0].status !== 200) return;
        if (!built && r[0].body.papers) build(r[0].body, r[2].ok ? r[2].body : null);
        render(r[0].body, r[1].ok ? r[1].body : null, r[2].ok ? r[2].body : null);
        $("dash").setAttribute("data-events", r[0].body.events);
      })
      .catch(function () { /* the server is restarting: the stream's next event tries again */ })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  // The stream of events (docs/api.md): each one moves the views on. The
  // views are fetched at most twice at once however fast events come (busy
  // and again above), so a backlog of thousands costs a few fetches.
  function follow() {
    if (stream) return;
    stream = new EventSource("/api/events");
    stream.onmessage = function (m) {
      var line = JSON.parse(m.data), e = line.event;
      if (e.seq <= seen) return;
      seen = e.seq;
      if (e.type === "doubtful_decided" || e.type === "correction") decisions.push(e);
      $("dash").setAttribute("data-streamed", seen);
      refresh();
    };
    stream.onerror = function () {
      // EventSource tries again by itself while it can (CONNECTING); it
      // gives up (CLOSED) on an answer that is not a stream, such as the 401
      // of a session that has ended: ask the session, which signs out then.
      if (stream && stream.readyState === EventSource.CLOSED) {
        stream = null;
        // Another refusal (503: the count cannot be read): try again as
        // EventSource would, after its retry interval.
        call("GET", "/api/session").then(function (r) {
          if (r.ok && me) setTimeout(function () { if (me) follow(); }, 2000);
          else if (r.status === 401 && me) signedOut("Your session has ended: sign in again.");
        });
      }
    };
  }

  call("GET", "/api/session").then(function (r) { if (r.ok) signedIn(r.body); else signedOut(); }, function () { signedOut(); });
})();
