// One election night through the central service, measured (bench/central
// starts it, with a fresh PostgreSQL database and the tokens):
//   `tally central serve` on the database; the results page (GET /) open in
//   Chromium (playwright-core), and CLIENTS other Server-Sent Events clients
//   on /events, all connected and caught up before the first push; then
//   `tally central simulate --timings` publishes the 650 declarations of the
//   2019 general election through HTTP, 8 at a time.
// Measured, on one clock (CLOCK_REALTIME: simulate's microseconds, the
// page's and node's performance.timeOrigin + now()):
//   total: from the first push sent to the last of: every declaration shown
//     on the page (its <li>), the page's count at 650 of 650, and every
//     declaration delivered to every SSE client;
//   publish-to-page: for each declaration, from its push sent to its <li> on
//     the page (p50, p99, max);
//   publish-to-client: the same to each SSE client, over every client and
//     declaration (p50, p99, max);
//   held: clients still connected at the end with all 650.
// Prints one line of JSON. Nothing here is a test: it fails (exit 1) only
// when the night does not complete (a push refused, a client cut).
// Usage: node central.mjs TALLY PG_URL GE_DIR TOKENS CLIENTS
import { spawn } from "node:child_process";
import http from "node:http";
import { performance } from "node:perf_hooks";

const [tally, pg, ge, tokens, nclients] = process.argv.slice(2);
const CLIENTS = Number(nclients);
const now = () => performance.timeOrigin + performance.now();
const { chromium } = await import("playwright-core");

function fail(why) { console.error(`bench/central: ${why}`); process.exit(1); }

const srv = spawn(tally, ["central", "serve", "--pg", pg, "--listen", "127.0.0.1:0",
                          "--heartbeat", "86400"], { stdio: ["ignore", "pipe", "inherit"] });
srv.on("exit", (code) => { if (!done) fail(`central serve exited (${code})`); });
let done = false;
const base = await new Promise((resolve) => {
  let out = "";
  srv.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/^serving central results at (http:\/\/[^/\s]+)\/$/m);
    if (m) resolve(m[1]);
  });
});

// The SSE clients: each records when each event id arrives. Client 0 also
// reads which constituency each id is; the others only find "id: N" lines
// in the bytes (cheaply: the clients share this machine with the service).
const seqOf = new Map();         // constituency -> event id
const clients = [];
const ID = Buffer.from("\nid: "), LIVE = Buffer.from("\n: live\n");
function client(k) {
  return new Promise((resolve) => {
    const c = { at: new Map(), live: false, open: true };
    clients.push(c);
    const req = http.get(base + "/events", { agent: false, headers: { Accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) fail(`/events answered ${res.statusCode}`);
      let buf = "", tail = Buffer.alloc(0);
      res.on("data", (d) => {
        const t = now();
        if (k === 0) {
          buf += d.toString("utf8");
          let end;
          while ((end = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            if (block.startsWith(": live")) { c.live = true; resolve(); continue; }
            const id = /^id: (\d+)$/m.exec(block);
            if (!id) continue;
            c.at.set(Number(id[1]), t);
            seqOf.set(JSON.parse(/^data: (.*)$/m.exec(block)[1]).constituency, Number(id[1]));
          }
          return;
        }
        // Every event begins "id: N" after a blank line; keep the last few
        // bytes so that one split across two reads is still found.
        const b = tail.length ? Buffer.concat([tail, d]) : d;
        if (!c.live && b.indexOf(LIVE) >= 0) { c.live = true; resolve(); }
        let i = 0, last = 0;
        while ((i = b.indexOf(ID, i)) >= 0) {
          let j = i + ID.length, n = 0;
          while (j < b.length && b[j] >= 48 && b[j] <= 57) n = n * 10 + b[j++] - 48;
          if (j === b.length) break; // the number may go on in the next read
          c.at.set(n, t);
          last = i = j;
        }
        tail = b.subarray(Math.max(last, b.length - 32));
      });
      res.on("close", () => { c.open = false; });
    });
    req.on("error", (e) => { c.open = false; if (!done) fail(`an SSE client: ${e.message}`); });
  });
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
});
const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
page.setDefaultTimeout(0);
// The page's own record: when each <li> appears, and when the count of
// declared reaches 650.
await page.addInitScript(() => {
  const clock = () => performance.timeOrigin + performance.now();
  window.benchShown = {};
  window.benchAll = 0;
  new MutationObserver((records) => {
    const t = clock();
    for (const r of records) {
      for (const n of r.addedNodes)
        if (n.nodeType === 1 && n.matches("li[data-constituency]") &&
            !(n.dataset.constituency in window.benchShown))
          window.benchShown[n.dataset.constituency] = t;
      if (r.type === "attributes" && r.target.id === "progress" &&
          r.target.dataset.declared === "650" && !window.benchAll)
        window.benchAll = t;
    }
  }).observe(document, { childList: true, subtree: true, attributes: true,
                         attributeFilter: ["data-declared"] });
});
await page.goto(base + "/");
await page.waitForFunction(() => document.getElementById("link").textContent === "Live" &&
                                 document.getElementById("progress").dataset.constituencies === "650");

