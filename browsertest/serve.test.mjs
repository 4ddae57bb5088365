// "katalog serve" in real Chromium: live reload of a case page after an
// atomic save, a stylesheet swap without navigation, the error page for
// broken front matter, and the way back when it is fixed.
//
//   cd browsertest && node --test serve.test.mjs
//
// KATALOG_BIN=/path/to/katalog uses a prebuilt command instead of building it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cp, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT, launch, katalog, buildSite, collectConsole } from './lib.mjs';

const CASE = 'ombold-fodbold';
let site, server, browser, page, problems, url, log = '';

// freePort asks the kernel for a free loopback port.
async function freePort() {
  const srv = createServer();
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

// atomicSave writes a temporary file beside name and renames it over, as
// most editors do: the watcher sees only a CREATE for name.
async function atomicSave(name, text) {
  const tmp = join(site, `.${name.split('/').pop()}.tmp-${process.pid}`);
  await writeFile(tmp, text);
  await rename(tmp, join(site, name));
}

before(async () => {
  site = await mkdtemp(join(tmpdir(), 'katalog-serve-site-'));
  for (const d of ['content', 'layouts', 'assets']) await cp(join(ROOT, d), join(site, d), { recursive: true });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const bin = process.env.KATALOG_BIN || katalog();
  server = spawn(bin, ['serve', '-src', site, '-addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${log}`)), 30000);
    const read = (chunk) => {
      log += chunk;
      if (log.includes('Serverer kataloget på')) { clearTimeout(timer); ok(); }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${log}`)));
  });
  browser = await launch();
  page = await browser.context.newPage();
  problems = collectConsole(page);
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (site) await rm(site, { recursive: true, force: true });
});

test('an atomic save shows on the open page without a manual reload', async () => {
  const t0 = Date.now();
  const res = await page.goto(`${url}/cases/${CASE}/`);
  assert.equal(res.status(), 200);
  assert.equal(await page.locator('script[src^="/_katalog/reload.js?v="]').count(), 1);
  await page.evaluate(() => window.scrollTo(0, 400));
  const y = await page.evaluate(() => window.scrollY);
  const file = `content/cases/${CASE}.md`;
  const text = await readFile(join(site, file), 'utf8');
  const marker = `Ny tekst gemt ${Date.now()}`;
  await atomicSave(file, `${text}\n\n${marker}\n`);
  const t1 = Date.now();
  await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 10000 });
  console.log(`page loaded in ${t1 - t0} ms, new text after ${Date.now() - t1} ms`);
  // The page was reloaded by the script and is scrolled back to where it was.
  await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 2, y, { timeout: 5000 });
});

test('a stylesheet change applies without a navigation', async () => {
  await page.evaluate(() => { window.katalogNoNavigation = true; });
  const before = await page.locator('link[rel=stylesheet]').first().getAttribute('href');
  const css = (await readdir(join(site, 'assets/css'))).filter((n) => n.endsWith('.css')).sort().pop();
  const name = join(site, 'assets/css', css);
  await writeFile(name, `${await readFile(name, 'utf8')}\nbody { border-top: 7px solid rgb(1, 2, 3); }\n`);
  await page.waitForFunction(() => getComputedStyle(document.body).borderTopWidth === '7px', null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.katalogNoNavigation), true, 'the page was reloaded');
  const after = await page.locator('link[rel=stylesheet]').first().getAttribute('href');
  assert.notEqual(after, before, 'the stylesheet address is fingerprinted and should change');
});

test('broken front matter shows the error page with file and line', async () => {
  const file = `content/cases/${CASE}.md`;
  const text = await readFile(join(site, file), 'utf8');
  await page.evaluate(() => window.scrollTo(0, 300));
  const y = await page.evaluate(() => window.scrollY);
  await atomicSave(file, text.replace(/^---\n/, '---\ntitel: Forkert felt\n'));
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-katalog-error'), null, { timeout: 10000 });
  const body = await page.locator('body').innerText();
  assert.match(body, new RegExp(`content/cases/${CASE}\\.md:2\\b`));
  assert.match(body, /titel/);
  const status = await page.evaluate(async () => (await fetch(location.href)).status);
  assert.equal(status, 500);

  await atomicSave(file, text);
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-katalog-error'), null, { timeout: 10000 });
  assert.equal(new URL(page.url()).pathname, `/cases/${CASE}/`);
  assert.equal(await page.evaluate(async () => (await fetch(location.href)).status), 200);
  assert.match(await page.locator('h1').first().innerText(), /Fodbold/);
  // Back where the editor was before the error page came up.
  await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 2, y, { timeout: 5000 });
});

test('the pages pass the production CSP and the script never reaches the built site', async () => {
  // Reloads abort the event stream and the error page is a 500 on purpose;
  // what must not happen is a script, style or connection the CSP blocks.
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused to/i.test(p)), []);
  assert.ok(problems.some((p) => /status of 500/.test(p)), 'the error page should have been seen');
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  assert.match(csp, /script-src 'self'/);
  const out = await buildSite(site);
  try {
    const walk = async (dir) => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (/\.(html|js|xml|json)$/.test(e.name)) assert.ok(!(await readFile(p, 'utf8')).includes('_katalog'), `${p} mentions the reload script`);
      }
    };
    await walk(out);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('hidden tabs give their event connection back', async () => {
  // Browsers open at most six connections to one server over HTTP/1.1; if
  // every tab kept its event stream, the seventh tab would never load.
  const tabs = [];
  try {
    for (let i = 0; i < 8; i++) {
      const tab = await browser.context.newPage();
      tabs.push(tab);
      const res = await tab.goto(`${url}/cases/${CASE}/`, { timeout: 10000 });
      assert.equal(res.status(), 200, `tab ${i}`);
      await tab.waitForLoadState('load');
      // What a browser does when the tab goes to the background.
      await tab.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
    }
  } finally {
    for (const tab of tabs) await tab.close();
  }
});

test('Ctrl-C stops the server cleanly', async () => {
  const code = await new Promise((ok) => { server.on('exit', ok); server.kill('SIGINT'); });
  assert.equal(code, 0, log);
  assert.match(log, /Serveren er stoppet/);
});
