#!/usr/bin/env node
// Save-to-reload latency of "katalog serve", measured in Chromium.
//
//   node bench/serve/reload.mjs [-n 50] [-bin /path/to/katalog] [-src DIR] [-page /cases/ombold-fodbold/]
//   node bench/serve/reload.mjs -tool hugo -src CORPUS/hugo -page /cases/<slug>/ [-n 50]
//
// It copies the site (default: the repository's content/, layouts/ and
// assets/) to a temporary folder, starts "katalog serve" on a free loopback
// port and opens a case page in headless Debian chromium. Then, n times:
//
//   page: atomically save the case's markdown with a new last paragraph and
//         time from just before the rename to DOMContentLoaded of the
//         reloaded page that contains it (the browser has the new DOM);
//   css:  append a rule to the last stylesheet and time from the write to
//         the moment the new rule applies, without a navigation.
//
// With -tool hugo it measures "hugo server" (its defaults, live reload
// included) on a Hugo site instead, pages only.
//
// Both clocks are the machine's wall clock (Date.now() in node, timeOrigin +
// performance.now() in the page). Prints median, p95, min and max in ms,
// and the same for the rebuild times the server logs, so that the share of
// the generator and of the serving can be told apart.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cp, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { launch } = await import(pathToFileURL(join(ROOT, 'browsertest/lib.mjs')).href);

const opt = { n: 50, bin: '', src: ROOT, page: '/cases/ombold-fodbold/', tool: 'katalog', timeout: 60000 };
for (let i = 2; i < process.argv.length; i += 2) opt[process.argv[i].replace(/^-+/, '')] = process.argv[i + 1];
opt.n = Number(opt.n);
opt.timeout = Number(opt.timeout); // longest wait for one save to show, in ms

async function freePort() {
  const srv = createServer();
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return `median ${q(0.5)} ms  p95 ${q(0.95)} ms  min ${s[0]} ms  max ${s[s.length - 1]} ms  (n=${s.length})`;
}

const hugo = opt.tool === 'hugo';
const site = await mkdtemp(join(tmpdir(), 'katalog-bench-site-'));
if (hugo) {
  await cp(opt.src, site, { recursive: true });
} else {
  for (const d of ['content', 'layouts', 'assets']) await cp(join(opt.src, d), join(site, d), { recursive: true });
}
let bin = opt.bin;
if (!bin && !hugo) {
  bin = join(site, 'katalog');
  execFileSync('go', ['build', '-o', bin, './cmd/katalog'], { cwd: ROOT, stdio: 'inherit' });
}
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server = hugo
  ? spawn('hugo', ['server', '--bind', '127.0.0.1', '--port', String(port)], { cwd: site, stdio: ['ignore', 'pipe', 'inherit'] })
  : spawn(bin, ['serve', '-src', site, '-addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] });
const ready = hugo ? 'Web Server is available at' : 'Serverer kataloget på';
let log = '';
await new Promise((ok, fail) => {
  server.stdout.on('data', (c) => { log += c; if (log.includes(ready)) ok(); });
  server.on('exit', (code) => fail(new Error(`${opt.tool} server exited with ${code}\n${log}`)));
});

// measureCSS appends a rule to the last stylesheet n times and returns the
// times from each write to the rule applying, failing if the page reloads.
async function measureCSS(page) {
  const cssDir = join(site, 'assets/css');
  const css = join(cssDir, (await readdir(cssDir)).filter((n) => n.endsWith('.css')).sort().pop());
  const sheet = await readFile(css, 'utf8');
  const times = [];
  for (let i = 0; i < opt.n; i++) {
    const width = `${(i % 9) + 1}px`;
    const applied = page.evaluate((w) => new Promise((ok) => {
      const check = () => getComputedStyle(document.body).borderTopWidth === w;
      const done = () => ok(performance.timeOrigin + performance.now());
      if (check()) return done();
      new MutationObserver((_, obs) => {
        for (const l of document.querySelectorAll('link[rel~="stylesheet"]')) {
          l.addEventListener('load', () => { if (check()) { obs.disconnect(); done(); } });
        }
      }).observe(document.head, { childList: true });
    }), width);
    await page.waitForTimeout(20); // the observer is in place
    const t0 = Date.now();
    await writeFile(css, `${sheet}\nbody { border-top: ${width} solid #123456; }\n`);
    times.push(Math.round((await applied) - t0));
    if (await page.evaluate(() => window.benchDOM === undefined)) throw new Error('the page reloaded on a CSS change');
    await page.waitForTimeout(150);
  }
  await writeFile(css, sheet);
  return times;
}

const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => { window.benchDOM = performance.timeOrigin + performance.now(); });
  });
  await page.goto(url + opt.page);
  await page.waitForTimeout(500); // let the event stream connect

  const slug = opt.page.split('/').filter(Boolean).pop();
  const md = join(site, 'content/cases', `${slug}.md`);
  const original = await readFile(md, 'utf8');
  const pageTimes = [];
  for (let i = 0; i < opt.n; i++) {
    const marker = `Benchmærke ${i} ${Date.now()}`;
    const tmp = join(dirname(md), `.bench-${i}.tmp`);
    await writeFile(tmp, `${original}\n\n${marker}\n`);
    const t0 = Date.now();
    await rename(tmp, md);
    await page.waitForFunction((m) => document.body && document.body.innerText.includes(m), marker, { timeout: opt.timeout });
    pageTimes.push(Math.round((await page.evaluate(() => window.benchDOM)) - t0));
    await page.waitForTimeout(150); // an editor does not save 20 times a second
  }

  const cssTimes = hugo ? [] : await measureCSS(page);
  await writeFile(md, original);

  console.log(`site: ${opt.src === ROOT ? 'shipped site' : opt.src}${hugo ? ' (hugo server)' : ''}, page ${opt.page}`);
  if (!hugo) {
    const builds = [...log.matchAll(/Genopbygget på (\d+) ms/g)].map((m) => Number(m[1]));
    console.log(`rebuilds as logged by the server:  ${stats(builds)}`);
  }
  console.log(`save → new DOM:  ${stats(pageTimes)}`);
  if (!hugo) console.log(`CSS save → applied without reload:  ${stats(cssTimes)}`);
} finally {
  await browser.close();
  server.kill('SIGINT');
  await new Promise((ok) => server.on('exit', ok));
  await rm(site, { recursive: true, force: true });
}
