// Accessibility and quality of every page of the built site, in Debian's
// chromium under the production headers: axe-core (WCAG 2.1 A and AA), the
// keyboard (skip link first, every stop reachable and visibly focused),
// reflow at 320 px, the Nu Html Checker, the case filters with and without
// JavaScript, the front page's weight, and Lighthouse on five pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { rm, mkdtemp } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { ROOT, katalog, serveDir, launch, CHROMIUM, CHROMIUM_ARGS } from './lib.mjs';

let site, server, browser, pages;
before(async () => {
  // Built with the server's address as its base URL, as Netlify builds with
  // $URL, so canonical links and robots.txt are as in production.
  site = await mkdtemp(join(tmpdir(), 'katalog-a11y-'));
  server = await serveDir(site);
  execFileSync(katalog(), ['build', '-src', ROOT, '-out', site, '-baseurl', server.url + '/'], { stdio: 'inherit' });
  browser = await launch();
  pages = [];
  (function walk(d) {
    for (const e of readdirSync(d).sort()) {
      const f = join(d, e);
      if (statSync(f).isDirectory()) walk(f);
      else if (e.endsWith('.html') && !readFileSync(f, 'utf8').includes('http-equiv="refresh"')) {
        pages.push('/' + relative(site, f).replace(/index\.html$/, ''));
      }
    }
  })(site);
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (site) await rm(site, { recursive: true, force: true });
});

// onePerShape keeps the first page of each shape of address (/cases/x/ and
// /cases/y/ are one shape; /om-kampagnen/ and /data/ two): the pages of
// one layout share their colours, so dark colours are checked once per
// layout and every page is checked in light colours.
function onePerShape(paths) {
  const seen = new Set();
  return paths.filter((p) => {
    const shape = p.split('/').filter(Boolean).map((s, i) => (i === 0 ? s : '*')).join('/');
    if (seen.has(shape)) return false;
    seen.add(shape);
    return true;
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no WCAG 2.2 A or AA violation on ${scheme === 'light' ? 'any page' : 'a page of each shape'} (${scheme} colours)`, async () => {
    assert.ok(pages.length >= 25, `only ${pages.length} pages`);
    const found = [];
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    for (const p of scheme === 'light' ? pages : onePerShape(pages)) {
      await page.goto(server.url + p, { waitUntil: 'load' });
      const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      for (const v of r.violations) found.push(`${p}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    }
    await page.close();
    assert.deepEqual(found, []);
  });
}

test('the Nu Html Checker finds no error in any page', () => {
  const jar = join(import.meta.dirname, 'node_modules/vnu-jar/build/dist/vnu.jar');
  let out = '';
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--skip-non-html', site], { stdio: 'pipe' });
  } catch (e) {
    out = String(e.stderr || e.stdout || e.message);
  }
  assert.equal(out, '');
});

// changedPixels decodes two same-size PNG screenshots and counts the pixels
// that differ.
function pixels(buf) {
  let off = 8, width, height, bpp; const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off); const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); bpp = data[9] === 6 ? 4 : 3; }
    else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat)); const stride = width * bpp; const out = Buffer.alloc(width * height * bpp);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]; const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0; const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      let v = line[x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = v & 255;
    }
  }
  return { data: out, bpp };
}
function changedPixels(a, b) {
  const pa = pixels(a), pb = pixels(b); let n = 0;
  for (let i = 0; i < pa.data.length; i += pa.bpp) if (pa.data[i] !== pb.data[i] || pa.data[i + 1] !== pb.data[i + 1] || pa.data[i + 2] !== pb.data[i + 2]) n++;
  return n;
}

test('keyboard: the skip link comes first and every stop shows its focus', async () => {
  const problems = [];
  const page = await browser.context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' }); // no smooth scrolling between stops
  // reachable: what the Tab key should stop on (not disabled, rendered, not
  // inside a closed <details> other than as its summary).
  await page.addInitScript(() => {
    window.reachable = (el) => !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
      && !(el.closest('details:not([open])') && !(el.tagName === 'SUMMARY' && el.parentElement === el.closest('details:not([open])')));
  });
  for (const p of pages) {
    await page.goto(server.url + p, { waitUntil: 'load' });
    // The search page builds its controls from the index it fetches after
    // load: count and tab through them once they are all there.
    if (p.startsWith('/soeg/')) await page.waitForLoadState('networkidle');
    const interactive = await page.evaluate(() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
      .filter(reachable).length);
    const seen = new Set();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate((n) => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        if (!el.dataset.stop) el.dataset.stop = String(n);
        const r = el.getBoundingClientRect();
        const href = el.getAttribute('href') || '';
        return { id: el.dataset.stop, tag: el.tagName.toLowerCase(), href, text: (el.textContent || '').trim().slice(0, 30),
          skip: href.startsWith('#') && !!document.getElementById(href.slice(1)), x: r.x, y: r.y, w: r.width, h: r.height };
      }, i);
      if (!info || seen.has(info.id)) break;
      seen.add(info.id);
      if (i === 0 && !(info.skip && /Gå til sidens indhold/.test(info.text))) problems.push(`${p}: first stop is <${info.tag}> "${info.text}"`);
      const vp = page.viewportSize();
      const clip = { x: Math.max(0, info.x - 6), y: Math.max(0, info.y - 6) };
      clip.width = Math.min(vp.width - clip.x, info.w + 12); clip.height = Math.min(vp.height - clip.y, info.h + 12);
      if (clip.width < 1 || clip.height < 1) { problems.push(`${p}: <${info.tag}> "${info.text}" focused off screen`); continue; }
      const focused = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
      await page.evaluate(() => document.activeElement.blur());
      const blurred = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
      await page.focus(`[data-stop="${info.id}"]`);
      if (changedPixels(focused, blurred) < 20) problems.push(`${p}: no visible focus on <${info.tag}> "${info.text}"`);
    }
    if (seen.size < Math.min(interactive, 80)) {
      const missed = await page.evaluate(() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
        .filter((el) => reachable(el) && !el.dataset.stop)
        .map((el) => `<${el.tagName.toLowerCase()}> "${(el.textContent || el.name || '').trim().slice(0, 30)}"`));
      problems.push(`${p}: ${seen.size} tab stops for ${interactive} interactive elements; never reached: ${missed.join(', ')}`);
    }
  }
  await page.close();
  assert.deepEqual(problems, []);
});

