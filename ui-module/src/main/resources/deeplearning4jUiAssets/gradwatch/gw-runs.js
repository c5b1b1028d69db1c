// gradwatch page: the runs table. Every run in the storage, any number of them: name, model, hyperparameters,
// iteration, final loss and metrics, worst verdict. Sortable (click a heading), filterable (any text), and the
// "draw" ticks choose which runs (at most gw.MAX_SHOWN) the charts draw.
(function () {
  'use strict';
  var gw = window.gw;
  // Hyperparameters with a column of their own, each with the names users and gradwatch give it.
  // The user's own names (passed to the builder) come first: they say what the user varied.
  var NAMED = [['activation', ['act', 'activation']], ['init', ['init', 'weightInit', 'weight_init']],
    ['updater', ['optimizer', 'updater']], ['lr', ['lr', 'learningRate', 'learning_rate']]];
  var HIDDEN = ['layers', 'parameters'];

  function given(v) { return v !== undefined && v !== null && v !== '' && v !== 'NaN' && !(typeof v === 'number' && isNaN(v)); }
  function hp(s, names) {
    var h = s.hyperparameters || {};
    for (var i = 0; i < names.length; i++) { if (given(h[names[i]])) { return String(h[names[i]]); } }
    return '';
  }
  function otherHyperparameters(s) {
    var named = [];
    NAMED.forEach(function (n) { named = named.concat(n[1]); });
    var h = s.hyperparameters || {};
    return Object.keys(h).filter(function (k) { return named.indexOf(k) < 0 && HIDDEN.indexOf(k) < 0 && given(h[k]); })
      .sort().map(function (k) { return k + '=' + h[k]; }).join(' ');
  }
  function metricNames() {
    var names = [];
    gw.state.sessions.forEach(function (s) {
      Object.keys(s.metrics || {}).forEach(function (m) { if (names.indexOf(m) < 0) { names.push(m); } });
    });
    return names.sort();
  }
  function verdictText(s) {
    return gw.verdictGroups(s.active).map(function (g) { return gw.groupWords(g, null, s.layers); }).join('; ');
  }
  // The table's columns: heading, value for sorting, text shown.
  function columns() {
    var cols = [
      { id: 'started', title: 'started', value: function (s) { return s.startTime || 0; }, hidden: true },
      { id: 'run', title: 'run', value: function (s) { return s.id; } },
      { id: 'model', title: 'model', value: function (s) { return (s.modelClass || '?') + ', ' + (s.layers || 0) + ' layers'; } }
    ];
    NAMED.filter(function (n) {
      return gw.state.sessions.some(function (s) { return hp(s, n[1]) !== ''; });
    }).forEach(function (n) {
      var value = function (s) { var v = hp(s, n[1]); var x = Number(v); return v !== '' && isFinite(x) ? x : v; };
      cols.push({ id: n[0], title: n[0], value: value,
        text: function (s) { var v = value(s); return typeof v === 'number' ? gw.fmt(v) : v; } });
    });
    cols.push({ id: 'other', title: 'other hyperparameters', value: otherHyperparameters });
    cols.push({ id: 'iteration', title: 'iteration', value: function (s) { return s.latestIteration === null ? -1 : s.latestIteration; },
      text: function (s) { return s.latestIteration === null ? '\u2013' : String(s.latestIteration); } });
    cols.push({ id: 'loss', title: 'final loss', value: function (s) { return gw.num(s.latestLoss); },
      text: function (s) { return s.latestLoss === null ? '\u2013' : gw.fmt(s.latestLoss); } });
    metricNames().forEach(function (m) {
      cols.push({ id: 'metric:' + m, title: m, value: function (s) { return gw.num((s.metrics || {})[m]); },
        text: function (s) { return (s.metrics || {})[m] === undefined ? '' : gw.fmt(s.metrics[m]); } });
    });
    // The verdict right after the name: what a sweep's reader looks for first.
    cols.splice(2, 0, { id: 'verdict', title: 'worst verdict', value: function (s) {
      var w = gw.worstSeverity(s.active);
      return (w === 'WARNING' ? 0 : w === 'NOTE' ? 1 : 2) + ' ' + verdictText(s);
    }, verdict: true });
    return cols;
  }
  function compare(col, descending) {
    return function (a, b) {
      var x = col.value(a), y = col.value(b), c;
      if (typeof x === 'number' && typeof y === 'number') { c = (isNaN(x) ? Infinity : x) - (isNaN(y) ? Infinity : y); }
      else { c = String(x).localeCompare(String(y), undefined, { numeric: true }); }
      return descending ? -c : c;
    };
  }
  function cell(tr, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    tr.appendChild(td);
    return td;
  }
  function onTick(box) {
    gw.state.userChose = true;
    var ticked = Array.prototype.filter.call(box.querySelectorAll('input.draw'), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
    // Keep the order runs were chosen in: earlier choices stay drawn when the limit is reached.
    var keep = gw.state.shown.filter(function (id) { return ticked.indexOf(id) >= 0; });
    ticked.forEach(function (id) { if (keep.indexOf(id) < 0) { keep.push(id); } });
    gw.state.shown = keep.slice(0, gw.MAX_SHOWN);
    gw.refresh();
  }
  function workerSelect(s) {
    var sel = document.createElement('select');
    sel.setAttribute('data-session', s.id);
    s.workers.forEach(function (w) {
      var o = document.createElement('option');
      o.value = w; o.textContent = 'worker ' + w;
      sel.appendChild(o);
    });
    sel.value = gw.state.worker[s.id] || s.workers[0];
    sel.addEventListener('change', function () { gw.state.worker[s.id] = sel.value; gw.refresh(); });
    return sel;
  }
  function row(s, cols, box) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-session', s.id);
    var shown = gw.state.shown.indexOf(s.id) >= 0;
    var td = document.createElement('td');
    var cb = document.createElement('input');
    cb.type = 'checkbox'; cb.className = 'draw'; cb.value = s.id; cb.checked = shown;
    cb.title = 'draw this run on the charts';
    cb.addEventListener('change', function () { onTick(box); });
    var sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = shown ? 'linear-gradient(90deg,' + gw.shade(s.id, 0, 3) + ',' + gw.shade(s.id, 2, 3) + ')' : '#e4e4e4';
    td.appendChild(cb); td.appendChild(sw);
    tr.appendChild(td);
    cols.forEach(function (c) {
      if (c.hidden) { return; }
      var text = c.text ? c.text(s) : String(c.value(s));
      if (c.verdict) {
        var v = cell(tr, '', 'verdict');
        var w = gw.worstSeverity(s.active);
        if (w) {
          var b = document.createElement('span');
          b.className = 'sev ' + w; b.textContent = w;
          v.appendChild(b);
        }
        v.appendChild(document.createTextNode(w ? verdictText(s) : (s.latestIteration === null ? 'no report yet' : 'none')));
        return;
      }
      var t = cell(tr, text, c.id === 'run' ? 'name' : c.id === 'other' ? 'other' : '');
      if (c.id === 'run') {
        t.style.color = gw.runColor(s.id);
        if (s.workers && s.workers.length > 1) {
          var l = document.createElement('label');
          l.textContent = ' ' + s.workers.length + ' workers: ';
          l.appendChild(workerSelect(s));
          t.appendChild(l);
        }
      }
    });
    return tr;
  }
  gw.renderRuns = function () {
    var table = gw.$('runs');
    var cols = columns();
    var sig = JSON.stringify([gw.state.sessions, gw.state.shown, gw.state.sort, gw.state.filter, gw.state.worker]);
    if (table.getAttribute('data-sig') === sig) { return; }
    table.setAttribute('data-sig', sig);
    var head = table.tHead.rows[0];
    head.textContent = '';
    var drawTh = document.createElement('th');
    drawTh.textContent = 'draw';
    head.appendChild(drawTh);
    cols.forEach(function (c) {
      if (c.hidden) { return; }
      var th = document.createElement('th');
      th.textContent = c.title + (gw.state.sort.column === c.id ? (gw.state.sort.descending ? ' \u25bc' : ' \u25b2') : '');
      th.className = 'sortable';
      th.addEventListener('click', function () {
        var same = gw.state.sort.column === c.id;
        gw.state.sort = { column: c.id, descending: same ? !gw.state.sort.descending : false };
        gw.renderRuns();
      });
      head.appendChild(th);
    });
    var sortCol = cols.filter(function (c) { return c.id === gw.state.sort.column; })[0] || cols[0];
    var needle = gw.state.filter.toLowerCase();
    var body = table.tBodies[0];
    body.textContent = '';
    var listed = 0;
    gw.state.sessions.slice().sort(compare(sortCol, gw.state.sort.descending)).forEach(function (s) {
      var tr = row(s, cols, body);
      if (needle && tr.textContent.toLowerCase().indexOf(needle) < 0) { return; }
      body.appendChild(tr);
      listed++;
    });
    gw.$('runs-count').textContent = listed + ' of ' + gw.state.sessions.length + ' runs listed, '
      + gw.state.shown.length + ' drawn (at most ' + gw.MAX_SHOWN + ')';
  };
  gw.drawListed = function () {
    gw.state.userChose = true;
    gw.state.shown = Array.prototype.map.call(gw.$('runs').tBodies[0].rows, function (r) {
      return r.getAttribute('data-session');
    }).slice(0, gw.MAX_SHOWN);
    gw.refresh();
  };
})();
