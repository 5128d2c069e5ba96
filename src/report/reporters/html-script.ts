// What the HTML report's one script does: sortable tables, the brand/agent filter and the drill-down. DOM APIs only.
//
// The page works without it (tables and charts are server-rendered); the script adds behaviour and
// reads its data from the `<script type="application/json" id="rapport-data">` block. Text from the
// data reaches the page through textContent and createTextNode only, never as markup.

export const PAGE_SCRIPT = `(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');
  var data = JSON.parse(doc.getElementById('rapport-data').textContent);
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // Sorting: a click on a header's button sorts its table by that column; numbers by data-v, text by its letters.
  function cellValue(row, i, numeric) {
    var cell = row.cells[i];
    if (!cell) return null;
    var v = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent.trim();
    if (!numeric) return v;
    return v === '' ? null : Number(v);
  }
  function sortTable(table, col, dir) {
    var th = table.tHead.rows[0].cells[col];
    var numeric = th.getAttribute('data-type') === 'num';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) { return { row: row, i: i, v: cellValue(row, col, numeric) }; });
    rows.sort(function (a, b) {
      if (a.v === b.v) return a.i - b.i;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      var c = numeric ? a.v - b.v : a.v.localeCompare(b.v, 'en', { numeric: true, sensitivity: 'base' });
      return (dir === 'ascending' ? c : -c) || a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h, i) {
      if (i === col) h.setAttribute('aria-sort', dir);
      else if (h.hasAttribute('aria-sort')) h.setAttribute('aria-sort', 'none');
    });
  }
  Array.prototype.forEach.call(doc.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var now = th.getAttribute('aria-sort');
        var first = th.getAttribute('data-type') === 'num' ? 'descending' : 'ascending';
        sortTable(table, col, now === first ? (first === 'ascending' ? 'descending' : 'ascending') : first);
      });
    });
  });

  // Filters: rows, items and exchanges that belong to a brand or an agent are hidden when another is chosen.
  var brandSelect = doc.getElementById('filter-brand');
  var agentSelect = doc.getElementById('filter-agent');
  var status = doc.getElementById('filter-status');
  function passes(brand, agent) {
    var b = brandSelect.value;
    var a = agentSelect.value;
    return !(b && brand !== null && brand !== undefined && brand !== b) && !(a && agent !== null && agent !== undefined && agent !== a);
  }
  function applyFilters() {
    var hidden = 0;
    Array.prototype.forEach.call(doc.querySelectorAll('main [data-brand], main [data-agent]'), function (e) {
      if (e.tagName === 'OPTION') return;
      var hide = !passes(e.getAttribute('data-brand'), e.getAttribute('data-agent'));
      e.hidden = hide;
      if (hide) hidden++;
    });
    Array.prototype.forEach.call(agentSelect.options, function (o) {
      var b = o.getAttribute('data-brand');
      o.hidden = !!(brandSelect.value && b && b !== brandSelect.value);
    });
    status.textContent = brandSelect.value || agentSelect.value ? hidden + ' rows and items hidden by the filter' : '';
  }
  brandSelect.addEventListener('change', applyFilters);
  agentSelect.addEventListener('change', applyFilters);
  doc.getElementById('filter-reset').addEventListener('click', function () {
    brandSelect.value = '';
    agentSelect.value = '';
    applyFilters();
  });

  // Drill-down: the exchanges behind a brand's or agent's row, with their labels and the evidence marked.
  var dialog = doc.getElementById('drill');
  var list = doc.getElementById('drill-list');
  function exchangeItem(x) {
    var li = el('li');
    var head = el('div', 'muted');
    x.reasons.forEach(function (r) { head.appendChild(el('span', 'badge b-' + r, r)); });
    var meta = [x.time ? x.time.slice(0, 16).replace('T', ' ') : 'no time', 'thread ' + x.thread, x.account ? '@' + x.account : '', x.agent ? 'agent ' + x.agent : '', 'health ' + (x.health === null ? '\\u2014' : x.health.toFixed(1))];
    head.appendChild(doc.createTextNode(' ' + meta.filter(Boolean).join(' \\u00b7 ')));
    li.appendChild(head);
    var labels = el('div', 'labels');
    Object.keys(x.labels).forEach(function (axis) {
      var tag = el('span', 'label l-' + x.labels[axis]);
      tag.appendChild(el('b', null, axis));
      tag.appendChild(doc.createTextNode(' ' + x.labels[axis]));
      labels.appendChild(tag);
    });
    x.cues.forEach(function (c) { labels.appendChild(el('code', null, c)); });
    li.appendChild(labels);
    x.messages.forEach(function (m) {
      var q = el('blockquote', 'm-' + m.role);
      q.appendChild(el('span', 'role', m.role));
      m.parts.forEach(function (p) {
        if (p[1] === null) q.appendChild(doc.createTextNode(p[0]));
        else {
          var mark = el('mark', null, p[0]);
          mark.title = p[1];
          q.appendChild(mark);
        }
      });
      li.appendChild(q);
    });
    if (x.moreMessages) li.appendChild(el('div', 'muted', '\\u2026and ' + x.moreMessages + ' more messages in this exchange'));
    return li;
  }
  function openDrill(group) {
    var title = doc.getElementById('drill-title');
    title.textContent = group.key;
    title.appendChild(el('span', 'muted', group.by === 'brand' ? ' brand account' : ' agent'));
    var exchanges = group.shown.map(function (i) { return data.exchanges[i]; });
    var kept = exchanges.filter(function (x) { return passes(x.account, x.agent); });
    var note = 'Showing ' + exchanges.length + ' of ' + group.exchanges.toLocaleString('en-US') + ' exchanges: the worst (at-risk reasons, then lowest health; among equals a fixed sample), most recent first among equals. The report embeds at most ' + data.perGroup + ' per group.';
    if (kept.length < exchanges.length) note += ' ' + (exchanges.length - kept.length) + ' hidden by the filter.';
    doc.getElementById('drill-note').textContent = note;
    while (list.firstChild) list.removeChild(list.firstChild);
    kept.forEach(function (x) { list.appendChild(exchangeItem(x)); });
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }
  Array.prototype.forEach.call(doc.querySelectorAll('button.drill'), function (button) {
    button.addEventListener('click', function () { openDrill(data.groups[Number(button.getAttribute('data-drill'))]); });
  });
  doc.getElementById('drill-close').addEventListener('click', function () {
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
  });
})();
`;
