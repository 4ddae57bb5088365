// site.js adds conveniences to pages that are complete without it:
// the checkbox filters of the case and material lists work in place, with
// the chosen values in the address (?tema=…&kommune=…&princip=…, ?type=…)
// so a filtered list can be bookmarked and shared; [data-print] buttons
// print the page; and on a case, "Kopiér link" copies its address and the
// citation gets today's date. A filter form or a button that only
// works with this script is hidden in the HTML and shown here.
(function () {
  'use strict';

  // The groups of a form are the names of its checkboxes.
  function groupsOf(form) {
    var groups = [];
    form.querySelectorAll('input[type="checkbox"]').forEach(function (b) {
      if (groups.indexOf(b.name) < 0) groups.push(b.name);
    });
    return groups;
  }

  function chosen(form, groups) {
    var c = {};
    groups.forEach(function (g) {
      c[g] = Array.prototype.map.call(form.querySelectorAll('input[name="' + g + '"]:checked'), function (b) { return b.value; });
    });
    return c;
  }

  // A card matches when, in every group with a choice, it has one of the
  // chosen values.
  function matches(card, c, groups) {
    return groups.every(function (g) {
      if (!c[g].length) return true;
      var have = (card.getAttribute('data-' + g) || '').split(' ');
      return c[g].some(function (v) { return have.indexOf(v) >= 0; });
    });
  }

  function query(c, groups) {
    var p = new URLSearchParams();
    groups.forEach(function (g) { c[g].forEach(function (v) { p.append(g, v); }); });
    var s = p.toString();
    return location.pathname + (s ? '?' + s : '') + location.hash;
  }

  function initFilters(form) {
    var list = document.getElementById(form.getAttribute('data-filter-target'));
    // A list split over several pages is filtered by the search page, where
    // the form goes without this script.
    if (!list || document.querySelector('.pager')) return;
    var groups = groupsOf(form);
    var one = form.getAttribute('data-noun') || 'case';
    var many = form.getAttribute('data-nouns') || 'cases';
    function word(n) { return n === 1 ? one : many; }
    var cards = Array.prototype.slice.call(list.querySelectorAll('.card'));
    var sections = Array.prototype.slice.call(list.querySelectorAll('.filter-group'));
    form.hidden = false;
    var status = document.getElementById('filter-status');
    var submit = form.querySelector('[type="submit"]');
    var reset = form.querySelector('[type="reset"]');
    var params = new URLSearchParams(location.search);
    form.querySelectorAll('input[type="checkbox"]').forEach(function (b) {
      b.checked = params.getAll(b.name).indexOf(b.value) >= 0;
    });

    function apply(announce) {
      var c = chosen(form, groups);
      var any = groups.some(function (g) { return c[g].length > 0; });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, c, groups);
        card.hidden = !ok;
        if (ok) shown++;
      });
      sections.forEach(function (sec) { sec.hidden = !sec.querySelector('.card:not([hidden])'); });
      if (reset) reset.hidden = !any;
      var text = !any ? cards.length + ' ' + word(cards.length) + ' i kataloget.'
        : shown === 0 ? 'Ingen ' + many + ' passer til filtrene. Fjern nogle af dem for at se flere.'
          : 'Viser ' + shown + ' af ' + cards.length + ' ' + many + '.';
      if (announce || status.textContent !== text) status.textContent = text;
      var url = query(c, groups);
      if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
    }

    if (submit) submit.hidden = true;
    form.addEventListener('change', function () { apply(true); });
    form.addEventListener('submit', function (e) { e.preventDefault(); apply(true); });
    form.addEventListener('reset', function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  function initPrint() {
    document.querySelectorAll('[data-print]').forEach(function (el) {
      var wrap = el.closest('[hidden]');
      if (wrap) wrap.hidden = false;
      el.addEventListener('click', function (e) {
        e.preventDefault();
        window.print();
      });
    });
    // Print closed accordions open, so the paper has all of the text.
    window.addEventListener('beforeprint', function () {
      document.querySelectorAll('details:not([open])').forEach(function (d) {
        d.setAttribute('data-print-opened', '');
        d.open = true;
      });
    });
    window.addEventListener('afterprint', function () {
      document.querySelectorAll('details[data-print-opened]').forEach(function (d) {
        d.removeAttribute('data-print-opened');
        d.open = false;
      });
    });
  }

  // Kopiér link: the button replaces the plain link to the case where the
  // browser can write to the clipboard, and says in the live region that
  // it did. If copying fails, the link is shown again to copy by hand.
  function initCopy() {
    var button = document.querySelector('[data-copy-link]');
    var link = document.querySelector('[data-copy-fallback]');
    var status = document.querySelector('[data-copy-status]');
    if (!button || !link || !status || !navigator.clipboard || !window.isSecureContext) return;
    button.hidden = false;
    link.hidden = true;
    button.addEventListener('click', function () {
      status.textContent = '';
      navigator.clipboard.writeText(link.href).then(function () {
        status.textContent = 'Linket er kopieret';
      }, function () {
        link.hidden = false;
        status.textContent = 'Linket kunne ikke kopieres. Markér adressen, og kopiér den selv.';
      });
    });
  }

  // The citation names the day the reader saw the case: today, in Danish
  // ("30. november 2026"), and the case's full address.
  function initCitation() {
    var seen = document.querySelector('[data-seen]');
    if (seen) {
      seen.textContent = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
    }
    var url = document.querySelector('[data-cite-url]');
    if (url) url.textContent = new URL(url.textContent, location.href).href;
  }

  document.querySelectorAll('form[data-filter-target]').forEach(initFilters);
  initPrint();
  initCopy();
  initCitation();
})();
