// Shared helpers for the browser tests: build the site, serve a directory on
// 127.0.0.1 with the production headers from netlify.toml, and launch
// Debian's chromium through playwright-core.
import { createServer } from 'node:http';
import { execFileSync, spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { stat, readFile, mkdtemp, rm, realpath } from 'node:fs/promises';
import { join, extname, resolve, sep, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

// launch starts chromium with a fresh profile; close() removes it again.
export async function launch(options = {}) {
  const { chromium } = await import('playwright-core');
  const userDataDir = await mkdtemp(join(tmpdir(), 'katalog-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 }, locale: 'da-DK', ...options,
  });
  return {
    context,
    async close() { await context.close(); await rm(userDataDir, { recursive: true, force: true }); },
  };
}

// katalog builds the command once per test process and returns its path.
let binary;
export function katalog() {
  if (!binary) {
    binary = join(tmpdir(), `katalog-test-${process.pid}`);
    execFileSync('go', ['build', '-o', binary, './cmd/katalog'], { cwd: ROOT, stdio: 'inherit' });
  }
  return binary;
}

// buildSite builds the site at root (default: the repository) into a fresh
// temporary directory and returns its path.
export async function buildSite(root = ROOT, args = []) {
  const out = await mkdtemp(join(tmpdir(), 'katalog-site-'));
  execFileSync(katalog(), ['build', '-src', root, '-out', out, ...args], { stdio: 'inherit' });
  return out;
}

// productionHeaders reads the headers netlify.toml sets for path. It knows
// the small subset of TOML that file uses: [[headers]] tables with a "for"
// pattern ("/*" or "/prefix/*") and [headers.values] key = "value" lines.
export async function productionHeaders(path = '/') {
  const text = await readFile(join(ROOT, 'netlify.toml'), 'utf8');
  const out = {};
  let pattern = null;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '[[headers]]') { pattern = null; continue; }
    const m = t.match(/^([A-Za-z-]+|for)\s*=\s*"(.*)"$/);
    if (!m) continue;
    if (m[1] === 'for') { pattern = m[2]; continue; }
    if (pattern && path.startsWith(pattern.replace(/\*$/, ''))) out[m[1]] = m[2];
  }
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml', '.ics': 'text/calendar; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// serveDir serves dir like Netlify ("/x/" → x/index.html, unknown → 404.html
// with status 404) with the production headers, gzipping text when the client
// asks for it. It counts the bytes it sends: stats.bytes, stats.requests.
// Like a static host, it answers a single byte Range with 206, unless
// opts.ranges is false (a host that ignores Range and sends the whole file).
export async function serveDir(dir, opts = {}) {
  const root = await realpath(resolve(dir));
  const stats = { bytes: 0, requests: 0, log: [] };
  const server = createServer(async (req, res) => {
    try {
      const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const base = join(root, p);
      if (base !== root && !base.startsWith(root + sep)) throw new Error('outside root');
      const candidates = p.endsWith('/') ? [join(base, 'index.html')] : [base, join(base, 'index.html')];
      let file = null;
      for (const c of candidates) {
        const s = await stat(c).catch(() => null);
        if (s && s.isFile()) { file = c; break; }
      }
      let status = 200;
      if (!file) { status = 404; file = join(root, '404.html'); }
      let body = await readFile(file).catch(() => Buffer.from('not found'));
      const type = TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
      const headers = { ...(await productionHeaders(p)), 'content-type': type };
      if (/text|json|xml|svg|javascript|calendar/.test(type) && /gzip/.test(req.headers['accept-encoding'] || '')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
      }
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
      if (range && status === 200 && opts.ranges !== false && !headers['content-encoding']) {
        const from = Number(range[1]), to = Math.min(Number(range[2]), body.length - 1);
        if (from > to) { res.writeHead(416, { 'content-range': `bytes */${body.length}` }); res.end(); return; }
        headers['content-range'] = `bytes ${from}-${to}/${body.length}`;
        body = body.subarray(from, to + 1);
        status = 206;
      }
      stats.bytes += body.length; stats.requests++; stats.log.push({ path: p, status, bytes: body.length });
      res.writeHead(status, headers);
      res.end(body);
    } catch {
      res.writeHead(400); res.end('bad request');
    }
  });
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(0, '127.0.0.1', ok); });
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, stats, close: () => new Promise((ok) => server.close(ok)) };
}

// collectConsole records console errors and failed requests of a page. A
// request the browser itself cancelled (net::ERR_ABORTED: an icon or image
// still loading when the test navigates on) is no failure of the site.
export function collectConsole(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || '';
    if (why !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${r.url()} ${why}`);
  });
  return problems;
}

// freePort asks the kernel for a free loopback port.
export async function freePort() {
  const srv = createNetServer();
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

// startServe runs "katalog serve -src site -addr 127.0.0.1:port" with more
// args (bin: a prebuilt command, else katalog()) and resolves when it
// serves. The result has the process, the url and log(), all it printed.
export async function startServe(site, { port, args = [], bin } = {}) {
  port = port || await freePort();
  let log = '';
  const proc = spawn(bin || process.env.KATALOG_BIN || katalog(), ['serve', '-src', site, '-addr', `127.0.0.1:${port}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`katalog serve did not start:\n${log}`)), 60000);
    const read = (chunk) => {
      log += chunk;
      if (log.includes('Serverer kataloget på')) { clearTimeout(timer); ok(); }
    };
    proc.stdout.on('data', read);
    proc.stderr.on('data', read);
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`katalog serve exited with ${code}:\n${log}`)); });
  });
  return { proc, port, url: `http://127.0.0.1:${port}`, log: () => log };
}
