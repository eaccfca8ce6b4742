// The count centre in a browser: tally serve's /count driven through
// Chromium with playwright-core, from sign-in to the declaration, with the
// public page following by itself. Plain node, no test runner: prints
// "ok"/"not ok" lines and "N passed, N failed"; exits 1 on a failure and 77
// (CTest's skip) when node_modules/playwright-core or Chromium is missing.
// Nothing here passes or fails on elapsed time: every wait ends on what the
// page or the server shows, and a hang is CTest's TIMEOUT to catch. How
// quickly the pages follow the count is measured, and printed; with
// TALLY_WEB_LATENCY=FILE the figures are also written to FILE as JSON for
// bench/web, which holds them to their targets (make bench).
// Usage: node tests/web/count.spec.mjs TALLY [ARTIFACTS_DIR]
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const CHROMIUM = "/usr/bin/chromium";
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const tally = process.argv[2];
const artifacts = path.resolve(process.argv[3] || path.join(here, "artifacts"));

function skip(why) {
  console.log(`skipped: ${why}`);
  process.exit(77);
}
if (!tally) {
  console.error("usage: node count.spec.mjs TALLY [ARTIFACTS_DIR]");
  process.exit(2);
}
if (!fs.existsSync(path.join(root, "node_modules/playwright-core/package.json")))
  skip("node_modules/playwright-core is missing (npm ci --no-audit --no-fund)");
if (!fs.existsSync(CHROMIUM)) skip(`${CHROMIUM} is missing (apt-get install chromium)`);
const { chromium } = await import("playwright-core");

let pass = 0, fail = 0;
function ok(name) { pass++; console.log(`ok - ${name}`); }
function no(name, why) { fail++; console.log(`not ok - ${name}`); if (why) console.log(`  # ${String(why).split("\n").join("\n  # ")}`); }
function check(name, cond, why) { if (cond) ok(name); else no(name, why); }
async function step(name, fn) {
  try { await fn(); ok(name); } catch (e) { no(name, e && e.message ? e.message : e); }
}
function expect(cond, why) { if (!cond) throw new Error(why); }

// A small election: three candidates, bundles of 10.
const T = fs.mkdtempSync(path.join(os.tmpdir(), "tally-web-"));
const db = path.join(T, "count.db");
const election = {
  election: { name: "Testham by-election", date: "2024-05-02", type: "uk-parliament" },
  area: { name: "Testham" }, electorate: 120,
  candidates: [
    { name: "Ann Able", party: "Labour Party", party_code: "Lab" },
    { name: "Bob Best", party: "Conservative Party", party_code: "Con" },
    { name: "Cy Clay", party: "Liberal Democrats", party_code: "LD" }]
};
fs.writeFileSync(path.join(T, "election.json"), JSON.stringify(election));
fs.mkdirSync(artifacts, { recursive: true });
const password = (name) => `password for ${name}`;
const run = (args, input) => execFileSync(tally, args, { input, encoding: "utf8" });
const actorsNow = () => run(["count", "log", "--db", db, "--format", "jsonl"]).trim().split("\n").map((l) => JSON.parse(l).event);

