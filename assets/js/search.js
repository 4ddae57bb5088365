// search.js runs the catalogue's search page (/soeg/) on the static index
// written by generator/search. No dependencies, no wasm, nothing inserted as
// HTML: every text from the index or the query goes in with textContent.
// The analysis below mirrors generator/search/analyze.go and stem.go.
(function () {
  'use strict';

  // ---- Danish analysis -------------------------------------------------

  const STOP = new Set(('og i jeg det at en den til er som paa de med han af for ikke der var ' +
    'mig sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor ' +
    'eller hvad skal selv her alle vil blev kunne ind naar vaere dog noget ville jo deres efter ' +
    'ned skulle denne end dette mit ogsaa under have dig anden hende mine alt meget sit sine vor ' +
    'mod disse hvis din nogle hos blive mange ad bliver hendes vaeret thi jer saadan').split(' '));

  const danish = (s) => s.replace(/[æä]/g, 'ae').replace(/[øö]/g, 'o').replace(/å/g, 'aa');

  function fold(word) {
    const s = danish(word.normalize('NFC').toLowerCase());
    if (!/[^\x00-\x7f]/.test(s)) return s;
    return danish(s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC'));
  }

  // folded remembers the folds of the words met in excerpts.
  const folded = new Map();
  function foldCached(w) {
    let f = folded.get(w);
    if (f === undefined) {
      if (folded.size > 50000) folded.clear();
      folded.set(w, f = fold(w));
    }
    return f;
  }

  function tokenize(text) {
    const out = [];
    for (const m of text.normalize('NFC').matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      const word = foldCached(m[0]);
      if (word) out.push({ start: m.index, end: m.index + m[0].length, word });
    }
    return out;
  }

  const runes = (s) => Array.from(s).length;

  function indexable(w) {
    return !STOP.has(w) && (runes(w) >= 2 || /^[0-9]/.test(w));
  }

  // The Snowball Danish stemmer (snowballstem.org), on code points.
  const VOWELS = 'aeiouyæåø';
  const S_ENDING = 'abcdfghjklmnoprtvyzå';
  const MAIN = ('erendes erende hedens ethed erede heden heder endes ernes erens erets ered ' +
    'ende erne eren erer heds enes eres hed ene ere ens ers ets eret en er es et e').split(' ');
  const isV = (c) => VOWELS.includes(c);

  function snowball(word) {
    const w = Array.from(word);
    let p1 = w.length;
    if (w.length >= 3) {
      let i = 0;
      while (i < w.length && !isV(w[i])) i++;
      while (i < w.length && isV(w[i])) i++;
      if (i < w.length) p1 = Math.max(i + 1, 3);
    }
    const ends = (s) => w.length - s.length >= p1 && w.slice(w.length - s.length).join('') === s;
    const cut = (n) => { w.length -= n; };
    const pair = () => {
      if (['gd', 'dt', 'gt', 'kt'].some(ends)) cut(1);
    };
    const main = MAIN.find(ends);
    if (main) cut(Array.from(main).length);
    else if (ends('s') && w.length >= 2 && S_ENDING.includes(w[w.length - 2])) cut(1);
    pair();
    if (w.slice(-4).join('') === 'igst') cut(2);
    const other = ['elig', 'lig', 'ig', 'els'].find(ends);
    if (other) {
      cut(other.length);
      pair();
    } else if (ends('løst')) cut(1);
    const n = w.length;
    if (n - 1 >= p1 && n >= 2 && !isV(w[n - 1]) && w[n - 1] === w[n - 2]) cut(1);
    return w.join('');
  }

  // stem is Snowball plus the fixes in stem.go (indsats/indsatsen, flytte/flyttede).
  function stem(word) {
    if (word === '' || /[0-9]/.test(word)) return word;
    let s = snowball(word);
    if (s.endsWith('ats')) s = s.slice(0, -1);
    if (word.endsWith('ede') && s.endsWith('ed') && s.length >= 5 && /^[\x00-\x7f]*$/.test(s)) {
      s = s.slice(0, -2);
      const n = s.length;
      if (n >= 4 && s[n - 1] === s[n - 2] && !'aeiouy'.includes(s[n - 1])) s = s.slice(0, -1);
    }
    return word.startsWith(s) ? s : word;
  }

  // terms: the last word, unless followed by a space, is also a prefix from three letters.
  function terms(q) {
    const toks = tokenize(q);
    const nfc = q.normalize('NFC');
    const out = [];
    toks.forEach((t, i) => {
      const last = i === toks.length - 1 && t.end === nfc.length && runes(t.word) >= 3;
      if (!indexable(t.word) && !last) return;
      if (!out.some((o) => o.word === t.word)) out.push({ word: t.word, stem: stem(t.word), prefix: last });
    });
    return out;
  }

  // osa is the optimal string alignment distance, giving up above k.
  function osa(a, b, k) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > k) return k + 1;
    let prev2 = [], prev = b.map((_, j) => j + 1), cur = [];
    prev.unshift(0);
    for (let i = 1; i <= a.length; i++) {
      cur = [i];
      for (let j = 1; j <= b.length; j++) {
        const c = a[i - 1] === b[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
        }
      }
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  // The analysis is public so that browsertest/search.test.mjs can check it
  // word by word against generator/search/testdata/analysis.golden.
  window.KatalogSearch = Object.freeze({ fold, tokenize, stem, indexable, terms });

  // ---- the index -------------------------------------------------------

  const root = document.getElementById('search');
  if (!root || !root.dataset.index) return;
  const base = root.dataset.index.replace(/[^/]*$/, '');
  const cache = new Map();

  function get(name, kind) {
    if (!cache.has(name)) {
      const p = fetch(base + name).then((r) => {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.json().then(kind === 'shard' ? decodeShard : (x) => x);
      });
      p.catch(() => cache.delete(name));
      cache.set(name, p);
    }
    return cache.get(name);
  }

  // decodeShard reads the format described in generator/search/shard.go.
  const DIGIT = {};
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').forEach((c, i) => { DIGIT[c] = i; });

  function postings(s) {
    let o = 0;
    const vlq = () => {
      let v = 0, m = 1, c;
      do { c = DIGIT[s[o++]]; v += (c & 31) * m; m *= 32; } while (c & 32);
      return v;
    };
    const n = vlq();
    const docs = new Int32Array(n);
    const imp = new Uint8Array(n);
    for (let i = 0, d = 0; i < n; i++) { d += vlq(); docs[i] = d; }
    for (let i = 0; i < n; i++) imp[i] = DIGIT[s[o++]];
    return { docs, imp };
  }

  // decodeShard keeps postings as strings until a query needs them.
  function lazy(s) {
    let p = null;
    return () => (p ||= postings(s));
  }

  function decodeShard(rows) {
    return rows.map((row) => {
      const words = [];
      for (let j = 2; j < row.length; j += 2) {
        const get = lazy(row[j + 1]);
        words.push({ w: row[0] + row[j], get p() { return get(); } });
      }
      const comp = lazy(row[1]);
      return { stem: row[0], words, get comp() { return comp(); } };
    });
  }

  let meta = null;
  let facetDocs = null; // per facet value: Uint8Array membership

  function shardOf(key) {
    const sk = meta.sk;
    let lo = 0, hi = sk.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sk[mid] > key) hi = mid; else lo = mid + 1; }
    return Math.max(lo - 1, 0);
  }

  // entriesFor loads what a term needs: the shard of its stem, and only if
  // the stem is not in the index, the shards around the word itself for
  // prefix and typo matches (one more round trip).
  async function entriesFor(t) {
    if (!meta.sk.length) return [];
    const first = shardOf(t.stem);
    const entries = await shard(first);
    if (entries.some((e) => e.stem === t.stem) || (!t.prefix && runes(t.word) < 4)) return entries;
    const ids = new Set([shardOf(t.word)]);
    const next = shardOf(t.word) + 1;
    if (t.prefix && next < meta.sk.length && meta.sk[next].startsWith(t.word)) ids.add(next);
    ids.delete(first);
    const more = await Promise.all([...ids].sort((a, b) => a - b).map(shard));
    return entries.concat(...more);
  }

  const shard = (i) => get('s/' + i + '.' + meta.sh[Math.floor(i / meta.sg)] + '.json', 'shard');

  // docFile returns document id's record. Records are packed meta.db to a
  // file in slots of meta.ds bytes (see generator/search/pack.go): a Range
  // request fetches the one slot. A server that ignores Range sends the
  // whole pack, which then serves every record in it.
  const whole = new Map();
  function docFile(id) {
    const key = 'doc:' + id;
    if (!cache.has(key)) {
      const k = Math.floor(id / meta.db), from = (id % meta.db) * meta.ds;
      const name = base + 'd/' + k + '.' + meta.dv + '.bin';
      const slot = (whole.get(name) || fetch(name, { headers: { Range: 'bytes=' + from + '-' + (from + meta.ds - 1) } })
        .then((r) => {
          if (!r.ok) throw new Error(name + ': ' + r.status);
          const part = r.status === 206;
          if (part && !(r.headers.get('Content-Range') || '').startsWith('bytes ' + from + '-')) throw new Error(name + ': wrong range');
          const body = r.arrayBuffer().then((b) => ({ b, part }));
          if (!part) { whole.set(name, body); body.catch(() => whole.delete(name)); }
          return body;
        })).then(({ b, part }) => new Uint8Array(b, part ? 0 : from, meta.ds));
      const p = slot.then(inflate);
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return cache.get(key);
  }

  // inflate reads a slot: a 2-byte length, then the record's JSON
  // compressed with raw DEFLATE.
  function inflate(slot) {
    const n = slot[0] | (slot[1] << 8);
    const s = new Blob([slot.subarray(2, 2 + n)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(s).json();
  }

  function loadFacets() {
    if (facetDocs) return Promise.resolve(facetDocs);
    const p = meta.fm ? Promise.resolve(meta.fm) : get(meta.ff);
    return p.then((f) => {
      facetDocs = f.d.map((gaps) => {
        const m = new Uint8Array(meta.n);
        let d = 0;
        for (const g of gaps) { d += g; m[d] = 1; }
        return m;
      });
      return facetDocs;
    });
  }

  // match scores one term (see generator/search/doc.go, Ranking) and
  // collects the words it matched, for highlighting.
  function match(t, entries, scores, hits) {
    let any = false;
    const add = (p, tier, w) => {
      any = true;
      if (w) hits.words.add(w);
      for (let i = 0; i < p.docs.length; i++) {
        const v = tier * 64 + p.imp[i];
        if (v > scores[p.docs[i]]) scores[p.docs[i]] = v;
      }
    };
    const own = entries.find((e) => e.stem === t.stem);
    if (own) {
      for (const x of own.words) add(x.p, x.w === t.word ? 3 : 2, x.w);
      if (own.comp.docs.length) { add(own.comp, 1); hits.heads.add(t.stem); }
      return;
    }
    if (t.prefix) for (const e of entries) for (const x of e.words) if (x.w.startsWith(t.word)) add(x.p, 1, x.w);
    const n = runes(t.word);
    if (any || n < 4) return;
    const k = n >= 8 ? 2 : 1;
    for (const e of entries) for (const x of e.words) if (osa(t.word, x.w, k) <= k) add(x.p, 1, x.w);
  }

  // rank orders documents by score, then by id (newest first), with a
  // counting sort: scores are small integers.
  function rank(ids, score) {
    let top = 0;
    for (const d of ids) if (score[d] > top) top = score[d];
    const start = new Int32Array(top + 2);
    for (const d of ids) start[top - score[d] + 1]++;
    for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
    const out = new Array(ids.length);
    for (const d of ids) out[start[top - score[d]]++] = d;
    return out;
  }

  async function run(q, chosen) {
    const ts = terms(q);
    const hasFacets = Object.keys(chosen).length > 0;
    const needFacets = hasFacets || meta.fm || facetDocs || facetsWanted;
    const [perTerm, fd] = await Promise.all([
      Promise.all(ts.map(entriesFor)),
      needFacets ? loadFacets() : null,
    ]);
    const hits = { words: new Set(), heads: new Set() };
    let total = null;
    if (ts.length) {
      total = new Int32Array(meta.n);
      ts.forEach((t, i) => {
        const s = new Int32Array(meta.n);
        match(t, perTerm[i], s, hits);
        for (let d = 0; d < meta.n; d++) total[d] += s[d];
      });
    }
    const base = [];
    if (total || hasFacets) for (let d = 0; d < meta.n; d++) if (!total || total[d] > 0) base.push(d);
    // inGroup[name][d] is 1 if document d has one of the chosen values of name.
    const inGroup = {};
    for (const name of Object.keys(chosen)) {
      const m = inGroup[name] = new Uint8Array(meta.n);
      meta.fv.forEach((f, i) => {
        if (f[0] === name && chosen[name].includes(f[1])) for (let d = 0; d < meta.n; d++) m[d] |= fd[i][d];
      });
    }
    const keep = (d, skip) => Object.keys(inGroup).every((name) => name === skip || inGroup[name][d]);
    let ids = hasFacets ? base.filter((d) => keep(d)) : base;
    if (total) ids = rank(ids, total);
    const counts = fd ? meta.fv.map((f, i) => base.filter((d) => fd[i][d] && keep(d, f[0])).length) : null;
    return { ts, ids, hits, counts, perTerm };
  }

  // ---- the page --------------------------------------------------------

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };

  const form = root.querySelector('form');
  const input = form.querySelector('#q');
  const status = root.querySelector('#search-status');
  const results = root.querySelector('#search-results');
  let help = root.querySelector('#search-help');
  if (!help) {
    help = el('div', 'search-help');
    results.after(help);
  }
  const PAGE = 5;
  let facetsWanted = false;
  let seq = 0;
  let shown = { ids: [], n: 0, hits: null };

  function chosenFacets() {
    const c = {};
    for (const box of form.querySelectorAll('input[type=checkbox]:checked')) (c[box.name] ||= []).push(box.value);
    return c;
  }

  function queryString() {
    const p = new URLSearchParams();
    if (input.value.trim()) p.set('q', input.value.trim());
    for (const [name, slugs] of Object.entries(chosenFacets())) for (const s of slugs) p.append(name, s);
    const s = p.toString();
    return location.pathname + (s ? '?' + s : '');
  }

  function fromURL() {
    const p = new URLSearchParams(location.search);
    input.value = p.get('q') || '';
    for (const box of form.querySelectorAll('input[type=checkbox]')) box.checked = p.getAll(box.name).includes(box.value);
    const filters = form.querySelector('details');
    if (filters && form.querySelector('input[type=checkbox]:checked')) filters.open = true;
  }

  // facetBoxes makes sure every facet value of the index has a checkbox.
  const GROUPS = { type: 'Sidetype', tema: 'Tema', kommune: 'Kommune', princip: 'Princip' };
  function facetBoxes() {
    meta.fv.forEach(([name, slug, label]) => {
      if (form.querySelector('input[name="' + CSS.escape(name) + '"][value="' + CSS.escape(slug) + '"]')) return;
      let fs = form.querySelector('fieldset[data-facet="' + CSS.escape(name) + '"]');
      if (!fs) {
        fs = el('fieldset', 'search-facet');
        fs.dataset.facet = name;
        fs.append(el('legend', null, GROUPS[name] || name));
        form.querySelector('.search-facets').append(fs);
      }
      const lab = el('label');
      const box = el('input');
      box.type = 'checkbox'; box.name = name; box.value = slug;
      const text = el('span', null, label + ' ');
      text.append(el('span', 'search-count'));
      lab.append(box, ' ', text);
      fs.append(lab);
    });
  }

  // showCounts shows the counts for the current search; without the facet
  // data (large sites load it on first use) it blanks them rather than
  // show the totals of the whole catalogue beside a query.
  function showCounts(counts) {
    if (!counts) {
      for (const c of form.querySelectorAll('.search-count')) c.textContent = '';
      return;
    }
    meta.fv.forEach(([name, slug], i) => {
      const box = form.querySelector('input[name="' + CSS.escape(name) + '"][value="' + CSS.escape(slug) + '"]');
      const c = box && box.parentElement.querySelector('.search-count');
      if (c) c.textContent = '(' + counts[i] + ')';
    });
  }

  async function search() {
    const my = ++seq;
    const q = input.value;
    const chosen = chosenFacets();
    if (!terms(q).length && !Object.keys(chosen).length) {
      if (facetDocs) showCounts(allCounts());
      else for (const c of form.querySelectorAll('.search-count')) c.textContent = c.dataset.total || '';
      results.replaceChildren();
      help.replaceChildren();
      status.textContent = q.trim() ? 'Skriv mindst to bogstaver, og undgå småord som »og« og »i«.' : '';
      done(my);
      return;
    }
    const r = await run(q, chosen);
    if (my !== seq) return;
    showCounts(r.counts);
    shown = { ids: r.ids, n: 0, hits: r.hits };
    results.replaceChildren();
    help.replaceChildren();
    if (!r.ids.length) {
      status.textContent = 'Ingen resultater' + (q.trim() ? ' for »' + q.trim() + '«' : '');
      help.append(suggestions(r, chosen));
      done(my);
      return;
    }
    status.textContent = r.ids.length === 1 ? '1 resultat' : r.ids.length + ' resultater';
    results.append(el('ol', 'search-list'));
    await more(my);
  }

  function done(my) {
    root.dispatchEvent(new CustomEvent('search:done', { detail: { seq: my } }));
  }

  // more shows the next PAGE results, fetching their documents in parallel.
  async function more(my) {
    const next = shown.ids.slice(shown.n, shown.n + PAGE);
    const docs = await Promise.all(next.map(docFile));
    if (my !== seq) return;
    const list = results.querySelector('ol');
    docs.forEach((d) => list.append(hit(d, shown.hits)));
    shown.n += next.length;
    let btn = results.querySelector('.search-more');
    if (shown.n < shown.ids.length) {
      if (!btn) {
        btn = el('button', 'search-more', 'Vis flere resultater');
        btn.type = 'button';
        btn.addEventListener('click', () => {
          const first = shown.n;
          more(seq).then(() => { const a = list.children[first]; if (a) a.querySelector('a').focus(); });
        });
        results.append(btn);
      }
    } else if (btn) btn.remove();
    done(my);
  }

  const KINDS = { case: 'Case', princip: 'Princip', tema: 'Tema', side: 'Side', milepael: 'Milepæl' };
  const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august',
    'september', 'oktober', 'november', 'december'];

  function hit(d, hits) {
    const li = el('li', 'search-hit');
    const a = el('a', null, d.t);
    a.href = d.u;
    const h = el('h2', 'search-title');
    h.append(a);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.d || '');
    const info = (KINDS[d.k] || d.k) + (m ? ' · ' + Number(m[3]) + '. ' + MONTHS[m[2] - 1] + ' ' + m[1] : '');
    li.append(h, el('p', 'search-kind', info), excerpt(d, hits));
    return li;
  }

  // excerpt shows about 30 words around the most matches in the start of
  // the body (all a document file holds) or else the summary, with <mark>s.
  function excerpt(d, hits) {
    const p = el('p', 'search-excerpt');
    const heads = [...hits.heads];
    const isHit = (w) => hits.words.has(w) || heads.some((h) => w.indexOf(h) >= 3);
    for (const text of [d.x, d.s]) {
      if (!text) continue;
      const nfc = text.normalize('NFC');
      const toks = tokenize(nfc);
      const marks = toks.map((t) => isHit(t.word));
      if (!marks.includes(true)) continue;
      const W = 30;
      let best = 0, bestN = -1;
      for (let i = 0; i < toks.length; i++) {
        if (!marks[i]) continue;
        const from = Math.max(0, i - 8);
        const n = marks.slice(from, from + W).filter(Boolean).length;
        if (n > bestN) { best = from; bestN = n; }
      }
      const end = Math.min(toks.length, best + W);
      let pos = best > 0 ? toks[best].start : 0;
      if (best > 0) p.append('… ');
      for (let i = best; i < end; i++) {
        if (!marks[i]) continue;
        p.append(nfc.slice(pos, toks[i].start), el('mark', null, nfc.slice(toks[i].start, toks[i].end)));
        pos = toks[i].end;
      }
      p.append(nfc.slice(pos, end < toks.length ? toks[end - 1].end : nfc.length));
      if (end < toks.length || (text === d.x && d.c)) p.append(' …');
      return p;
    }
    p.textContent = d.s || '';
    return p;
  }

  // suggestions tells what to try when nothing matched.
  function suggestions(r, chosen) {
    const box = el('div', 'search-none');
    const ul = el('ul');
    const near = new Map();
    r.ts.forEach((t, i) => {
      const n = runes(t.word);
      const k = n >= 5 ? 2 : 1;
      if (n >= 3) {
        for (const e of r.perTerm[i]) for (const x of e.words) {
          if (x.w !== t.word && runes(x.w) >= 3 && osa(t.word, x.w, k) <= k) near.set(x.w, x.p.docs.length);
        }
      }
    });
    const words = [...near].sort((a, b) => b[1] - a[1]).slice(0, 3).map((x) => x[0]);
    if (words.length) {
      const li = el('li', null, 'Mente du ');
      words.forEach((w, i) => {
        const a = el('a', null, w);
        a.href = location.pathname + '?q=' + encodeURIComponent(w);
        li.append(i ? ' eller ' : '', a);
      });
      li.append('?');
      ul.append(li);
    }
    if (Object.keys(chosen).length) ul.append(el('li', null, 'Fjern nogle af afgrænsningerne.'));
    if (r.ts.length > 1) ul.append(el('li', null, 'Prøv med færre ord.'));
    ul.append(el('li', null, 'Tjek stavningen, eller prøv et andet ord med samme betydning.'));
    box.append(el('p', null, 'Prøv dette:'), ul);
    const browse = root.querySelector('.search-browse');
    if (browse) {
      const c = browse.cloneNode(true);
      c.hidden = false;
      box.append(c);
    }
    return box;
  }

  function update(push) {
    const url = queryString();
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
    search().catch(fail);
  }

  function fail() {
    status.textContent = 'Søgningen kunne ikke hentes. Prøv igen, eller gå til listerne over cases, temaer og principper.';
  }

  function wantFacets() {
    if (facetsWanted) return;
    facetsWanted = true;
    loadFacets().then(() => { if (input.value || Object.keys(chosenFacets()).length) search(); else showCounts(allCounts()); }).catch(fail);
  }

  function allCounts() {
    return meta.fv.map((_, i) => facetDocs[i].reduce((a, b) => a + b, 0));
  }

  get(root.dataset.index.replace(/^.*\//, '')).then((m) => {
    meta = m;
    for (const e of root.querySelectorAll('.search-nojs')) e.hidden = true;
    for (const c of form.querySelectorAll('.search-count')) c.dataset.total = c.textContent;
    facetBoxes();
    fromURL();
    input.addEventListener('input', () => update(false));
    form.addEventListener('submit', (e) => { e.preventDefault(); update(true); });
    form.addEventListener('change', (e) => { if (e.target.type === 'checkbox') update(true); });
    const facets = form.querySelector('details') || form.querySelector('.search-facets');
    facets.addEventListener('toggle', wantFacets);
    facets.addEventListener('focusin', wantFacets);
    facets.addEventListener('pointerenter', wantFacets);
    window.addEventListener('popstate', () => { fromURL(); search().catch(fail); });
    search().catch(fail);
  }).catch(fail);
})();
