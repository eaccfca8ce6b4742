// The central service's results page (GET /) in Chromium, driven by
// playwright-core, while `tally central simulate` replays an election.
// Started by tests/web/live, which makes the PostgreSQL databases and the
// tokens. Plain node: prints "ok"/"not ok" lines and "N passed, N failed";
// exits 1 on a failure, 77 (CTest's skip) when the 2019 data is absent
// (after checking what needs no data).
//
// 1. Names that are markup (a candidate called <script>..., a party called
//    <img onerror=...>, a constituency called <b>Bold</b>ton) are shown as
//    those characters, and none of them runs.
// 2. The general election of 12 December 2019 replayed into a page opened
//    before the first declaration, with the service killed and restarted
//    part-way: the page follows by itself (no reload), resumes its event
//    stream, shows each of the 650 declarations once, 650 of 650 declared,
//    and the official seats (House of Commons Library, CBP 8749: Con 365,
//    Lab 202, SNP 48, LD 11, DUP 8, SF 7, PC 4, SDLP 2, Green 1, Alliance 1,
//    Speaker 1), which are checked against the winners in the data's own
//    constituencies file too.
// Nothing here passes or fails on elapsed time: every wait ends on what the
// page shows or a process does; a hang is CTest's TIMEOUT to catch.
// Usage: node live.spec.mjs TALLY ARTIFACTS HOSTILE_PG HOSTILE_DIR HOSTILE_TOKENS
//                           NIGHT_PG GE_DIR|"" NIGHT_TOKENS
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const CHROMIUM = "/usr/bin/chromium";
const [tally, artifacts, hostilePg, hostileDir, hostileTokens, nightPg, geDir, nightTokens] =
  process.argv.slice(2);
const { chromium } = await import("playwright-core");
fs.mkdirSync(artifacts, { recursive: true });

let pass = 0, fail = 0;
function ok(name) { pass++; console.log(`ok - ${name}`); }
function no(name, why) { fail++; console.log(`not ok - ${name}`); if (why) console.log(`  # ${String(why).split("\n").join("\n  # ")}`); }
function check(name, cond, why) { if (cond) ok(name); else no(name, why); }

