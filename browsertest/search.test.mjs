// Browser tests of the search page (issue 6): the real search.js in
// Debian's chromium, under the production CSP, on an index built from
// generator/search/testdata/docs.json. The recall cases and the analysis
// golden file are the ones the Go tests use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT, launch, serveDir, collectConsole, buildSite } from './lib.mjs';

const TESTDATA = join(ROOT, 'generator/search/testdata');
let dir, server, browser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'katalog-search-'));
  execFileSync('go', ['run', './bench/search/site', '-docs', join(TESTDATA, 'docs.json'), '-out', dir],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  server = await serveDir(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// open loads the search page and counts finished searches in window.__done.
async function open(query = '', url = server.url) {
  const page = await browser.context.newPage();
  const problems = collectConsole(page);
  await page.addInitScript(() => {
    window.__done = 0;
    document.addEventListener('search:done', () => { window.__done++; }, true);
  });
  await page.goto(url + '/soeg/' + query);
  await page.waitForFunction(() => window.KatalogSearch && document.querySelector('.search-nojs').hidden);
  return { page, problems };
}

// settle waits until a search has finished after the given count.
async function settle(page, after) {
  await page.waitForFunction((n) => window.__done > n, after);
}

// allResults clicks "Vis flere resultater" until every result is shown.
async function allResults(page) {
  for (;;) {
    const more = page.locator('.search-more');
    if (!(await more.count())) break;
    const n = await page.evaluate(() => window.__done);
    await more.click();
    await settle(page, n);
  }
  return page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
}

test('search.js analyses words exactly like the Go index', async () => {
  const lines = (await readFile(join(TESTDATA, 'analysis.golden'), 'utf8')).trim().split('\n');
  const { page } = await open();
  const bad = await page.evaluate((lines) => {
    const S = window.KatalogSearch;
    return lines.map((l) => l.split('\t')).filter(([w, f, s, ix]) => {
      const got = S.fold(w);
      return got !== f || S.stem(got) !== s || String(S.indexable(got)) !== ix;
    }).map(([w, f, s, ix]) => `${w}: fold ${S.fold(w)}/${f}, stem ${S.stem(S.fold(w))}/${s}, indexable ${S.indexable(S.fold(w))}/${ix}`);
  }, lines);
  assert.deepEqual(bad.slice(0, 10), [], `${bad.length} of ${lines.length} words differ`);
  await page.close();
});

// recall runs every case of a recall file on the search page at url.
async function recall(file, url) {
  const cases = JSON.parse(await readFile(join(TESTDATA, file), 'utf8'));
  const { page, problems } = await open('', url);
  const failures = [];
  for (const c of cases) {
    const p = new URLSearchParams();
    if (c.q) p.set('q', c.q);
    for (const [name, slugs] of Object.entries(c.facets || {})) for (const s of slugs) p.append(name, s);
    const n = await page.evaluate(() => window.__done);
    await page.evaluate((qs) => { history.pushState(null, '', '/soeg/?' + qs); dispatchEvent(new PopStateEvent('popstate')); }, p.toString());
    await settle(page, n);
    const got = await allResults(page);
    const msg = check(c, got);
    if (msg) failures.push(`${JSON.stringify(c.q)} ${JSON.stringify(c.facets || {})}: ${msg}; got ${got.join(' ')}`);
  }
  await page.close();
  return [...failures, ...problems];
}

test('recall file', async () => {
  assert.deepEqual(await recall('recall.json', server.url), []);
});

test('recall and accessibility on the shipped content, in the built site', async () => {
  const site = await buildSite();
  const srv = await serveDir(site);
  try {
    assert.deepEqual(await recall('recall-content.json', srv.url), []);
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    for (const q of ['', '?q=bolig', '?q=xqzv', '?type=princip']) {
      const { page } = await open(q, srv.url);
      if (q) await settle(page, 0);
      const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      assert.deepEqual(r.violations.map((v) => `${q}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`), []);
      await page.close();
    }
  } finally {
    await srv.close();
    await rm(site, { recursive: true, force: true });
  }
});

// check mirrors recallCase.check in generator/search/recall_test.go.
function check(c, got) {
  if (c.none && got.length) return 'want no results';
  if (!c.none && !got.length) return 'want results';
  if (c.first && got[0] !== c.first) return 'want first ' + c.first;
  if (c.last && got[got.length - 1] !== c.last) return 'want last ' + c.last;
  if (c.all && JSON.stringify(got) !== JSON.stringify(c.all)) return 'want exactly ' + c.all.join(' ');
  for (const u of c.want || []) if (!got.includes(u)) return 'missing ' + u;
  for (const u of c.not || []) if (got.includes(u)) return 'unwanted ' + u;
  return '';
}

test('typing shows ranked results with highlighted excerpts and keeps the URL', async () => {
  const { page, problems } = await open();
  await page.locator('#q').pressSequentially('fodbold', { delay: 20 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'fodbold' &&
    document.querySelector('#search-results a')?.getAttribute('href') === '/cases/ombold-fodbold/');
  const status = await page.textContent('#search-status');
  assert.match(status, /^\d+ resultat(er)?$/);
  assert.equal(await page.getAttribute('#search-status', 'role'), 'status');
  const marks = await page.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  assert.ok(marks.some((m) => m.startsWith('fodbold')), `marks: ${marks}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('facets narrow the results, count them and round-trip through the URL', async () => {
  const { page, problems } = await open('?q=bolig');
  await settle(page, 0);
  const before = await page.$$eval('#search-results li', (l) => l.length);
  const total = Number((await page.textContent('#search-status')).match(/\d+/)[0]);
  await page.click('.search-filters > summary');
  let n = await page.evaluate(() => window.__done);
  await page.locator('input[name=tema][value=boligloesninger]').check();
  await settle(page, n);
  const narrowed = Number((await page.textContent('#search-status')).match(/\d+/)[0]);
  assert.ok(narrowed < total, `${narrowed} < ${total}`);
  assert.match(page.url(), /q=bolig&tema=boligloesninger$/);
  const count = await page.textContent('label:has(> input[name=tema][value=boligloesninger]) .search-count');
  assert.equal(count, `(${narrowed})`);
  n = await page.evaluate(() => window.__done);
  await page.goBack();
  await settle(page, n);
  assert.equal(await page.isChecked('input[name=tema][value=boligloesninger]'), false);
  assert.equal(await page.$$eval('#search-results li', (l) => l.length), before);
  // A shared link restores query and facets.
  const shared = await open('?q=bolig&tema=boligloesninger');
  assert.equal(await shared.page.inputValue('#q'), 'bolig');
  assert.equal(await shared.page.isChecked('input[name=tema][value=boligloesninger]'), true);
  await shared.page.waitForFunction((n) => document.querySelector('#search-status').textContent === n + ' resultater', narrowed);
  assert.deepEqual([...problems, ...shared.problems], []);
  await page.close();
  await shared.page.close();
});

test('keyboard only: type, submit, filter, tab to a result and open it', async () => {
  const { page, problems } = await open();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  const n = await page.evaluate(() => window.__done);
  await page.keyboard.type('skæve boliger');
  await page.keyboard.press('Enter');
  await settle(page, n);
  await page.waitForFunction(() => document.querySelector('#search-results a'));
  // Open the filters and tick the first one, by keyboard.
  for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement.matches('summary'))); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const box = await page.evaluate(() => document.activeElement.name + '=' + document.activeElement.value);
  let m = await page.evaluate(() => window.__done);
  await page.keyboard.press('Space');
  await settle(page, m);
  assert.ok(page.url().endsWith('&' + box), `${page.url()} has ${box}`);
  m = await page.evaluate(() => window.__done);
  await page.keyboard.press('Space');
  await settle(page, m);
  let href = null;
  for (let i = 0; i < 80 && !href; i++) {
    await page.keyboard.press('Tab');
    href = await page.evaluate(() => document.activeElement.closest('#search-results') && document.activeElement.getAttribute('href'));
  }
  assert.equal(href, '/cases/aalborg-skurbyen/');
  await Promise.all([page.waitForURL('**/cases/aalborg-skurbyen/'), page.keyboard.press('Enter')]);
  assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
  await page.close();
});

test('no results explains what to try', async () => {
  const { page } = await open('?q=xqzv');
  await page.waitForFunction(() => document.querySelector('#search-status').textContent.startsWith('Ingen resultater'));
  assert.equal(await page.$$eval('#search-results a', (a) => a.length), 0);
  assert.match(await page.textContent('#search-help'), /Prøv dette/);
  assert.ok(await page.$('#search-help a[href="/cases/"]'));
  // One word too far off for a match is offered as a suggestion.
  const near = await open('?q=fodbxlx');
  await near.page.waitForFunction(() => document.querySelector('#search-status').textContent.startsWith('Ingen'));
  assert.equal(await near.page.getAttribute('#search-help a', 'href'), '/soeg/?q=fodbold');
  await page.close();
  await near.page.close();
});

test('a sharded index with a separate facet file (300 synthetic pages)', async () => {
  const big = await mkdtemp(join(tmpdir(), 'katalog-search-big-'));
  execFileSync('go', ['run', './bench/search/site', '-pages', '300', '-out', big], { cwd: ROOT, stdio: 'ignore' });
  const srv = await serveDir(big);
  try {
    const { page, problems } = await open('?q=bolig', srv.url);
    await settle(page, 0);
    assert.match(await page.textContent('#search-status'), /^\d+ resultater$/);
    assert.equal(await page.$$eval('#search-results li', (l) => l.length), 5);
    // Counts wait for the facet file, which the facet panel asks for.
    assert.equal(await page.textContent('.search-facet[data-facet=tema] .search-count'), '');
    const n = await page.evaluate(() => window.__done);
    await page.click('.search-filters > summary');
    await settle(page, n);
    assert.match(await page.textContent('.search-facet[data-facet=tema] .search-count'), /^\(\d+\)$/);
    const files = srv.stats.log.map((r) => r.path);
    assert.ok(files.some((p) => /^\/soeg\/data\/f\.[0-9a-f]+\.json$/.test(p)), files.join(' '));
    assert.ok(files.filter((p) => p.includes('/soeg/data/s/')).length <= 3, files.join(' '));
    // Each of the five records shown came as one slot of a pack: a Range
    // request answered with 206 and meta.ds bytes.
    const slot = await page.evaluate(async () => (await (await fetch(document.getElementById('search').dataset.index)).json()).ds);
    const docs = srv.stats.log.filter((r) => r.path.includes('/soeg/data/d/'));
    assert.equal(docs.length, 5, files.join(' '));
    for (const r of docs) {
      assert.match(r.path, /^\/soeg\/data\/d\/\d+\.[0-9a-f]+\.bin$/);
      assert.deepEqual([r.status, r.bytes], [206, slot], r.path);
    }
    assert.deepEqual(problems, [], srv.stats.log.filter((r) => r.status >= 300).map((r) => r.path).join(' '));
    await page.close();
    // 300 pages are 5 packs of records, not 300 files.
    const packs = execFileSync('find', [join(big, 'soeg/data/d'), '-type', 'f']).toString().trim().split('\n');
    assert.equal(packs.length, 5, packs.join(' '));
  } finally {
    await srv.close();
    await rm(big, { recursive: true, force: true });
  }
});

test('a host that ignores Range: whole packs, the same results', async () => {
  const big = await mkdtemp(join(tmpdir(), 'katalog-search-norange-'));
  execFileSync('go', ['run', './bench/search/site', '-pages', '300', '-out', big], { cwd: ROOT, stdio: 'ignore' });
  const ranged = await serveDir(big);
  const plain = await serveDir(big, { ranges: false });
  try {
    const shown = async (srv) => {
      const { page, problems } = await open('?q=bolig', srv.url);
      await settle(page, 0);
      const r = await page.$$eval('#search-results li', (l) => l.map((li) => li.textContent));
      assert.deepEqual(problems, []);
      await page.close();
      return r;
    };
    const want = await shown(ranged);
    assert.equal(want.length, 5);
    assert.deepEqual(await shown(plain), want);
    const docs = plain.stats.log.filter((r) => r.path.includes('/soeg/data/d/'));
    assert.ok(docs.length >= 1 && docs.every((r) => r.status === 200), JSON.stringify(docs));
    // A pack fetched whole serves every record in it: no pack twice, unless
    // two records of it were asked for before the first answer came.
    assert.ok(docs.length <= 5, JSON.stringify(docs));
  } finally {
    await ranged.close();
    await plain.close();
    await rm(big, { recursive: true, force: true });
  }
});

test('a query with markup is shown as text, under the production CSP', async () => {
  const xss = '<img src=x onerror=alert(1)>';
  const { page, problems } = await open('?q=' + encodeURIComponent(xss));
  let dialog = false;
  page.on('dialog', (d) => { dialog = true; d.dismiss(); });
  await page.waitForFunction(() => document.querySelector('#search-status').textContent);
  assert.equal(await page.$$eval('main img', (i) => i.length), 0);
  assert.ok((await page.textContent('#search-status')).includes(xss) || (await page.inputValue('#q')) === xss);
  assert.equal(await page.inputValue('#q'), xss);
  assert.equal(dialog, false);
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  assert.match(csp, /script-src 'self'/);
  assert.deepEqual(problems, []);
  await page.close();
});
