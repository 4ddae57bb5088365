// bench.mjs compares the catalogue's search with Pagefind on the same
// deterministic synthetic Danish site, in headless chromium, counting the
// bytes a local gzipping server sends. See README.md.
//
//   node bench.mjs [--sizes 100,1000,5000] [--out out]
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile, rm } from 'node:fs/promises';
import { join, extname, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean)
  .map((a) => a.trim().split(/\s+/)));
const SIZES = (args.sizes || '100,1000,5000').split(',').map(Number);
const OUT = resolve(args.out || join(HERE, 'out'));
const QUERIES = ['bolig', 'boliger', 'hjemløshed', 'kommunen', 'støtte', 'herberg', 'fællesskab',
  'indsats', 'viceværter', 'borgere', 'samarbejde', 'udlejning'];
const TYPED = 'boliger';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm' };

// serve serves dir on 127.0.0.1, gzipping text, and logs every response.
async function serve(dir) {
  const log = [];
  const server = createServer(async (req, res) => {
    const start = performance.now();
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = join(dir, p);
    const s = await stat(file).catch(() => null);
    if (!s || !s.isFile()) { res.writeHead(404); res.end(); return; }
    let body = await readFile(file);
    const type = TYPES[extname(file)] || 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' };
    let status = 200;
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
    if (/text|json|javascript/.test(type)) { body = gzipSync(body, { level: 9 }); headers['content-encoding'] = 'gzip'; }
    else if (range) {
      // Like a static host: one byte range of a file sent as it is.
      const from = Number(range[1]), to = Math.min(Number(range[2]), body.length - 1);
      headers['content-range'] = `bytes ${from}-${to}/${body.length}`;
      body = body.subarray(from, to + 1);
      status = 206;
    }
    res.writeHead(status, headers);
    res.end(body, () => log.push({ path: p, bytes: body.length, start, end: performance.now() }));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, log, close: () => new Promise((ok) => server.close(ok)) };
}

// build writes the synthetic site with our index and runs Pagefind over it.
async function build(n) {
  const dir = join(OUT, String(n));
  await rm(dir, { recursive: true, force: true });
  const t0 = performance.now();
  const out = execFileSync('go', ['run', './bench/search/site', '-pages', String(n), '-html', '-out', dir], { cwd: ROOT }).toString();
  const ours = Number(/index: .*, ([\d.]+m?s)/.exec(out)[1].replace(/ms$/, 'e-3').replace(/s$/, ''));
  const t1 = performance.now();
  execFileSync(join(HERE, 'node_modules/.bin/pagefind'), ['--site', dir, '--quiet'], { stdio: 'ignore' });
  const pagefind = (performance.now() - t1) / 1000;
  await writeFile(join(dir, 'pagefind.html'), '<!doctype html><html lang="da"><meta charset="utf-8"><title>Pagefind</title><p>Pagefind</p>');
  return { dir, build: { ours, pagefind, site: (t1 - t0) / 1000 } };
}

// Engines: load() resolves when the search is ready to take a query;
// query(q) resolves when the top five results with excerpts are rendered.
const ENGINES = {
  ours: {
    page: '/soeg/',
    load: (page) => page.waitForFunction(() => document.querySelector('.search-nojs')?.hidden),
    query: async (page, q) => {
      await page.evaluate((q) => new Promise((ok) => {
        const root = document.getElementById('search');
        const input = document.getElementById('q');
        const t0 = performance.now();
        // A query that needs no search (one letter) finishes at once.
        const timer = setTimeout(() => { window.__ms = performance.now() - t0; ok(); }, 2000);
        root.addEventListener('search:done', function done() {
          clearTimeout(timer);
          window.__ms = performance.now() - t0;
          root.removeEventListener('search:done', done);
          ok();
        });
        input.value = q;
        input.dispatchEvent(new Event('input'));
      }), q);
      return page.evaluate(() => window.__ms);
    },
  },
  pagefind: {
    page: '/pagefind.html',
    load: (page) => page.evaluate(async () => {
      window.pf = await import('/pagefind/pagefind.js');
      await window.pf.init();
    }),
    query: (page, q) => page.evaluate(async (q) => {
      const t0 = performance.now();
      const s = await window.pf.search(q);
      if (s) await Promise.all(s.results.slice(0, 5).map((r) => r.data()));
      return performance.now() - t0;
    }, q),
  },
};

// rounds counts sequential round trips from the page's fetch calls: a
// request made after another one's response arrived is one round later.
// Pagefind fetches in a worker, out of sight of the page's timings, so its
// rounds come from the server's log, where a request counts as later only
// if it arrived more than slack ms after another one was sent.
function rounds(entries, slack = 0) {
  const depth = [];
  entries.forEach((r, i) => {
    depth[i] = 1 + Math.max(0, ...entries.slice(0, i).map((o, j) => (o.end + slack <= r.start ? depth[j] : 0)));
  });
  return Math.max(0, ...depth);
}

// timings returns, and forgets, the page's fetch() calls: when each was
// made and when its response arrived (an init script wraps fetch).
const timings = (page) => page.evaluate(() => window.__fetches.splice(0).sort((a, b) => a.start - b.start));

const wrapFetch = () => {
  window.__fetches = [];
  const f = window.fetch;
  window.fetch = function (...args) {
    const r = { name: String(args[0]), start: performance.now(), end: Infinity };
    window.__fetches.push(r);
    return f.apply(this, args).then((res) => { r.end = performance.now(); return res; });
  };
};

const kb = (b) => Math.round(b / 102.4) / 10;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const isIndex = (p) => /\/soeg\/data\/s\/|\.pf_index$|\.pf_filter$/.test(p);

async function measure(browser, srv, engine) {
  const e = ENGINES[engine];
  const one = async (fn) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(wrapFetch);
    await page.goto(srv.url + e.page);
    await e.load(page);
    await timings(page);
    const fixed = srv.log.splice(0).filter((r) => !r.path.endsWith('.html')).reduce((a, r) => a + r.bytes, 0);
    const res = await fn(page, fixed);
    await ctx.close();
    return res;
  };
  const r = { fixed: 0, query: [], index: [], cold: [], warm: [], rounds: [] };
  for (const q of QUERIES) {
    await one(async (page, fixed) => {
      r.fixed = fixed;
      const ms = await e.query(page, q);
      const log = srv.log.splice(0);
      r.query.push(fixed + log.reduce((a, x) => a + x.bytes, 0));
      r.index.push(log.filter((x) => isIndex(x.path)).reduce((a, x) => a + x.bytes, 0));
      const rt = await timings(page);
      r.rounds.push(engine === 'pagefind' ? rounds([...log].sort((a, b) => a.start - b.start), 10) : rounds(rt));
      if (process.env.BENCH_DEBUG) console.error(engine, q, rounds(rt), JSON.stringify(rt.map((e) => [Math.round(e.start), Math.round(e.end), e.name.replace(/^.*\/soeg\/data\//, '')])));
      r.cold.push(ms);
      r.warm.push(await e.query(page, q + ' '));
      await e.query(page, '');
      r.warm.push(await e.query(page, q));
      srv.log.splice(0);
    });
  }
  r.typed = await one(async (page, fixed) => {
    for (let i = 1; i <= TYPED.length; i++) await e.query(page, TYPED.slice(0, i));
    return fixed + srv.log.splice(0).reduce((a, x) => a + x.bytes, 0);
  });
  return {
    fixedKB: kb(r.fixed), queryKB: { median: kb(median(r.query)), max: kb(Math.max(...r.query)) },
    indexKB: { median: kb(median(r.index)), max: kb(Math.max(...r.index)) }, typedKB: kb(r.typed),
    coldMs: { median: Math.round(median(r.cold)), max: Math.round(Math.max(...r.cold)) },
    warmMs: { median: Math.round(median(r.warm) * 10) / 10, max: Math.round(Math.max(...r.warm) * 10) / 10 },
    rounds: Math.max(...r.rounds),
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const results = {};
for (const n of SIZES) {
  const site = await build(n);
  const srv = await serve(site.dir);
  results[n] = { build: site.build };
  for (const engine of Object.keys(ENGINES)) results[n][engine] = await measure(browser, srv, engine);
  await srv.close();
  console.log(JSON.stringify({ pages: n, ...results[n] }));
}
await browser.close();
await writeFile(join(OUT, 'results.json'), JSON.stringify(results, null, 1) + '\n');