test('reflow: no page scrolls sideways at 320 px', async () => {
  const wide = [];
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  for (const p of pages) {
    await page.goto(server.url + p, { waitUntil: 'load' });
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 320) wide.push(`${p}: ${w}px`);
  }
  await page.close();
  assert.deepEqual(wide, []);
});

test('no chart label or value is cut off', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + '/tal-og-data/');
  const charts = await page.locator('svg.chart').count();
  const clipped = await page.evaluate(() => [...document.querySelectorAll('svg.chart')].flatMap((svg) => {
    const w = svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].filter((t) => { const b = t.getBBox(); return b.x < 0 || b.x + b.width > w; }).map((t) => t.textContent);
  }));
  await page.close();
  assert.ok(charts > 0, 'no charts on /tal-og-data/');
  assert.deepEqual(clipped, []);
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

test('material filters work in place by type and theme, with the state in the address', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + '/materialer/');
  assert.equal(await page.isVisible('form.filters'), true, 'the script shows the filter form');
  const all = await page.locator('#material-list .card').count();
  await page.check('#f-type-podcast');
  assert.match(page.url(), /\?type=podcast$/);
  const podcasts = await page.locator('#material-list .card[data-type="podcast"]').count();
  assert.equal(await page.locator('#material-list .card:visible').count(), podcasts);
  assert.ok(podcasts > 0 && podcasts < all, `shown ${podcasts} of ${all}`);
  assert.equal(await page.isVisible('#type-rapport'), false, 'a group with no match is hidden');
  await page.uncheck('#f-type-podcast');
  await page.check('#f-tema-boligloesninger');
  const expected = await page.locator('#material-list .card').evaluateAll((cs) =>
    cs.filter((c) => (c.getAttribute('data-tema') || '').split(' ').includes('boligloesninger')).length);
  assert.equal(await page.locator('#material-list .card:visible').count(), expected);
  assert.match(await page.textContent('#filter-status'), /^Viser \d+ af \d+ materialer\.$/);
  await page.goto(server.url + '/materialer/?tema=boligloesninger');
  assert.equal(await page.isChecked('#f-tema-boligloesninger'), true);
  assert.equal(await page.locator('#material-list .card:visible').count(), expected);
  await page.close();
});

test('without JavaScript the materials are grouped by type and each theme lists its own', async () => {
  const nojs = await launch({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await page.goto(server.url + '/materialer/');
    assert.equal(await page.isVisible('form.filters'), false, 'a form that needs the script is not shown');
    const targets = await page.locator('.type-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(targets.length > 0);
    for (const t of targets) {
      const id = decodeURIComponent(t.slice(1));
      assert.equal(await page.locator(`[id="${id}"]`).count(), 1, t);
    }
    await page.goto(server.url + '/tema/boligloesninger/');
    assert.ok(await page.locator('#materialer + .cards .card').count() > 0, 'the theme lists its materials');
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

test('Lighthouse: accessibility, best practices and SEO 100, performance ≥ 95 on a phone', async () => {
  const { default: lighthouse } = await import('lighthouse');
  const { launch: launchChrome } = await import('chrome-launcher');
  const dir = await mkdtemp(join(tmpdir(), 'katalog-lh-'));
  const chrome = await launchChrome({ chromePath: CHROMIUM, chromeFlags: [...CHROMIUM_ARGS, `--user-data-dir=${dir}`], userDataDir: false });
  const low = [];
  try {
    for (const p of ['/', '/cases/ombold-fodbold/', '/tidsplan/', '/soeg/', '/data/']) {
      const r = await lighthouse(server.url + p, { port: chrome.port, output: 'json', logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      const c = r.lhr.categories;
      const score = (k) => Math.round(c[k].score * 100);
      const got = { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') };
      console.log(`# lighthouse ${p} ${JSON.stringify(got)}`);
      const failing = Object.values(r.lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
      if (got.performance < 95 || got.accessibility < 100 || got['best-practices'] < 100 || got.seo < 100) low.push(`${p}: ${JSON.stringify(got)} failing: ${failing.join(', ')}`);
    }
  } finally {
    await chrome.kill();
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(low, []);
});
