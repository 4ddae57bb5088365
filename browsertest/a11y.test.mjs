// Accessibility and reach of the built catalogue in Debian's chromium:
// axe-core (WCAG 2.1 A/AA) on every page, the skip link as first tab stop,
// visible focus, reflow at 320 px, the case filters with and without
// JavaScript, and the front page's weight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { buildSite, serveDir, launch } from './lib.mjs';

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

// pages lists the site path of every HTML page in the build.
async function pages() {
  const out = [];
  for (const e of await readdir(site, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    // Alias pages only redirect to their case.
    if ((await readFile(join(e.parentPath ?? e.path, e.name), 'utf8')).includes('http-equiv="refresh"')) continue;
    const rel = relative(site, join(e.parentPath ?? e.path, e.name)).split(sep).join('/');
    out.push(rel === '404.html' ? '/404.html' : '/' + rel.replace(/index\.html$/, ''));
  }
  return out.sort();
}

test('axe finds no WCAG 2.1 A/AA violations on any page', async () => {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const page = await browser.context.newPage();
  const problems = [];
  for (const p of await pages()) {
    await page.goto(server.url + p);
    const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const v of res.violations) problems.push(`${p}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  await page.close();
  assert.deepEqual(problems, []);
});

test('no page scrolls sideways at 320 px', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = [];
  for (const p of await pages()) {
    await page.goto(server.url + p);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 320) wide.push(`${p}: ${w}px`);
  }
  await page.close();
  assert.deepEqual(wide, []);
});

test('the first tab stop is the skip link and every stop shows focus', async () => {
  const page = await browser.context.newPage();
  const problems = [];
  for (const p of ['/', '/cases/', '/cases/ombold-fodbold/', '/tidsplan/']) {
    await page.goto(server.url + p);
    const focusable = await page.locator('a[href], button:not([hidden]), input, summary').count();
    for (let i = 0; i < Math.min(focusable, 60); i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return { text: el.textContent.trim().slice(0, 40), href: el.getAttribute('href'), x: r.x, y: r.y, w: r.width, h: r.height };
      });
      if (i === 0 && info.href !== '#indhold') problems.push(`${p}: first tab stop is "${info.text}"`);
      const clip = { x: Math.max(0, info.x - 6), y: Math.max(0, info.y - 6), width: info.w + 12, height: info.h + 12 };
      if (clip.width < 2 || clip.height < 2 || clip.y + clip.height > 800) continue; // off the first screen
      const focused = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
      await page.evaluate(() => { window.__f = document.activeElement; document.activeElement.blur(); });
      const blurred = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
      await page.evaluate(() => window.__f.focus());
      if (focused.equals(blurred)) problems.push(`${p}: no visible focus on "${info.text}"`);
    }
  }
  await page.close();
  assert.deepEqual(problems, []);
});

test('case filters work in place with the state in the address', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + '/cases/');
  const all = await page.locator('#case-list .card').count();
  await page.check('#f-kommune-aalborg');
  assert.match(page.url(), /\?kommune=aalborg$/);
  const shown = await page.locator('#case-list .card:visible').count();
  assert.ok(shown > 0 && shown < all, `shown ${shown} of ${all}`);
  await page.goto(server.url + '/cases/?kommune=aalborg');
  assert.equal(await page.isChecked('#f-kommune-aalborg'), true);
  assert.equal(await page.locator('#case-list .card:visible').count(), shown);
  await page.close();
});

test('without JavaScript the filter links lead to their pages', async () => {
  const nojs = await launch({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await page.goto(server.url + '/cases/');
    const hrefs = await page.locator('.filters a.filter-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0);
    for (const h of hrefs) {
      const r = await page.goto(server.url + h);
      assert.equal(r.status(), 200, h);
    }
  } finally {
    await nojs.close();
  }
});

test('the front page weighs at most 30 KB gzip (HTML, CSS, JS)', async () => {
  const fresh = await launch(); // an empty cache
  const page = await fresh.context.newPage();
  const start = server.stats.log.length;
  await page.goto(server.url + '/', { waitUntil: 'networkidle' });
  const bytes = server.stats.log.slice(start)
    .filter((e) => !/\.(svg|png|jpe?g|webp|woff2|ico)$/.test(e.path))
    .reduce((n, e) => n + e.bytes, 0);
  await fresh.close();
  console.log(`front page: ${bytes} bytes gzip (HTML+CSS+JS)`);
  assert.ok(bytes <= 30 * 1024, `${bytes} bytes`);
});
