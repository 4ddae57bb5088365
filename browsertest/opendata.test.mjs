// "Kopiér link" and the citation on a case, with JavaScript and without,
// under the production CSP; the open data files and feeds as a browser
// gets them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rm, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT, katalog, serveDir, launch, collectConsole } from './lib.mjs';

const CASE = '/cases/ombold-fodbold/';
let site, server, browser;
before(async () => {
  // Built with the server's address as its base URL, as Netlify builds with
  // $URL, so the case's canonical address is absolute.
  site = await mkdtemp(join(tmpdir(), 'katalog-opendata-'));
  server = await serveDir(site);
  execFileSync(katalog(), ['build', '-src', ROOT, '-out', site, '-baseurl', server.url + '/'], { stdio: 'inherit' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (site) await rm(site, { recursive: true, force: true });
});

test('Kopiér link copies the canonical address and says so in a live region', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await browser.context.newPage();
  const problems = collectConsole(page);
  await page.goto(server.url + CASE, { waitUntil: 'networkidle' });
  const canonical = await page.getAttribute('link[rel="canonical"]', 'href');
  assert.equal(canonical, server.url + CASE);
  const button = page.getByRole('button', { name: 'Kopiér link' });
  assert.equal(await button.isVisible(), true, 'the button is shown');
  assert.equal(await page.locator('[data-copy-fallback]').isVisible(), false, 'the plain link gives way to the button');
  const status = page.locator('[data-copy-status]');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  assert.equal(await status.textContent(), '');
  await button.click();
  await page.waitForFunction(() => document.querySelector('[data-copy-status]').textContent !== '');
  assert.equal(await status.textContent(), 'Linket er kopieret');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), canonical);
  // The citation has today's date in Danish and the full address.
  const today = await page.evaluate(() => new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()));
  assert.match(today, /^\d{1,2}\. [a-z]+ \d{4}$/);
  const citation = await page.textContent('.citation');
  assert.ok(citation.startsWith('BL – Danmarks Almene Boliger (2025): Fodbold som fast holdepunkt'), citation);
  assert.ok(citation.endsWith(`${canonical} (set den ${today}).`), citation);
  assert.deepEqual(problems, []);
  await page.close();
});

test('without JavaScript the case shows a plain link and no button', async () => {
  const nojs = await launch({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await page.goto(server.url + CASE);
    const link = page.locator('[data-copy-fallback]');
    assert.equal(await link.isVisible(), true);
    assert.equal(await link.getAttribute('href'), server.url + CASE);
    assert.equal(await page.getByRole('button', { name: 'Kopiér link' }).count(), 0, 'no button without JavaScript');
    assert.equal(await page.locator('[data-copy-link]').isVisible(), false);
    const citation = await page.textContent('.citation');
    assert.ok(citation.endsWith(`${server.url + CASE} (set den [dato, du så siden]).`), citation);
  } finally {
    await nojs.close();
  }
});

test('the open data, feeds, security.txt and manifest are served', async () => {
  const page = await browser.context.newPage();
  const problems = collectConsole(page);
  await page.goto(server.url + '/data/', { waitUntil: 'networkidle' });
  assert.equal(await page.textContent('h1'), 'Data og genbrug');
  for (const href of ['/data/cases.csv', '/data/cases.json', '/data/materialer.csv', '/data/materialer.json']) {
    assert.equal(await page.locator(`main a[href="${href}"]`).count(), 1, `the page links ${href}`);
  }
  const got = await page.evaluate(async () => {
    const text = async (p) => (await fetch(p)).text();
    const bytes = async (p) => Array.from(new Uint8Array(await (await fetch(p)).arrayBuffer()).slice(0, 3));
    const cases = await (await fetch('/data/cases.json')).json();
    const manifest = await (await fetch(document.querySelector('link[rel="manifest"]').href)).json();
    const icons = await Promise.all(manifest.icons.map(async (i) => (await fetch(i.src)).status));
    return { count: cases.count, first: cases.cases[0].title, csvStart: await bytes('/data/cases.csv'),
      csv: await text('/data/cases.csv'), security: await text('/.well-known/security.txt'), manifest, icons };
  });
  assert.ok(got.count >= 3);
  assert.deepEqual(got.csvStart, [0xef, 0xbb, 0xbf], 'the CSV starts with the byte order mark');
  assert.ok(got.csv.includes(got.first), 'the CSV holds the newest case with æ, ø and å intact');
  assert.match(got.security, /^Contact: mailto:/m);
  assert.match(got.security, /^Expires: \d{4}-\d\d-\d\dT00:00:00Z$/m);
  assert.equal(got.manifest.lang, 'da');
  assert.deepEqual(got.icons, got.manifest.icons.map(() => 200));
  // A theme's page links its feed, in the head and for the reader.
  await page.goto(server.url + '/tema/boligloesninger/', { waitUntil: 'networkidle' });
  const feed = await page.getAttribute('head link[rel="alternate"][href$="/tema/boligloesninger/feed.xml"]', 'href');
  assert.ok(feed);
  const follow = page.getByRole('link', { name: 'Følg nye cases om Boligløsninger' });
  assert.equal(await follow.isVisible(), true);
  const xml = await page.evaluate(async (u) => { const r = await fetch(u); return `${r.status} ${await r.text()}`; }, await follow.getAttribute('href'));
  assert.match(xml, /^200 <\?xml[^]*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"[^]*<title>Nye cases om Boligløsninger/);
  assert.deepEqual(problems, []);
  await page.close();
});
