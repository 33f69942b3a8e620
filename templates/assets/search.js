/* sopgen search: hand-written, no framework, works from file://: the index is scripts that
   assign data (search/common.js and the page's own index, named in data-index), loaded when the
   box is first used. Type to search; Arrow Down/Up move through the results (Tab works too),
   Enter opens one, Escape clears. */
(function () {
  'use strict';
  var box = document.querySelector('.site-search');
  if (!box) { return; }
  var input = box.querySelector('input');
  var status = box.querySelector('.search-status');
  var list = box.querySelector('.search-results');
  var root = box.getAttribute('data-root') || '';
  var view = null, sections = [], titles = {}, folded = [], state = 'idle';

  /* The index is loaded on first use, not with every page: its scripts, in order. */
  function load() {
    if (state !== 'idle') { return; }
    state = 'loading';
    var sources = (box.getAttribute('data-index') || '').split(' ').filter(Boolean);
    (function next() {
      if (sources.length === 0) { ready(); return; }
      var script = document.createElement('script');
      script.src = sources.shift();
      script.onload = next;
      script.onerror = function () { state = 'failed'; status.textContent = 'Search is not available: its index did not load.'; };
      document.head.appendChild(script);
    }());
  }

  function ready() {
    var data = window.sopgenSearch || {};
    if (!data.view) { state = 'failed'; status.textContent = 'Search is not available: its index did not load.'; return; }
    view = data.view;
    var common = data.common || [];
    view.titles.forEach(function (pair) { titles['#' + pair[0]] = pair[1]; });
    sections = view.common.map(function (i) { return common[i]; }).concat(view.own);
    folded = sections.map(function (s) {
      return {title: fold(titles['#' + s[0]] || s[0]), heading: fold(s[2]), text: fold(s[3])};
    });
    state = 'ready';
    run();
  }
  var limit = 12;

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  /* The words of a query, each cut to a rough stem ("reuse" finds "reusing", "approvals"
     "approve") so that a word's other forms match too. */
  function terms(query) {
    return fold(query).split(/[^0-9a-z\u00c0-\uffff]+/).filter(function (t) { return t.length > 0; }).map(function (t) {
      var stem = t.replace(/(ing|ed|es|s|e)$/, '');
      return stem.length >= 3 ? stem : t;
    });
  }

  /* Every term must occur in the SOP's title, the section's heading or its text; a term in the
     title counts most, then the heading, then the text; a word that starts with it beats one
     that only holds it. */
  function score(entry, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], best = 0;
      [[entry.title, 12], [entry.heading, 6], [entry.text, 1]].forEach(function (field) {
        var at = field[0].indexOf(w);
        if (at < 0) { return; }
        var starts = at === 0 || /[^0-9a-z]/.test(field[0].charAt(at - 1));
        var value = field[1] * (starts ? 2 : 1);
        if (value > best) { best = value; }
      });
      if (best === 0) { return 0; }
      total += best;
    }
    return total;
  }

  function snippet(text, words) {
    var lower = fold(text), at = -1;
    for (var i = 0; i < words.length && at < 0; i++) { at = lower.indexOf(words[i]); }
    var start = Math.max(0, at - 60), end = Math.min(text.length, Math.max(at, 0) + 100);
    /* Whole words only at either end. */
    var space = text.indexOf(' ', start);
    if (start > 0 && space >= 0 && space < at) { start = space + 1; }
    space = text.lastIndexOf(' ', end);
    if (end < text.length && space > Math.max(at, start)) { end = space; }
    var fragment = document.createDocumentFragment();
    if (start > 0) { fragment.appendChild(document.createTextNode('… ')); }
    var part = text.slice(start, end), partLower = lower.slice(start, end), from = 0;
    while (from < part.length) {
      var next = -1, length = 0;
      words.forEach(function (w) {
        var found = partLower.indexOf(w, from);
        if (found >= 0 && (next < 0 || found < next)) { next = found; length = w.length; }
      });
      if (next < 0) { break; }
      fragment.appendChild(document.createTextNode(part.slice(from, next)));
      var mark = document.createElement('mark');
      mark.textContent = part.slice(next, next + length);
      fragment.appendChild(mark);
      from = next + length;
    }
    fragment.appendChild(document.createTextNode(part.slice(from) + (end < text.length ? ' …' : '')));
    return fragment;
  }

  function clear() {
    while (list.firstChild) { list.removeChild(list.firstChild); }
  }

  function run() {
    if (state !== 'ready') { load(); return; }
    clear();
    var words = terms(input.value);
    if (words.length === 0) { status.textContent = ''; return; }
    var found = [];
    for (var i = 0; i < sections.length; i++) {
      var value = score(folded[i], words);
      if (value > 0) { found.push({index: i, score: value}); }
    }
    found.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    status.textContent = found.length === 0 ? 'No results'
      : found.length === 1 ? '1 result' : found.length + ' results' + (found.length > limit ? ', the first ' + limit + ' shown' : '');
    found.slice(0, limit).forEach(function (hit) {
      var s = sections[hit.index];
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = root + view.folder + s[0] + '.html' + (s[1] ? '#' + s[1] : '');
      var title = document.createElement('span');
      title.className = 'search-title';
      title.textContent = titles['#' + s[0]] || s[0];
      link.appendChild(title);
      if (s[2]) {
        var section = document.createElement('span');
        section.className = 'search-section';
        section.textContent = s[2];
        link.appendChild(document.createTextNode(' › '));
        link.appendChild(section);
      }
      item.appendChild(link);
      if (s[3]) {
        var text = document.createElement('p');
        text.className = 'search-snippet';
        text.appendChild(snippet(s[3], words));
        item.appendChild(text);
      }
      list.appendChild(item);
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  input.addEventListener('focus', load);
  input.addEventListener('input', run);
  box.addEventListener('keydown', function (event) {
    var all = links(), at = all.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      input.value = '';
      run();
      input.focus();
      event.preventDefault();
    } else if (event.key === 'ArrowDown' && all.length > 0) {
      all[Math.min(at + 1, all.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      (at === 0 ? input : all[at - 1]).focus();
      event.preventDefault();
    } else if (event.key === 'Enter' && document.activeElement === input && all.length > 0) {
      all[0].click();
      event.preventDefault();
    }
  });
  box.hidden = false;
}());
