// Live reload for "katalog serve". The preview server adds this script to
// the pages it serves; it is never part of the built site. It listens to the
// server's events: "css" swaps the stylesheets in place, "reload" reloads the
// page and keeps its scroll position, "hello" (sent on every connect) reloads
// a page that is older than the newest build.
(() => {
  'use strict';
  const script = document.currentScript;
  let gen = Number(script && script.dataset.gen) || 0;
  const key = 'katalog-serve-scroll';
  const broken = document.documentElement.hasAttribute('data-katalog-error');
  let reloading = false;

  function restoreScroll() {
    let saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key) || 'null'); } catch (e) { return; }
    if (!saved || saved.path !== location.pathname || broken) return;
    sessionStorage.removeItem(key);
    const go = () => window.scrollTo(saved.x, saved.y);
    if (document.readyState === 'complete') go(); else addEventListener('load', go, { once: true });
  }

  function reload() {
    if (reloading) return;
    reloading = true;
    if (!broken) {
      try {
        sessionStorage.setItem(key, JSON.stringify({ path: location.pathname, x: scrollX, y: scrollY }));
      } catch (e) { /* private mode: reload without the position */ }
    }
    location.reload();
  }

  // The page's own stylesheets; edit.css (below) is the server's.
  const sheets = () => [...document.querySelectorAll('link[rel~="stylesheet"]:not([data-katalog])')];

  // With the editor on, every page links to it (the server passes its
  // address in data-edit); the link is never part of the built site.
  const edit = script && script.dataset.edit;
  if (edit && !broken && document.body) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/_katalog/edit.css';
    css.dataset.katalog = '';
    document.head.append(css);
    const a = document.createElement('a');
    a.className = 'katalog-edit';
    a.href = edit + 'vis?url=' + encodeURIComponent(location.pathname);
    a.textContent = 'Rediger denne side';
    document.body.append(a);
  }

  function replace(link, href) {
    return new Promise((done) => {
      const next = link.cloneNode();
      next.href = href;
      const finish = () => { link.remove(); done(); };
      next.addEventListener('load', finish, { once: true });
      next.addEventListener('error', finish, { once: true });
      link.after(next);
    });
  }

  // swapCSS reads the new stylesheet addresses from a fresh copy of this
  // page (they are fingerprinted, so they change with the CSS) and swaps
  // each <link> without a reload. Unfingerprinted sheets are re-fetched.
  async function swapCSS(next) {
    let doc;
    try {
      const res = await fetch(location.href, { cache: 'no-store' });
      if (!res.ok) return reload();
      doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    } catch (e) {
      return reload();
    }
    const fresh = [...doc.querySelectorAll('link[rel~="stylesheet"]')]
      .map((l) => new URL(l.getAttribute('href'), location.href).href);
    const old = sheets();
    if (fresh.length !== old.length) return reload();
    const changed = old.filter((l, i) => l.href !== fresh[i]).length > 0;
    await Promise.all(old.map((link, i) => {
      if (changed) return link.href === fresh[i] ? null : replace(link, fresh[i]);
      const u = new URL(fresh[i]);
      u.searchParams.set('katalog', String(next));
      return replace(link, u.href);
    }));
    gen = next;
    document.dispatchEvent(new CustomEvent('katalog:css', { detail: next }));
  }

  // Swaps run one at a time: a second change that arrives while the first
  // swap is loading waits for it, so old and new links never mix.
  let swapping = false;
  let wanted = 0;
  async function swapLoop() {
    swapping = true;
    while (wanted > gen && !reloading) await swapCSS(wanted);
    swapping = false;
  }

  let es = null;
  function connect() {
    es = new EventSource('/_katalog/events');
    es.addEventListener('hello', (e) => { if (Number(e.data) !== gen) reload(); });
    es.addEventListener('reload', (e) => { if (Number(e.data) > gen) reload(); });
    es.addEventListener('css', (e) => {
      wanted = Math.max(wanted, Number(e.data));
      if (broken) reload(); else if (!swapping) swapLoop();
    });
  }
  function disconnect() {
    if (es) es.close();
    es = null;
  }
  // Only visible pages hold a connection: browsers allow six per server,
  // and an editor may have many tabs open. A page that is shown again (or
  // comes back from the back-forward cache) reconnects, and "hello" tells
  // it whether it is out of date.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') disconnect(); else if (!es) connect();
  });
  addEventListener('pagehide', disconnect);
  addEventListener('pageshow', (e) => { if (e.persisted && !es) connect(); });

  restoreScroll();
  if (document.visibilityState !== 'hidden') connect();
})();
