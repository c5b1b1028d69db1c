// gradwatch report: the runs of one log directory, drawn from window.GRADWATCH_EMBEDDED (the answers of the
// Gradients page's endpoints, built from TensorBoard event files). Nothing is fetched. Names from the files
// reach the DOM through textContent only.
(function () {
  'use strict';
  var E = window.GRADWATCH_EMBEDDED;
  var files = {};
  E.report.runs.forEach(function (f) { files[f.run] = f; });
  // One row per run: the sessions answer with the run's files and what was wrong with them.
  var report = { runs: E.sessions.sessions.map(function (s) {
    var worst = s.active.some(function (v) { return v.severity === 'WARNING'; }) ? 'WARNING' : s.active.length ? 'NOTE' : 'none';
    return { id: s.id, hyperparameters: s.hyperparameters, modelClass: s.modelClass, layers: s.layers,
      iterations: s.latestIteration, finalLoss: s.latestLoss, metrics: s.metrics, worst: worst,
      activeVerdicts: s.active.length, files: files[s.id].files, problems: files[s.id].problems };
  }) };
  var HUES = [212, 28, 135, 280, 352, 186, 48, 318];
  var LO = -10, HI = 0;
  var runs = report.runs.map(function (r) { return r.id; });
  var shown = runs.slice(0, 50);
  var sort = { col: 'id', dir: 1 };
  var charts = {};

  function $(id) { return document.getElementById(id); }
  function num(v) { return v === null || v === undefined ? NaN : typeof v === 'string' ? Number(v) : v; }
  function fmt(v) {
    var x = num(v);
    if (v === null || v === undefined) { return '–'; }
    if (isNaN(x)) { return 'NaN'; }
    if (!isFinite(x)) { return x > 0 ? 'Infinity' : '-Infinity'; }
    if (x === 0) { return '0'; }
    return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
  }
  function series(id) { return E['series?session=' + encodeURIComponent(id) + '&worker=0']; }
  function verdicts(id) { return E['verdicts?session=' + encodeURIComponent(id) + '&worker=0']; }
  function color(id, light) { return 'hsl(' + HUES[runs.indexOf(id) % HUES.length] + ',75%,' + (light || 42) + '%)'; }
  function chart(id) { if (!charts[id]) { charts[id] = echarts.init($(id)); } return charts[id]; }
  function mark(id, ids) { $(id).setAttribute('data-sessions', JSON.stringify(ids)); }
  // Layers with a series of stat for kind, input first: [{layer, index, key}] (weights "W" where a layer has one).
  function layerKeys(s, kind, stat) {
    var out = [];
    s.layers.forEach(function (l) {
      var prefix = kind + '/' + l.name + '/';
      var keys = Object.keys(s.series).filter(function (k) {
        return k.indexOf(prefix) === 0 && k.slice(-(stat.length + 1)) === '/' + stat
          && (kind === 'activations' ? k === prefix + stat : k.slice(prefix.length).split('/').length === 2);
      });
      var w = keys.filter(function (k) { return k === prefix + 'W/' + stat; });
      var key = w.length ? w[0] : keys[0];
      if (key) { out.push({ layer: l.name, index: l.index, key: key }); }
    });
    return out;
  }
  function shownRuns() { return shown.filter(function (id) { return series(id); }); }

  // ---- runs table ---------------------------------------------------------------------------------
  var COLS = [['id', 'run'], ['hp', 'hyperparameters'], ['model', 'model'], ['iterations', 'iterations'],
    ['finalLoss', 'final loss'], ['metrics', 'final metrics'], ['worst', 'worst verdict'], ['problems', 'files']];
  function cell(r, c) {
    if (c === 'hp') { return Object.keys(r.hyperparameters).map(function (k) { return k + ' ' + r.hyperparameters[k]; }).join(', '); }
    if (c === 'model') { return (r.modelClass || '?') + ', ' + r.layers + ' layers'; }
    if (c === 'metrics') { return Object.keys(r.metrics).map(function (k) { return k + ' ' + fmt(r.metrics[k]); }).join(', '); }
    if (c === 'worst') { return r.worst + (r.activeVerdicts ? ' (' + r.activeVerdicts + ' in force)' : ''); }
    if (c === 'problems') { return r.files + ' file(s)' + (r.problems.length ? ': ' + r.problems.join('; ') : ''); }
    if (c === 'finalLoss') { return fmt(r.finalLoss); }
    return r[c] === null || r[c] === undefined ? '–' : String(r[c]);
  }
  function sortKey(r, c) {
    if (c === 'finalLoss' || c === 'iterations') { var x = num(r[c]); return isNaN(x) ? Infinity : x; }
    if (c === 'worst') { return { WARNING: 0, NOTE: 1, none: 2 }[r.worst]; }
    return cell(r, c).toLowerCase();
  }
  function renderTable() {
    var head = $('runs-table').tHead, body = $('runs-table').tBodies[0];
    head.textContent = ''; body.textContent = '';
    var tr = head.insertRow();
    tr.appendChild(document.createElement('th')).textContent = 'draw';
    COLS.forEach(function (c) {
      var th = document.createElement('th');
      th.textContent = c[1] + (sort.col === c[0] ? (sort.dir > 0 ? ' ▲' : ' ▼') : '');
      th.addEventListener('click', function () { sort = { col: c[0], dir: sort.col === c[0] ? -sort.dir : 1 }; renderTable(); });
      tr.appendChild(th);
    });
    var filter = $('run-filter').value.toLowerCase();
    report.runs.filter(function (r) {
      return !filter || COLS.some(function (c) { return cell(r, c[0]).toLowerCase().indexOf(filter) >= 0; });
    }).sort(function (a, b) {
      var x = sortKey(a, sort.col), y = sortKey(b, sort.col);
      return x < y ? -sort.dir : x > y ? sort.dir : 0;
    }).forEach(function (r) {
      var row = body.insertRow();
      row.setAttribute('data-run', r.id);
      var cb = document.createElement('input');
      cb.type = 'checkbox'; cb.checked = shown.indexOf(r.id) >= 0;
      cb.addEventListener('change', function () {
        shown = runs.filter(function (id) { return id === r.id ? cb.checked : shown.indexOf(id) >= 0; });
        renderCharts();
      });
      row.insertCell().appendChild(cb);
      COLS.forEach(function (c) {
        var td = row.insertCell();
        td.textContent = cell(r, c[0]);
        if (c[0] === 'id') { td.style.color = color(r.id); td.style.fontWeight = 'bold'; }
        if (c[0] === 'worst') { td.className = r.worst; }
        if (c[0] === 'problems' && r.problems.length) { td.className = 'problems'; }
        if (c[0] === 'finalLoss' || c[0] === 'iterations') { td.className = 'num'; }
      });
    });
  }

  // ---- gradient flow ------------------------------------------------------------------------------
  function renderFlow() {
    var ids = shownRuns();
    var rows = ids.map(function (id) { return layerKeys(series(id), 'gradients', 'rms').length; });
    var height = 40;
    var o = { animation: false, tooltip: { renderMode: 'richText', confine: true }, title: [], grid: [], xAxis: [], yAxis: [], series: [] };
    ids.forEach(function (id, r) {
      var s = series(id), ls = layerKeys(s, 'gradients', 'rms');
      var h = Math.max(60, Math.min(14 * ls.length, 600));
      o.title.push({ text: id, left: 10, top: height - 22, textStyle: { fontSize: 13, color: color(id) } });
      o.grid.push({ left: 130, right: 90, top: height, height: h });
      o.xAxis.push({ type: 'category', gridIndex: r, data: s.iterations.map(String), axisLabel: { hideOverlap: true } });
      o.yAxis.push({ type: 'category', gridIndex: r, data: ls.map(function (p) { return p.layer; }),
        axisLabel: { fontSize: 10, width: 110, overflow: 'truncate' } });
      var data = [];
      ls.forEach(function (p, row) {
        var nan = [];
        s.nonFinite.forEach(function (n) { if (n.layer === p.layer && p.key === 'gradients/' + n.layer + '/' + n.parameter + '/rms') { nan = n.iterations; } });
        s.series[p.key].forEach(function (v, col) {
          var x = num(v);
          if (nan.indexOf(s.iterations[col]) >= 0) { data.push([col, row, 'nonfinite']); }
          else if (x === 0) { data.push([col, row, 'zero']); }
          else if (isFinite(x) && x > 0) { data.push([col, row, Math.max(LO, Math.min(HI, Math.log10(x)))]); }
        });
      });
      o.series.push({ name: id, type: 'heatmap', xAxisIndex: r, yAxisIndex: r, progressive: 0,
        data: data.filter(function (d) { return typeof d[2] === 'number'; }),
        tooltip: { formatter: function (q) { return id + ' · ' + ls[q.value[1]].layer + '\niteration ' + s.iterations[q.value[0]] + ': RMS ' + fmt(s.series[ls[q.value[1]].key][q.value[0]]); } } });
      o.series.push({ name: id + ' zero/NaN', type: 'heatmap', xAxisIndex: r, yAxisIndex: r, progressive: 0,
        data: data.filter(function (d) { return typeof d[2] !== 'number'; }).map(function (d) {
          return { value: [d[0], d[1], 0], itemStyle: { color: d[2] === 'zero' ? '#9e9e9e' : '#e00000' } };
        }) });
      height += h + 60;
    });
    o.visualMap = { min: LO, max: HI, calculable: true, right: 0, top: 30, itemHeight: 200, precision: 0,
      seriesIndex: o.series.map(function (s, i) { return i; }).filter(function (i) { return i % 2 === 0; }),
      formatter: function (v) { return '1e' + Math.round(v); }, text: ['RMS', ''],
      inRange: { color: ['#1b0c41', '#4a0c6b', '#a52c60', '#ed6925', '#fbb61a', '#fcffa4'] } };
    $('chart-flow').style.height = Math.max(200, height) + 'px';
    chart('chart-flow').resize();
    chart('chart-flow').setOption(o, true);
    mark('chart-flow', ids);
  }

  // ---- line charts --------------------------------------------------------------------------------
  function lineOption(yType, yName) {
    return { animation: false, tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
      legend: { type: 'scroll', top: 0 }, grid: { left: 12, right: 28, top: 40, bottom: 30, containLabel: true },
      xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 24, scale: true },
      yAxis: yType === 'log' ? { type: 'log', logBase: 10, name: yName } : { type: 'value', scale: true, name: yName },
      dataZoom: [{ type: 'inside' }], series: [] };
  }
  function pos(v) { var x = num(v); return isFinite(x) && x > 0 ? x : null; }
  function fin(v) { var x = num(v); return isFinite(x) ? x : null; }
  function line(id, label, c, data, dashed) {
    return { name: id, id: id + '\u0000' + label, type: 'line', showSymbol: false, data: data, connectNulls: false,
      lineStyle: { color: c, width: 1.5, type: dashed ? 'dashed' : 'solid' }, itemStyle: { color: c },
      tooltip: { formatter: function (q) { return id + ' · ' + label + '\niteration ' + q.value[0] + ': ' + fmt(q.value[1]); } } };
  }
  function perLayer(chartId, kind, stat, yType, yName, extra) {
    var o = lineOption(yType, yName), ids = shownRuns();
    ids.forEach(function (id) {
      var s = series(id), ls = layerKeys(s, kind, stat);
      ls.forEach(function (p, k) {
        var l = ls.length <= 1 ? 42 : 28 + 40 * k / (ls.length - 1);
        o.series.push(line(id, p.layer + ' ' + stat, color(id, l), s.iterations.map(function (it, i) {
          return [it, yType === 'log' ? pos(s.series[p.key][i]) : fin(s.series[p.key][i])];
        }), false));
      });
      (extra || []).forEach(function (x) {
        layerKeys(s, kind, x).forEach(function (p, k) {
          o.series.push(line(id, p.layer + ' ' + x, color(id, 30 + 30 * k / Math.max(1, ls.length)), s.iterations.map(function (it, i) {
            return [it, fin(s.series[p.key][i])];
          }), true));
        });
      });
    });
    o.legend.data = ids.map(function (id) { return { name: id, itemStyle: { color: color(id) } }; });
    chart(chartId).setOption(o, true);
    mark(chartId, ids);
  }
  function renderDepth() {
    var o = lineOption('log', 'gradient RMS'), ids = shownRuns();
    o.xAxis = { type: 'value', min: 0, max: 1, name: 'relative depth (0 input, 1 output)', nameLocation: 'middle', nameGap: 24 };
    ids.forEach(function (id) {
      var s = series(id), ls = layerKeys(s, 'gradients', 'rms'), last = s.iterations.length - 1;
      var se = line(id, 'at iteration ' + s.iterations[last], color(id), ls.map(function (p, k) {
        return [ls.length <= 1 ? 1 : k / (ls.length - 1), pos(s.series[p.key][last]), p.layer];
      }), false);
      se.showSymbol = true;
      se.tooltip = { formatter: function (q) { return id + ' · ' + q.value[2] + '\nRMS ' + fmt(q.value[1]); } };
      o.series.push(se);
    });
    chart('chart-depth').setOption(o, true);
    mark('chart-depth', ids);
  }
  function renderLoss() {
    var o = lineOption('value', 'loss'), ids = shownRuns();
    o.yAxis = [{ type: 'value', scale: true, name: 'loss' }, { type: 'value', min: 0, max: 1, name: 'metric' }];
    ids.forEach(function (id) {
      var s = series(id);
      o.series.push(line(id, 'loss', color(id), s.iterations.map(function (it, i) { return [it, fin(s.loss[i])]; }), false));
      s.metrics.forEach(function (m) {
        var vals = m.values.map(fin), unit = vals.every(function (v) { return v === null || (v >= 0 && v <= 1); });
        var se = line(id, m.name, color(id, 60), m.iterations.map(function (it, i) { return [it, vals[i]]; }), true);
        se.showSymbol = true; se.yAxisIndex = unit ? 1 : 0;
        o.series.push(se);
      });
    });
    chart('chart-loss').setOption(o, true);
    mark('chart-loss', ids);
  }
  function renderVerdicts() {
    var box = $('verdicts');
    box.textContent = '';
    shownRuns().forEach(function (id) {
      var v = verdicts(id) || { active: [] };
      var h = document.createElement('h3');
      h.textContent = id + ': ' + (v.active.length ? v.active.length + ' verdict(s) in force' : 'no verdict in force');
      h.style.color = color(id); h.style.fontSize = '14px';
      box.appendChild(h);
      var ul = document.createElement('ul');
      ul.className = 'verdicts';
      v.active.forEach(function (e) {
        var li = document.createElement('li'), b = document.createElement('span');
        b.className = e.severity; b.textContent = e.severity + ' since iteration ' + e.firstIteration + ': ';
        li.appendChild(b); li.appendChild(document.createTextNode(e.message));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
  }
  function renderCharts() {
    renderFlow();
    renderDepth();
    perLayer('chart-rms', 'gradients', 'rms', 'log', 'gradient RMS');
    perLayer('chart-ratio', 'updates', 'ratio', 'log', 'update:weight');
    perLayer('chart-activations', 'activations', 'dead_fraction', 'value', 'fraction', ['saturated_fraction']);
    renderLoss();
    renderVerdicts();
  }
  $('run-count').textContent = String(runs.length);
  $('run-filter').addEventListener('input', renderTable);
  renderTable();
  renderCharts();
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  document.body.setAttribute('data-rendered', 'true');
})();