// tally central serve, resolved once it prints where it serves.
const servers = [];
function serve(pg, listen = "127.0.0.1:0") {
  const p = spawn(tally, ["central", "serve", "--pg", pg, "--listen", listen, "--heartbeat", "86400"],
                  { stdio: ["ignore", "pipe", "pipe"] });
  servers.push(p);
  p.err = "";
  p.stderr.on("data", (d) => { p.err += d; });
  p.base = new Promise((resolve, reject) => {
    let out = "";
    p.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/^serving central results at (http:\/\/[^/\s]+)\/$/m);
      if (m) resolve(m[1]);
    });
    p.on("exit", (code) => reject(new Error(`central serve exited (${code}): ${p.err}`)));
  });
  p.base.catch(() => {});
  return p;
}
function stop(p, signal = "SIGTERM") {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve([p.exitCode, p.signalCode]);
  const exited = new Promise((r) => p.once("exit", (code, sig) => r([code, sig])));
  p.kill(signal);
  return exited;
}
// A command run to its end: [exit status, stdout, stderr].
function run(args) {
  return new Promise((resolve) => {
    const p = spawn(tally, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    p.stdout.on("data", (d) => { out += d; });
    p.stderr.on("data", (d) => { err += d; });
    p.on("exit", (code) => resolve([code, out, err]));
  });
}

let browser = null;
async function open(base) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(0); // no time limit: see the top of this file
  page.problems = [];
  page.loads = 0;
  page.on("load", () => { page.loads++; });
  page.on("pageerror", (e) => page.problems.push(`script error: ${e.message}`));
  page.on("console", (m) => { if (/Content.Security.Policy/i.test(m.text())) page.problems.push(m.text()); });
  page.on("dialog", (d) => { page.problems.push(`a dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(base + "/");
  return page;
}
const declared = (page, n) => page.waitForFunction(
  (k) => document.getElementById("progress").dataset.declared === String(k), n);

// The data's own winners: "first party" (column 13) of constituencies.csv.
function dataWinners(dir) {
  const text = fs.readFileSync(path.join(dir, "constituencies.csv"), "utf8");
  const counts = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const f = [];
    let cur = "", q = false;
    for (const ch of line) {
      if (ch === '"') q = !q;
      else if (ch === "," && !q) { f.push(cur); cur = ""; }
      else cur += ch;
    }
    f.push(cur);
    counts[f[12]] = (counts[f[12]] || 0) + 1;
  }
  return counts;
}

try {
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  });

  // 1. Hostile names.
  {
    const srv = serve(hostilePg);
    const base = await srv.base;
    const page = await open(base);
    await page.waitForFunction(() => document.getElementById("progress").dataset.constituencies === "1");
    const [rc, , err] = await run(["central", "simulate", "--from-uk-parliament", hostileDir, "--to", base,
                                   "--tokens", hostileTokens]);
    check("the hostile constituency is published", rc === 0, err);
    await declared(page, 1);
    await page.waitForSelector("#results li");
    const seen = await page.evaluate(() => ({
      pwned: window.pwned,
      winner: document.querySelector("#results li .winner").textContent,
      area: document.querySelector("#results li .area").textContent,
      party: document.querySelector("#parties tr").textContent,
      scripts: document.querySelectorAll("body script").length,
      imgs: document.querySelectorAll("img").length,
      bold: document.querySelectorAll("main b").length
    }));
    check("a candidate called <script>...</script> is shown as those characters",
          seen.winner === "<script>window.pwned=1</script> Smith (<img src=x onerror=window.pwned=2>)", seen.winner);
    check("  a constituency called <b>Bold</b>ton too", seen.area === "<b>Bold</b>ton", seen.area);
    check("  and a party called <img onerror=...> in the party table",
          seen.party.includes("<img src=x onerror=window.pwned=2>"), seen.party);
    check("  none of them became markup, and nothing ran",
          seen.pwned === undefined && seen.scripts === 0 && seen.imgs === 0 && seen.bold === 0, JSON.stringify(seen));
    check("  no script errors or policy violations", page.problems.length === 0, page.problems.join("\n"));
    await page.screenshot({ path: path.join(artifacts, "live-hostile.png"), fullPage: true });
    await page.context().close();
    const [code] = await stop(srv);
    check("  the service stops cleanly", code === 0, srv.err);
  }

  if (!geDir) {
    console.log("skipped: the 2019 general election needs ../shared/data (uk/parliament/58)");
  } else {
    // 2. The general election, live.
    let srv = serve(nightPg);
    const base = await srv.base;
    const page = await open(base);
    await page.waitForFunction(() => document.getElementById("progress").dataset.constituencies === "650");
    check("before the first declaration: 0 of 650 declared",
          (await page.locator("#progress").innerText()).replace(/\s+/g, " ").startsWith("0 of 650 declared, 650 to come"));
    await page.evaluate(() => { window.sameDocument = true; });

    const args = ["central", "simulate", "--from-uk-parliament", geDir, "--to", base, "--tokens", nightTokens];
    const first = run(args);
    // Part-way through, the service is killed and started again on its port:
    // the page's stream is cut, and must resume from the last id it saw.
    await page.waitForFunction(() => Number(document.getElementById("progress").dataset.declared) >= 100);
    await stop(srv, "SIGKILL");
    srv = serve(nightPg, base.replace("http://", ""));
    await srv.base;
    ok("the service killed part-way through the night, and started again");
    let [rc, out, err] = await first;
    // A count centre that found the service away may have given up (exit 3,
    // "run again"): run again, as its message says, until all are stored.
    for (let i = 0; rc === 3 && i < 5; i++) [rc, out, err] = await run(args);
    check("every count centre published (the replay run again if it had to be)", rc === 0,
          `${rc}\n${out.split("\n").slice(-2).join("\n")}\n${err}`);

    await declared(page, 650);
    ok("the page reaches 650 declared by itself");
    const seen = await page.evaluate(() => {
      const seats = {};
      for (const tr of document.querySelectorAll("#parties tr"))
        seats[tr.dataset.partyCode] = Number(tr.querySelector(".seats").textContent);
      const ids = [...document.querySelectorAll("#results li")].map((li) => li.dataset.constituency);
      return { seats, items: ids.length, distinct: new Set(ids).size, same: window.sameDocument === true,
               progress: document.getElementById("progress").innerText.replace(/\s+/g, " "),
               bars: [...document.querySelectorAll("#seatbar rect[data-party]")].map((r) => r.dataset.party) };
    });
    check("  650 of 650 declared, none to come", seen.progress.startsWith("650 of 650 declared, 0 to come"), seen.progress);
    check("  without reloading: the stream resumed after the restart", seen.same && page.loads === 1,
          `same document ${seen.same}, loads ${page.loads}`);
    check("  each declaration listed once", seen.items === 650 && seen.distinct === 650,
          `${seen.items} items, ${seen.distinct} distinct`);
    const official = { Con: 365, Lab: 202, SNP: 48, LD: 11, DUP: 8, SF: 7, PC: 4, SDLP: 2, Green: 1, APNI: 1, Spk: 1 };
    const won = Object.fromEntries(Object.entries(seen.seats).filter(([, n]) => n > 0));
    check("  the official seats: Con 365, Lab 202, SNP 48, LD 11, DUP 8, SF 7, PC 4, SDLP 2, Green 1, Alliance 1, Speaker 1",
          JSON.stringify(won) === JSON.stringify(official), JSON.stringify(won));
    const own = dataWinners(geDir);
    check("  which are the winners in the data's own constituencies file",
          Object.keys(official).every((k) => own[k] === official[k]) && Object.keys(own).length === 11, JSON.stringify(own));
    check("  the seat bar holds the 11 parties with seats, most first",
          JSON.stringify(seen.bars) === JSON.stringify(Object.keys(official)), JSON.stringify(seen.bars));
    check("  no script errors or policy violations", page.problems.length === 0, page.problems.join("\n"));
    await page.screenshot({ path: path.join(artifacts, "live-2019.png"), fullPage: false });
    const narrow = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const small = await narrow.newPage();
    small.setDefaultTimeout(0);
    await small.goto(base + "/");
    await declared(small, 650);
    check("at 390 px the page does not scroll sideways",
          await small.evaluate(() => document.documentElement.scrollWidth <= 390));
    await small.screenshot({ path: path.join(artifacts, "live-2019-390.png") });
    await narrow.close();
    const [code] = await stop(srv);
    check("the service stops cleanly, streams open", code === 0, srv.err);
    console.log(`  # screenshots in ${artifacts}: live-hostile.png, live-2019.png, live-2019-390.png`);
  }
} catch (e) {
  no("the run finished", e && e.stack ? e.stack : e);
} finally {
  if (browser) await browser.close().catch(() => {});
  for (const s of servers) await stop(s);
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : geDir ? 0 : 77);
