// Smoke test: the front page and a case page load in Debian's chromium with
// no console errors and no failed requests under the production CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { buildSite, serveDir, launch, collectConsole } from './lib.mjs';

let site, server, browser;
before(async () => {
  site = await buildSite();
  server = await serveDir(site);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (site) await rm(site, { recursive: true, force: true });
});

for (const path of ['/', '/cases/ombold-fodbold/', '/tidsplan/']) {
  test(`${path} loads cleanly under the production CSP`, async () => {
    const page = await browser.context.newPage();
    const problems = collectConsole(page);
    const res = await page.goto(server.url + path, { waitUntil: 'networkidle' });
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-security-policy']?.includes("script-src 'self'"), true, 'the CSP header is served');
    assert.equal(await page.getAttribute('html', 'lang'), 'da');
    assert.ok((await page.title()).length > 0, 'the page has a title');
    const sheets = await page.evaluate(() => document.styleSheets.length);
    assert.ok(sheets >= 1, 'the stylesheet loaded');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('an unknown address gets the Danish 404 page with status 404', async () => {
  const page = await browser.context.newPage();
  const res = await page.goto(server.url + '/findes-ikke/');
  assert.equal(res.status(), 404);
  assert.match(await page.textContent('h1'), /Siden findes ikke/);
  await page.close();
});