for (let k = 0; k < CLIENTS; k += 50)
  await Promise.all(Array.from({ length: Math.min(50, CLIENTS - k) }, (_, j) => client(k + j)));

const sent = new Map();          // constituency -> push sent (ms)
const sim = spawn(tally, ["central", "simulate", "--from-uk-parliament", ge, "--to", base,
                          "--tokens", tokens, "--timings"], { stdio: ["ignore", "pipe", "inherit"] });
let simOut = "";
sim.stdout.on("data", (d) => { simOut += d; });
const simRc = await new Promise((r) => sim.on("exit", r));
if (simRc !== 0) fail(`central simulate exited ${simRc}`);
for (const m of simOut.matchAll(/^timing (\S+) (\d+) (\d+)$/gm)) sent.set(m[1], Number(m[2]) / 1000);
if (sent.size !== 650) fail(`${sent.size} timings, not 650`);

await page.waitForFunction(() => Object.keys(window.benchShown).length === 650 && window.benchAll > 0);
while (clients.some((c) => c.open && c.at.size < 650)) await new Promise((r) => setTimeout(r, 20));
const shown = await page.evaluate(() => window.benchShown);
const all = await page.evaluate(() => window.benchAll);
const fs = await import("node:fs");
const rss = fs.readFileSync(`/proc/${srv.pid}/status`, "utf8").match(/^VmHWM:\s+(\d+)/m)[1];
const serveCpu = (() => { const f = fs.readFileSync(`/proc/${srv.pid}/stat`, "utf8").split(") ")[1].split(" ");
                          return (Number(f[11]) + Number(f[12])) * 10; })(); // ticks of 10 ms
const cpu0 = process.cpuUsage();
done = true;
await browser.close();
srv.kill("SIGTERM");

const pct = (v, p) => { v.sort((a, b) => a - b); return v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)]; };
const first = Math.min(...sent.values());
const toPage = [...sent].map(([id, t]) => shown[id] - t);
const toClient = [];
let last = Math.max(all, ...Object.values(shown));
for (const c of clients)
  for (const [id, t] of sent) {
    const a = c.at.get(seqOf.get(id));
    if (a === undefined) continue;
    toClient.push(a - t);
    if (a > last) last = a;
  }
if (process.env.BENCH_DUMP)
  fs.writeFileSync(process.env.BENCH_DUMP, [...sent].map(([id, t]) =>
    `${id} ${(t - first).toFixed(1)} ${(shown[id] - first).toFixed(1)}`).join("\n") + "\n");
const held = clients.filter((c) => c.open && c.at.size === 650).length;
const r1 = (x) => Math.round(x * 10) / 10;
console.log(JSON.stringify({
  clients: CLIENTS, held, total_ms: r1(last - first),
  page_p50_ms: r1(pct(toPage, 0.5)), page_p99_ms: r1(pct(toPage, 0.99)), page_max_ms: r1(pct(toPage, 1)),
  client_p50_ms: toClient.length ? r1(pct(toClient, 0.5)) : null,
  client_p99_ms: toClient.length ? r1(pct(toClient, 0.99)) : null,
  client_max_ms: toClient.length ? r1(pct(toClient, 1)) : null,
  serve_peak_rss_kb: Number(rss), serve_cpu_ms: serveCpu,
  bench_cpu_ms: Math.round((cpu0.user + cpu0.system) / 1000)
}));
process.exit(0);
