// site.js adds two conveniences to pages that are complete without it:
// the checkbox filters of the case and material lists work in place, with
// the chosen values in the address (?tema=…&kommune=…&princip=…, ?type=…)
// so a filtered list can be bookmarked and shared; and [data-print]
// buttons print the page. A filter form that only works with this script
// is hidden in the HTML and shown here.
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

  document.querySelectorAll('form[data-filter-target]').forEach(initFilters);
  initPrint();
})();