let server = null, browser = null, serverErr = "";
const latency = {};
const pages = [];
try {
  run(["count", "open", "--db", db, "--election", path.join(T, "election.json"), "--mode", "test", "--bundle-size", "10"]);
  for (const [role, name] of [["returning_officer", "ro"], ["count_supervisor", "sup"],
                              ["election_agent", "agent"], ["candidate", "Bob Best"]])
    run(["user", "add", "--db", db, "--name", name, "--role", role], password(name) + "\n");
  ok("count opened and users added with tally");

  // tally serve on listen; resolves with its base URL once it says it is serving.
  const serve = (listen) => {
    server = spawn(tally, ["serve", "--db", db, "--listen", listen], { stdio: ["ignore", "pipe", "pipe"] });
    server.stderr.on("data", (d) => { serverErr += d; });
    return new Promise((resolve, reject) => {
      let out = "";
      server.stdout.on("data", (d) => {
        out += d;
        const m = out.match(/^serving .* at (http:\/\/[^/\s]+)\/$/m);
        if (m) resolve(m[1]);
      });
      server.on("exit", (code) => reject(new Error(`tally serve exited (${code}): ${serverErr}`)));
    });
  };
  const base = await serve("127.0.0.1:0");
  ok(`tally serve listens at ${base}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    // playwright-core gives each launch a new, empty --user-data-dir.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  });

  async function open(who, viewport, url = "/count") {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(0); // no time limit: see the top of this file
    page.problems = [];
    page.loads = 0;
    page.on("load", () => { page.loads++; });
    page.on("pageerror", (e) => page.problems.push(`script error: ${e.message}`));
    page.on("console", (m) => {
      // Chromium logs every 4xx as "Failed to load resource": the refusals are expected.
      if (m.type() === "error" && !/Failed to load resource/.test(m.text())) page.problems.push(m.text());
    });
    page.who = who;
    // What the page asks the server, and the Last-Event-ID of each stream it opens.
    page.asked = [];
    page.on("request", (r) => {
      const u = new URL(r.url());
      // (allHeaders: the headers as sent, which EventSource's Last-Event-ID is among)
      page.asked.push({ method: r.method(), path: u.pathname, type: r.resourceType(),
                        lastId: r.allHeaders().then((h) => h["last-event-id"], () => undefined) });
    });
    pages.push(page);
    await page.goto(base + url);
    return page;
  }
  async function signIn(page, name) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Password", { exact: true }).fill(password(name));
    await page.getByLabel("Password", { exact: true }).press("Enter");
    await page.locator("#who-name", { hasText: name }).waitFor();
    await page.locator("#action option").first().waitFor({ state: "attached" });
  }
  // Record one event through its form: fields are [label, value]; a
  // boolean ticks a box. Submitted with Enter on the focused submit button.
  // Returns the server's answer once the page has shown it.
  async function record(page, type, fields = [], beforeSubmit = null) {
    await page.selectOption("#action", type);
    const form = page.locator(`#form-${type}`);
    await form.waitFor();
    for (const [label, value] of fields) {
      const c = form.getByLabel(label, { exact: true });
      const kind = await c.evaluate((e) => (e.type === "checkbox" ? "check" : e.tagName));
      if (kind === "SELECT") await c.selectOption(String(value));
      else if (kind === "check") await c.setChecked(!!value);
      else await c.fill(String(value));
    }
    if (beforeSubmit) await beforeSubmit();
    return submit(page, form, () => form.locator("button[type=submit]").press("Enter"));
  }
  async function submit(page, form, how) {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/events") && r.request().method() === "POST"),
      how()]);
    const body = await res.json().catch(() => ({}));
    const want = res.ok() ? `as event ${body.seq}.` : body.error;
    await page.waitForFunction((w) => document.getElementById("msg").textContent.includes(w), want);
    return { status: res.status(), body, msg: await page.locator("#msg").textContent() };
  }
  async function recorded(page, type, fields, beforeSubmit) {
    const r = await record(page, type, fields, beforeSubmit);
    expect(r.status === 201, `${type}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
  const text = (page, sel) => page.locator(sel).innerText();
  const waitText = (page, sel, want) =>
    page.waitForFunction(([s, w]) => { const e = document.querySelector(s); return e && e.innerText.includes(w); },
                         [sel, want], { timeout: 0 });

  // The public page, opened before anything is recorded, on a phone.
  const pub = await open("public", { width: 390, height: 844 }, "/");
  check("the public page shows the count in progress", /being verified|not yet opened/i.test(await pub.innerText("body")));

  // The returning officer signs in.
  const ro = await open("ro", { width: 1280, height: 900 });
  await step("the sign-in form is labelled and refuses a wrong password verbatim", async () => {
    await ro.getByLabel("Name", { exact: true }).fill("ro");
    await ro.getByLabel("Password", { exact: true }).fill("not the password");
    await ro.getByLabel("Password", { exact: true }).press("Enter");
    await waitText(ro, "#signin-msg", "wrong name or password");
  });
  await step("ro signs in and sees the dashboard", async () => {
    await signIn(ro, "ro");
    expect((await text(ro, "#phase")) === "Verification", `phase: ${await text(ro, "#phase")}`);
    expect((await text(ro, "#who-role")) === "returning officer", "role shown");
  });

  // Verification.
  await step("ro receives two boxes", async () => {
    await recorded(ro, "box_received", [["Box", "P1"], ["Kind", "postal"], ["Polling station or postal opening", "Postal opening 1"], ["Papers issued", 20]]);
    await recorded(ro, "box_received", [["Box", "S1"], ["Kind", "station"], ["Polling station or postal opening", "St Mary's Hall"],
      ["Polling place (optional)", "St Mary's"], ["Papers entrusted", 100], ["Papers issued", 30], ["Papers unused", 70], ["Papers spoilt", 0]]);
    await waitText(ro, "#boxes", "0 of 2");
  });
  await step("a box counted with the keyboard alone (Tab between fields, Enter records)", async () => {
    await ro.selectOption("#action", "box_counted");
    await ro.locator("#f-box_counted-box").focus();
    await ro.keyboard.type("P1");
    await ro.keyboard.press("Tab");
    await ro.keyboard.type("20");
    const r = await submit(ro, null, () => ro.keyboard.press("Enter"));
    expect(r.status === 201, JSON.stringify(r.body));
    expect(await ro.evaluate(() => document.activeElement.id) === "f-box_counted-box", "focus back on the form's first field");
  });
  await step("ro verifies box P1", async () => { await recorded(ro, "box_verified", [["Box", "P1"], ["Agreed figure", 20]]); });
  await step("a box counted one over shows as a discrepancy", async () => {
    await recorded(ro, "box_counted", [["Box", "S1"], ["Papers counted", 31]]);
    await waitText(ro, "#discrepancies", "+1");
    expect((await text(ro, "#ver-summary")).includes("1 discrepancy"), await text(ro, "#ver-summary"));
  });
  await step("the server's refusal is shown verbatim in the live region", async () => {
    const r = await record(ro, "box_verified", [["Box", "S1"], ["Agreed figure", 31]]);
    expect(r.status === 400, `status ${r.status}`);
    expect(r.msg === r.body.error && r.msg.startsWith("refused: "), `shown "${r.msg}", server said "${r.body.error}"`);
    expect(await ro.getAttribute("#msg", "aria-live") === "assertive", "aria-live");
  });
  await step("S1 counted again, verified; verification completed", async () => {
    await recorded(ro, "box_counted", [["Box", "S1"], ["Papers counted", 30]]);
    await recorded(ro, "box_verified", [["Box", "S1"], ["Agreed figure", 30]]);
    await recorded(ro, "verification_completed");
    await waitText(ro, "#boxes", "2 of 2");
    await waitText(ro, "#ver-summary", "No discrepancies");
    await waitText(ro, "#phase", "Counting the votes");
  });

  // The count: bundles and a doubtful paper.
  await step("ro records six bundles; the bar chart follows", async () => {
    const b = (who, size, part, shot) => recorded(ro, "bundle_recorded", [["Candidate", who], ["Papers in the bundle", size],
      ["Part bundle (fewer than the bundle size)", part], ["Table", "1"], ["Counted by", "A01"], ["Checked by", "A02"]], shot);
    await b("Ann Able", 10, false);
    await b("Ann Able", 10, false);
    await b("Ann Able", 5, true);
    await b("Bob Best", 10, false);
    await b("Bob Best", 8, true);
    await b("Cy Clay", 6, true, () => ro.locator("#entry").screenshot({ path: path.join(artifacts, "entry-form.png") }));
    await ro.waitForFunction(() => {
      const s = document.querySelector("#chart svg");
      return s && s.getAttribute("aria-label") === "Papers per candidate so far: Ann Able 25, Bob Best 18, Cy Clay 6";
    });
    const widths = await ro.$$eval("#chart svg rect", (rs) => rs.map((r) => r.getAttribute("width")));
    expect(widths.join(" ") === "100.00% 72.00% 24.00%", `bars ${widths}`);
  });
  await step("ro rejects a doubtful paper under a head (objected to)", async () => {
    await recorded(ro, "doubtful_decided", [["Decision", "rejected"], ["Rejected under (when rejected)", "unmarked_or_void"], ["Rejection objected to", true]]);
    await waitText(ro, "#rejected", "being unmarked or wholly void for uncertainty\t1\t1");
    await waitText(ro, "#doubtful", "rejected\tbeing unmarked or wholly void for uncertainty\tyes");
  });
  await step("the count completes, reconciled, and the provisional result is shown", async () => {
    await recorded(ro, "count_completed");
    await recorded(ro, "provisional_shown");
    await waitText(ro, "#result-h", "Provisional result");
    await waitText(ro, "#result", "Ann Able\t25");
    const rec = await text(ro, "#reconciliation");
    expect(/Counted total\s+50/.test(rec) && /Verified total\s+50/.test(rec) && /Difference\s+0/.test(rec), rec);
  });

  // The candidate asks for a recount; the dashboard of ro follows by itself.
  const cand = await open("Bob Best", { width: 640, height: 450 }); // 1280x900 at 200% zoom
  await step("the candidate signs in and may only ask for checks and recounts", async () => {
    await signIn(cand, "Bob Best");
    const types = await cand.$$eval("#action option", (os) => os.map((o) => o.value));
    expect(types.join(",") === "bundle_check_requested,recount_requested", types.join(","));
  });
  await step("the candidate asks for a recount; ro's dashboard shows it by itself", async () => {
    const r = await recorded(cand, "recount_requested");
    const t0 = Date.now();
    await waitText(ro, "#requests", "recount asked for by Bob Best");
    const ms = Date.now() - t0;
    latency.dashboard_ms = ms;
    console.log(`  # ro's dashboard showed the request ${ms} ms after it was stored (event ${r.body.seq})`);
  });
  await step("ro refuses the recount", async () => {
    const seq = await ro.$eval("#f-recount_refused-request option:nth-child(2)", (o) => o.value).catch(() => null);
    expect(seq, "the pending request is offered");
    await recorded(ro, "recount_refused", [["Request", seq], ["Reason", "the count was checked bundle by bundle"]]);
    await waitText(ro, "#requests", "No requests pending");
  });

  // An election agent: no declaration, and a forged one is refused.
  const agent = await open("agent", { width: 390, height: 844 });
  await step("an agent's dashboard has no declare form", async () => {
    await signIn(agent, "agent");
    expect(await agent.locator("#form-result_declared").count() === 0, "a declare form");
    expect(await agent.locator('#action option[value="result_declared"]').count() === 0, "a declare choice");
  });
  await step("a forged result_declared with the agent's session is 403 and changes nothing", async () => {
    const before = await agent.evaluate(async () => (await (await fetch("/api/status")).json()).events);
    const [status, body] = await agent.evaluate(async () => {
      const s = await (await fetch("/api/session")).json();
      const r = await fetch("/api/events", { method: "POST", body: JSON.stringify({ type: "result_declared" }),
                                             headers: { "Content-Type": "application/json", "X-CSRF-Token": s.csrf } });
      return [r.status, await r.text()];
    });
    const after = await agent.evaluate(async () => (await (await fetch("/api/status")).json()).events);
    expect(status === 403 && after === before, `${status} ${body}; events ${before} -> ${after}`);
  });
  await step("the agent's dashboard fits a 390px phone", async () => {
    await waitText(agent, "#phase", "Provisional");
    const w = await agent.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(w[0] <= w[1], `scrollWidth ${w[0]} > ${w[1]}`);
    await agent.screenshot({ path: path.join(artifacts, "dashboard-390.png"), fullPage: true });
  });

  // The declaration; the public page follows by itself.
  const loadsBefore = pub.loads;
  await step("ro declares; the public page shows the result by itself", async () => {
    await recorded(ro, "result_declared");
    const t0 = Date.now();
    await pub.waitForFunction(() => { const h = document.querySelector(".headline"); return h && /elected/.test(h.textContent); },
                              null, { timeout: 0 });
    latency.public_ms = Date.now() - t0;
    const headline = await pub.locator(".headline").innerText();
    expect(headline.startsWith("Ann Able (Lab) elected. Majority 7"), headline);
    console.log(`  # the public page showed "${headline}" ${Date.now() - t0} ms after the declaration`);
    expect(pub.loads > loadsBefore, "the page was not reloaded by live.js");
    await pub.screenshot({ path: path.join(artifacts, "public-390.png"), fullPage: true });
  });
  await step("ro's dashboard shows the declared result", async () => {
    await waitText(ro, "#result-h", "Declared result");
    await waitText(ro, "#phase", "Declared");
    await ro.screenshot({ path: path.join(artifacts, "dashboard.png"), fullPage: true });
  });

  // Accessibility and the CSP, on every signed-in page.
  for (const page of [ro, cand, agent]) {
    await step(`${page.who}: every control labelled, no inline script or handler`, async () => {
      const bad = await page.evaluate(() => {
        const out = [];
        document.querySelectorAll("input, select, textarea, button").forEach((c) => {
          const named = c.tagName === "BUTTON" ? c.textContent.trim() : (c.labels && c.labels.length) || c.getAttribute("aria-label");
          if (!named) out.push(`unlabelled ${c.tagName} ${c.id}`);
        });
        document.querySelectorAll("script:not([src])").forEach(() => out.push("inline script"));
        document.querySelectorAll("*").forEach((e) => {
          for (const a of e.attributes) if (/^on/i.test(a.name)) out.push(`handler ${a.name} on ${e.tagName}`);
        });
        return out;
      });
      expect(bad.length === 0, bad.join("; "));
    });
    await step(`${page.who}: text contrast at least 4.5:1`, async () => {
      const low = await page.evaluate(() => {
        const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
        const lum = (c) => {
          const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
        };
        const bg = (e) => {
          for (; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || c[3] > 0) return c;
          }
          return [255, 255, 255];
        };
        const out = [];
        document.querySelectorAll("body *").forEach((e) => {
          if (!e.offsetParent || ![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) return;
          const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < 4.5) out.push(`${e.tagName}#${e.id} "${e.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
        });
        return out;
      });
      expect(low.length === 0, low.join("; "));
    });
    await step(`${page.who}: no horizontal scrolling at ${page.viewportSize().width}px`, async () => {
      const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(w[0] <= w[1], `scrollWidth ${w[0]} > ${w[1]}`);
    });
  }
  await step("keyboard focus is visible", async () => {
    await ro.locator("#action").focus();
    await ro.keyboard.press("Shift+Tab");
    await ro.keyboard.press("Tab");
    const o = await ro.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return [document.activeElement.id, s.outlineStyle, s.outlineWidth, s.outlineColor];
    });
    expect(o[0] === "action" && o[1] === "solid" && parseFloat(o[2]) >= 2, o.join(" "));
  });
  await step("signing out returns to the sign-in form and ends the session", async () => {
    await cand.getByRole("button", { name: "Sign out" }).click();
    await cand.getByLabel("Name", { exact: true }).waitFor();
    const s = await cand.evaluate(async () => (await fetch("/api/status")).status);
    expect(s === 401, `status ${s}`);
  });
  // The dashboards follow the stream, never a timer on the whole log.
  for (const page of pages.filter((p) => p !== pub)) {
    const streams = page.asked.filter((a) => a.path === "/api/events" && a.method === "GET");
    const polled = page.asked.filter((a) => a.path === "/api/log" || a.path === "/api/public");
    check(`${page.who}: follows GET /api/events as an EventSource, and never asks for /api/log or /api/public`,
          streams.length > 0 && streams.every((a) => a.type === "eventsource") && polled.length === 0,
          JSON.stringify({ streams, polled: polled.slice(0, 3) }));
  }
  // A restart of the server: ro's EventSource connects again with the last
  // id it saw, and the dashboard gets the event appended while it was away.
  await step("after a restart of the server, ro's dashboard resumes from its last event id", async () => {
    const seen = Number(await ro.getAttribute("#dash", "data-streamed"));
    const streamsBefore = ro.asked.filter((a) => a.path === "/api/events" && a.method === "GET").length;
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
    const declared = actorsNow().filter((e) => e.type === "result_declared").pop().seq;
    const out = run(["count", "correct", "--db", db, "--event", String(declared), "--reason", "checked again"]);
    const missed = Number(out.split(" ")[1]);
    expect(missed === seen + 1, `appended ${out.trim()} after ${seen}`);
    await serve(new URL(base).host);
    await ro.waitForFunction((n) => document.getElementById("dash").getAttribute("data-streamed") === String(n), missed, { timeout: 0 });
    const again = await Promise.all(ro.asked.filter((a) => a.path === "/api/events" && a.method === "GET")
      .slice(streamsBefore).map((a) => a.lastId));
    expect(again.length > 0 && again.every((id) => id === String(seen)), `Last-Event-ID ${JSON.stringify(again)}, last seen ${seen}`);
  });
  for (const page of pages)
    check(`${page.who}: no script errors or CSP violations`, page.problems.length === 0, page.problems.join("\n"));

  // The record itself.
  const audit = run(["audit", "verify", db]);
  check("the audit passes", audit.startsWith("ok"), audit);
  const actors = actorsNow();
  const last = (t) => actors.filter((e) => e.type === t).pop() || {};
  check("the events are stored in the signed-in users' names",
        last("box_received").actor === "ro" && last("recount_requested").actor === "Bob Best" &&
        last("recount_requested").by === "Bob Best" && last("result_declared").actor === "ro",
        JSON.stringify([last("recount_requested"), last("result_declared")]));
  console.log(`  # screenshots in ${artifacts}: dashboard.png, entry-form.png, public-390.png, dashboard-390.png`);
} catch (e) {
  no("the run finished", e && e.stack ? e.stack : e);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", (code, sig) => r([code, sig])));
    server.kill("SIGTERM");
    const [code, sig] = await exited;
    check("tally serve stops cleanly on SIGTERM", code === 0, `exit ${code} ${sig || ""} ${serverErr}`);
  }
  if (process.env.TALLY_WEB_LATENCY) fs.writeFileSync(process.env.TALLY_WEB_LATENCY, JSON.stringify(latency) + "\n");
  fs.rmSync(T, { recursive: true, force: true });
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
