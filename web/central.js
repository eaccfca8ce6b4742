// tally results: the central service's public page (GET /), kept live.
//
// Declarations arrive on /events (Server-Sent Events): the backlog first,
// then each one as it is stored. EventSource reconnects by itself after the
// stream's `retry` interval, sending the last id it saw (Last-Event-ID), so
// the page resumes where it stopped and misses nothing; an id already seen
// is ignored. The figures of the national picture (seats, votes, shares)
// are never worked out here: after each declaration the page asks
// /api/national again (one request at a time, the last one after the last
// declaration), and shows what the service computed, exactly.
//
// Every name comes from a count centre, so it is put into the page as text
// (textContent, createTextNode, SVG <title> text), never as markup.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  // Colours by party code; any other party is grey. Contrast is not needed
  // for meaning: every colour sits beside the party's name.
  var COLOURS = {
    Con: "#0087dc", Lab: "#d50000", SNP: "#fdf38e", LD: "#faa61a", DUP: "#d46a4c",
    SF: "#326760", PC: "#005b54", SDLP: "#2aa82c", Green: "#6ab023", APNI: "#f6cb2f",
    Alliance: "#f6cb2f", Spk: "#ffffff", BRX: "#12b6cf", UUP: "#48a5ee", Ind: "#c0c0c0"
  };
  var UNDECLARED = "#e4e4e4";

  var seen = {};        // declaration number -> 1
  var items = {};       // constituency -> its <li>
  var national = null;  // the last /api/national
  var inflight = false, again = false;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function colour(code) { return (code && COLOURS[code]) || "#9a9a9a"; }
  function grouped(n) { return Number(n).toLocaleString("en-GB"); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function swatch(code) {
    var s = el("span", "swatch");
    s.style.background = colour(code);
    s.setAttribute("aria-hidden", "true");
    return s;
  }

  function showNational(n) {
    national = n;
    var p = $("progress");
    p.setAttribute("data-declared", n.declared);
    p.setAttribute("data-constituencies", n.constituencies);
    $("declared").textContent = grouped(n.declared);
    $("constituencies").textContent = grouped(n.constituencies);
    $("undeclared").textContent = grouped(n.undeclared);
    $("majority").textContent = grouped(n.majority_needed);
    seatBar(n);
    partyTable(n);
  }

  // One bar, every seat of the House: each party's seats in turn, then the
  // undeclared, with a line at a majority.
  function seatBar(n) {
    var bar = $("seatbar"), total = n.constituencies || 1, x = 0;
    var title = bar.querySelector("title");
    clear(bar);
    bar.appendChild(title);
    n.parties.forEach(function (p) {
      if (!p.seats) return;
      var w = (p.seats * 1000) / total;
      var r = svg("rect", { x: x, y: 8, width: w, height: 40, fill: colour(p.party),
                            stroke: "#555", "stroke-width": 0.5, "data-party": p.party });
      var t = svg("title", {});
      t.textContent = (p.name || p.party || "Independent") + ": " + p.seats + " seats";
      r.appendChild(t);
      bar.appendChild(r);
      x += w;
    });
    if (x < 1000) bar.appendChild(svg("rect", { x: x, y: 8, width: 1000 - x, height: 40, fill: UNDECLARED }));
    var m = (n.majority_needed * 1000) / total;
    bar.appendChild(svg("line", { x1: m, y1: 2, x2: m, y2: 54, stroke: "#1b1b1b", "stroke-width": 3 }));
    var label = svg("text", { x: Math.min(m + 6, 900), y: 62, "font-size": 11, fill: "#1b1b1b" });
    label.textContent = "majority " + n.majority_needed;
    bar.appendChild(label);
  }

  function partyTable(n) {
    var body = $("parties");
    clear(body);
    n.parties.forEach(function (p) {
      var tr = el("tr");
      tr.setAttribute("data-party-code", p.party || "");
      var name = el("td");
      name.appendChild(swatch(p.party));
      name.appendChild(document.createTextNode(p.name || p.party || "Independent"));
      tr.appendChild(name);
      var seats = el("td", "n seats", p.seats);
      tr.appendChild(seats);
      tr.appendChild(el("td", "n", grouped(p.votes)));
      tr.appendChild(el("td", "n", p.share_percent + "%"));
      var cell = el("td", "bar-cell"), s = svg("svg", { viewBox: "0 0 100 10", preserveAspectRatio: "none",
                                                         "aria-hidden": "true" });
      // The width is for the eye only: the figure beside it is the service's.
      s.appendChild(svg("rect", { x: 0, y: 0, width: parseFloat(p.share_percent) || 0, height: 10,
                                  fill: colour(p.party) }));
      cell.appendChild(s);
      tr.appendChild(cell);
      body.appendChild(tr);
    });
  }

  function refresh() {
    if (inflight) { again = true; return; }
    inflight = true;
    fetch("/api/national", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (n) {
        if (n) showNational(n);
        return n ? 0 : 1;
      }, function () { return 1; })
      .then(function (failed) {
        inflight = false;
        // The service is away (restarting): ask again in a second, not at once.
        if (failed) setTimeout(refresh, 1000);
        else if (again) { again = false; refresh(); }
      });
  }

  // One declaration as a line of the list: the constituency, who was
  // elected, the majority (the winner's votes less the runner-up's), and
  // hold or gain when the declaration says.
  function item(d, recount) {
    var li = el("li");
    li.setAttribute("data-constituency", d.constituency);
    var cands = d.candidates.slice().sort(function (a, b) { return b.votes - a.votes; });
    var elected = d.candidates.filter(function (c) { return c.elected; });
    var first = elected[0] || cands[0];
    li.appendChild(swatch(first && first.party_code));
    li.appendChild(el("strong", "area", d.name));
    li.appendChild(document.createTextNode(": "));
    li.appendChild(el("span", "winner", elected.map(function (c) {
      return c.name + " (" + (c.party || "Independent") + ")";
    }).join(", ")));
    if (typeof d.outcome === "string" && d.outcome) {
      li.appendChild(document.createTextNode(", "));
      li.appendChild(el("span", "outcome", d.outcome));
    }
    if (d.seats === 1 && cands.length > 1)
      li.appendChild(el("span", "how", ", majority " + grouped(cands[0].votes - cands[1].votes)));
    if (recount) li.appendChild(el("span", "how", " (after a recount)"));
    return li;
  }

  function onDeclaration(e) {
    if (seen[e.lastEventId]) return;
    seen[e.lastEventId] = 1;
    var d;
    try { d = JSON.parse(e.data); } catch (x) { return; }
    var li = item(d, e.type === "recount"), old = items[d.constituency], list = $("results");
    if (old) list.replaceChild(li, old);
    else list.insertBefore(li, list.firstChild);
    items[d.constituency] = li;
    $("latest").textContent = d.name + " declared";
    refresh();
  }

  var es = new EventSource("/events");
  es.addEventListener("declared", onDeclaration);
  es.addEventListener("recount", onDeclaration);
  es.onopen = function () { $("link").textContent = "Live"; };
  es.onerror = function () { $("link").textContent = "Reconnecting\u2026"; };
  refresh();
})();
