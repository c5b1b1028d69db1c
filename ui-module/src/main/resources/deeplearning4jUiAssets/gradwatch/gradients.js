// gradwatch Gradients page: every run in the storage, compared on one screen. Every name from the model
// reaches the DOM through textContent or ECharts' canvas text (tooltips use renderMode "richText"), never
// through innerHTML. Series are asked for by their canonical keys (gradients/<layer>/<param>/rms, ...).
(function () {
  'use strict';
  var POLL_MS = 2000;
  var MAX_SHOWN = 8;
  var POINTS = 300;
  var API = '/gradients/api/';
  // One hue per run (by start order, so a run keeps its colour while new runs arrive); layers are shades.
  // Ordered for separation; red (an alarm colour) comes fifth.
  var HUES = [212, 28, 135, 280, 352, 186, 48, 318];
  var state = { sessions: [], shown: [], userChose: false, worker: {}, series: {}, verdicts: {}, scale: '' };
  var charts = {};

  function $(id) { return document.getElementById(id); }
  function num(v) {
    if (v === null || v === undefined) { return NaN; }
    return typeof v === 'string' ? Number(v) : v;
  }
  function fmt(v) {
    var x = num(v);
    if (isNaN(x)) { return 'NaN'; }
    if (!isFinite(x)) { return x > 0 ? 'Infinity' : '-Infinity'; }
    if (x === 0) { return '0'; }
    return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
  }
  function logValue(v) { var x = num(v); return (isFinite(x) && x > 0) ? x : '-'; }
  function linValue(v) { var x = num(v); return isFinite(x) ? x : '-'; }
  function decadeLabel(v) {
    var e = Math.log10(v);
    return Math.abs(e - Math.round(e)) < 1e-6 ? '1e' + Math.round(e) : '';
  }
  function getJson(path) {
    return fetch(API + path, { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; });
    });
  }
  function q(params) {
    return Object.keys(params).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]);
    }).join('&');
  }
  function chart(id) {
    if (!charts[id]) { charts[id] = echarts.init($(id)); }
    return charts[id];
  }
  function mark(id, runs) { $(id).setAttribute('data-sessions', JSON.stringify(runs)); }

  // ---- colours -------------------------------------------------------------------------------------
  function hueOf(sid) {
    var order = state.sessions.slice().sort(function (a, b) { return a.startTime - b.startTime; })
      .map(function (s) { return s.id; });
    return HUES[Math.max(0, order.indexOf(sid)) % HUES.length];
  }
  function runColor(sid) { return 'hsl(' + hueOf(sid) + ',75%,42%)'; }
  // Layer k of n: dark at the input, light at the output, always in the run's hue.
  function shade(sid, k, n) {
    // 30%..64% lightness: darker or lighter shades of different hues would converge to black or white.
    var l = n <= 1 ? 42 : 30 + 34 * k / (n - 1);
    return 'hsl(' + hueOf(sid) + ',78%,' + l.toFixed(0) + '%)';
  }

  // ---- keys ----------------------------------------------------------------------------------------
  function paramFilter() { return $('param-filter').value; }
  function keysWanted() {
    var p = paramFilter();
    return ['gradients/*/' + p + '/rms', 'gradients/*/' + p + '/max_abs', 'gradients/*/' + p + '/nan_count',
      'gradients/*/' + p + '/inf_count', 'updates/*/' + p + '/ratio', 'activations/*/dead_fraction',
      'activations/*/saturated_fraction'].join(',');
  }
  // The parameters of one run with series of statistic `stat`: [{layer, param, index, key}], input first.
  function params(s, kind, stat) {
    var out = [];
    s.layers.slice().sort(function (a, b) { return a.index - b.index; }).forEach(function (l) {
      var prefix = kind + '/' + l.name + '/';
      Object.keys(s.series).forEach(function (k) {
        if (k.indexOf(prefix) !== 0 || k.slice(-(stat.length + 1)) !== '/' + stat) { return; }
        var param = k.slice(prefix.length, k.length - stat.length - 1);
        if (kind === 'activations' ? param === '' : param.indexOf('/') < 0 && param !== '') {
          out.push({ layer: l.name, param: param, index: l.index, key: k });
        }
      });
    });
    return out;
  }
  function paramLabel(p) { return p.param && paramFilter() === '*' ? p.layer + '/' + p.param : p.layer; }
  function shownWithData() { return state.shown.filter(function (sid) { return state.series[sid]; }); }

  // ---- chart scaffolding ---------------------------------------------------------------------------
  function timeOption(yType, yName) {
    return {
      animation: false,
      tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
      legend: { type: 'scroll', top: 0, left: 'center', data: [] },
      grid: { left: 12, right: 28, top: 58, bottom: 30, containLabel: true },
      xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 24, scale: true,
        axisLabel: { formatter: function (v) { return String(Math.round(v)); } } },
      yAxis: yAxis(yType, yName),
      dataZoom: [{ type: 'inside' }],
      series: []
    };
  }
  function yAxis(type, name) {
    var a = { type: type, name: name, nameLocation: 'end', nameGap: 12,
      nameTextStyle: { align: 'left', padding: [0, 0, 0, -8] } };
    if (type === 'log') { a.logBase = 10; a.axisLabel = { formatter: decadeLabel }; a.minorSplitLine = { show: false }; }
    else { a.scale = true; }
    return a;
  }
  // Dotted verticals at each epoch start (after the first) in the run's colour; labelled for the first run.
  function epochMarks(s, sid, labelled) {
    var starts = (s.epochStarts || []).slice(1);
    if (!starts.length) { return undefined; }
    return { silent: true, symbol: 'none', lineStyle: { type: 'dotted', color: runColor(sid), width: 1 },
      label: { show: labelled, formatter: '{b}', position: 'insideEndTop', color: '#555' },
      data: starts.map(function (e) { return { xAxis: e.iteration, name: 'epoch ' + e.epoch }; }) };
  }
  function legendOf(o) {
    o.legend.data = shownWithData().map(function (sid) {
      return { name: sid, itemStyle: { color: runColor(sid) }, lineStyle: { color: runColor(sid) } };
    });
  }
  function lineSeries(sid, label, color, data, extra) {
    var se = { name: sid, id: sid + '\u0000' + label, type: 'line', showSymbol: false, connectNulls: false,
      lineStyle: { color: color, width: 1.5, type: 'solid' }, itemStyle: { color: color }, data: data,
      tooltip: { formatter: function (p) { return sid + ' · ' + label + '\niteration ' + p.value[0] + ': ' + fmt(p.value[1]); } } };
    Object.keys(extra || {}).forEach(function (k) { se[k] = extra[k]; });
    return se;
  }

  // ---- sessions ------------------------------------------------------------------------------------
  function hp(s, names) {
    var h = s.hyperparameters || {};
    for (var i = 0; i < names.length; i++) { if (h[names[i]] !== undefined) { return h[names[i]]; } }
    return undefined;
  }
  function sessionLabel(s) {
    var parts = [['activation', ['act', 'activation']], ['init', ['init', 'weight_init', 'weightInit']],
      ['updater', ['optimizer', 'updater']], ['lr', ['lr', 'learning_rate', 'learningRate']]];
    var bits = [];
    parts.forEach(function (p) {
      var v = hp(s, p[1]);
      if (v !== undefined) { bits.push(p[0] + ' ' + v); }
    });
    return bits.join(', ');
  }
  function renderSessions() {
    var box = $('sessions');
    var sig = JSON.stringify([state.sessions.map(function (s) { return [s.id, s.workers]; }), state.shown]);
    if (box.getAttribute('data-sig') === sig) { return; }
    box.setAttribute('data-sig', sig);
    box.textContent = '';
    state.sessions.forEach(function (s) {
      var row = document.createElement('div');
      row.className = 'run';
      var cb = document.createElement('input');
      cb.type = 'checkbox';
      cb.value = s.id;
      cb.checked = state.shown.indexOf(s.id) >= 0;
      cb.addEventListener('change', function () {
        state.userChose = true;
        var ticked = Array.prototype.filter.call(box.querySelectorAll('input[type=checkbox]'), function (i) {
          return i.checked;
        }).map(function (i) { return i.value; });
        state.shown = ticked.slice(0, MAX_SHOWN);
        refresh();
      });
      var sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = 'linear-gradient(90deg,' + shade(s.id, 0, 3) + ',' + shade(s.id, 2, 3) + ')';
      var name = document.createElement('b');
      name.textContent = s.id;
      name.style.color = runColor(s.id);
      var info = document.createElement('span');
      info.className = 'hp';
      info.textContent = sessionLabel(s) + ' · ' + (s.modelClass || '?') + ', ' + (s.layers || 0) + ' layers'
        + (s.latestIteration === null ? '' : ', iteration ' + s.latestIteration);
      row.appendChild(cb); row.appendChild(sw); row.appendChild(name); row.appendChild(info);
      if (s.workers && s.workers.length > 1) {
        var sel = document.createElement('select');
        sel.setAttribute('data-session', s.id);
        s.workers.forEach(function (w) {
          var o = document.createElement('option');
          o.value = w; o.textContent = 'worker ' + w;
          sel.appendChild(o);
        });
        sel.value = state.worker[s.id] || s.workers[0];
        sel.addEventListener('change', function () { state.worker[s.id] = sel.value; refresh(); });
        var l = document.createElement('label');
        l.textContent = ' ' + s.workers.length + ' workers: ';
        l.appendChild(sel);
        row.appendChild(l);
      }
      box.appendChild(row);
    });
  }

  // ---- gradient flow: one layer x iteration map per run, one colour scale --------------------------
  function renderFlow() {
    var runs = shownWithData();
    var n = Math.max(1, runs.length);
    var o = { animation: false, tooltip: { renderMode: 'richText', confine: true }, title: [], grid: [], xAxis: [],
      yAxis: [], series: [] };
    var lo = Infinity, hi = -Infinity;
    runs.forEach(function (sid) {
      params(state.series[sid], 'gradients', 'rms').forEach(function (p) {
        state.series[sid].series[p.key].forEach(function (v) {
          var x = num(v);
          if (isFinite(x) && x > 0) { lo = Math.min(lo, Math.log10(x)); hi = Math.max(hi, Math.log10(x)); }
        });
      });
    });
    if (!isFinite(lo)) { lo = -8; hi = 0; }
    lo = Math.floor(lo); hi = Math.max(lo + 1, Math.ceil(hi));
    var width = 88 / n;
    runs.forEach(function (sid, r) {
      var s = state.series[sid];
      var ps = params(s, 'gradients', 'rms');
      var left = 4 + r * width;
      o.title.push({ text: sid, left: (left + 1) + '%', top: 0, textStyle: { fontSize: 13, color: runColor(sid) } });
      o.grid.push({ left: (left + 3.5) + '%', width: (width - 5) + '%', top: 28, bottom: 40 });
      o.xAxis.push({ type: 'category', gridIndex: r, data: s.iterations.map(String), name: 'iteration',
        nameLocation: 'middle', nameGap: 24, axisLabel: { hideOverlap: true } });
      o.yAxis.push({ type: 'category', gridIndex: r, data: ps.map(paramLabel),
        axisLabel: { fontSize: 10, width: 60, overflow: 'truncate' } });
      var data = [];
      ps.forEach(function (p, row) {
        s.series[p.key].forEach(function (v, col) {
          var x = num(v);
          if (isFinite(x) && x > 0) { data.push([col, row, Math.log10(x)]); }
        });
      });
      o.series.push({ name: sid, type: 'heatmap', xAxisIndex: r, yAxisIndex: r, data: data, progressive: 0,
        tooltip: { formatter: function (p) {
          return sid + ' · ' + paramLabel(ps[p.value[1]]) + '\niteration ' + s.iterations[p.value[0]]
            + ': RMS ' + fmt(Math.pow(10, p.value[2]));
        } } });
    });
    o.visualMap = { min: lo, max: hi, calculable: true, orient: 'vertical', right: 0, top: 30, itemHeight: 200,
      precision: 0, formatter: function (v) { return '1e' + Math.round(v); }, text: ['RMS', ''],
      inRange: { color: ['#1b0c41', '#4a0c6b', '#a52c60', '#ed6925', '#fbb61a', '#fcffa4'] } };
    chart('chart-flow').setOption(o, true);
    mark('chart-flow', runs);
  }

  // ---- depth profile on a fixed axis -----------------------------------------------------------------
  function maxIteration() {
    var m = 0;
    shownWithData().forEach(function (sid) { m = Math.max(m, num(state.series[sid].latestIteration) || 0); });
    return m;
  }
  function renderDepth() {
    var slider = $('iteration-slider');
    slider.max = String(maxIteration());
    if ($('follow-latest').checked) { slider.value = slider.max; }
    var at = Number(slider.value);
    $('depth-iteration').textContent = String(at);
    var o = timeOption('log', 'gradient RMS');
    o.xAxis = { type: 'category', name: 'layer (input → output)', nameLocation: 'middle', nameGap: 26, data: [] };
    var lo = Infinity, hi = -Infinity, cats = [];
    var runs = shownWithData();
    runs.forEach(function (sid) {
      params(state.series[sid], 'gradients', 'rms').forEach(function (p) {
        if (cats.indexOf(paramLabel(p)) < 0) { cats.push(paramLabel(p)); }
        state.series[sid].series[p.key].forEach(function (v) {
          var x = num(v);
          if (isFinite(x) && x > 0) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        });
      });
    });
    o.xAxis.data = cats;
    if (isFinite(lo)) {
      o.yAxis.min = Math.pow(10, Math.floor(Math.log10(lo)));
      o.yAxis.max = Math.pow(10, Math.ceil(Math.log10(hi)));
    }
    runs.forEach(function (sid) {
      var s = state.series[sid];
      var i = 0;
      while (i + 1 < s.iterations.length && s.iterations[i + 1] <= at) { i++; }
      var ps = params(s, 'gradients', 'rms');
      var it = s.iterations[i];
      o.series.push(lineSeries(sid, 'iteration ' + it, runColor(sid), ps.map(function (p) {
        return [paramLabel(p), logValue(s.series[p.key][i])];
      }), { showSymbol: true, symbol: 'circle', symbolSize: 6, lineStyle: { color: runColor(sid), width: 2.5, type: 'solid' },
        tooltip: { formatter: function (p) { return sid + ' at iteration ' + it + '\n' + p.value[0] + ': RMS ' + fmt(p.value[1]); } } }));
    });
    legendOf(o);
    chart('chart-depth').setOption(o, true);
    mark('chart-depth', runs);
  }

  // ---- per-layer time charts -------------------------------------------------------------------------
  function renderPerLayer(id, kind, stat, yType, yName, decorate) {
    var o = timeOption(yType, yName);
    var runs = shownWithData();
    runs.forEach(function (sid, r) {
      var s = state.series[sid];
      var ps = params(s, kind, stat);
      ps.forEach(function (p, k) {
        var se = lineSeries(sid, paramLabel(p), shade(sid, k, ps.length),
          s.iterations.map(function (it, i) { return [it, (yType === 'log' ? logValue : linValue)(s.series[p.key][i])]; }));
        if (k === 0) { se.markLine = epochMarks(s, sid, r === 0); }
        o.series.push(se);
      });
      if (decorate) { decorate(o, sid, s); }
    });
    legendOf(o);
    chart(id).setOption(o, true);
    mark(id, runs);
    return o;
  }
  function renderRms() {
    renderPerLayer('chart-rms', 'gradients', 'rms', 'log', 'gradient RMS', function (o, sid, s) {
      var bad = [];
      Object.keys(s.nonFinite || {}).forEach(function (k) { s.nonFinite[k].forEach(function (it) { bad.push([it, 1]); }); });
      if (bad.length) {
        o.yAxis = Array.isArray(o.yAxis) ? o.yAxis : [o.yAxis, { type: 'value', show: false, min: 0, max: 1 }];
        o.series.push({ name: sid, id: sid + '\u0000NaN/Inf', type: 'scatter', yAxisIndex: 1, symbol: 'triangle',
          symbolSize: 10, itemStyle: { color: runColor(sid), borderColor: '#d00', borderWidth: 2 }, data: bad,
          tooltip: { formatter: function (p) { return sid + ': NaN or Inf in the gradient at iteration ' + p.value[0]; } } });
      }
    });
  }
  function renderRatio() {
    var o = renderPerLayer('chart-ratio', 'updates', 'ratio', 'log', 'update:weight');
    if (o.series.length) {
      o.series[0].markArea = { silent: true, itemStyle: { color: 'rgba(40,170,40,0.10)' },
        data: [[{ yAxis: 1e-4 }, { yAxis: 1e-2 }]] };
      chart('chart-ratio').setOption(o, true);
    }
  }
  function renderActivations() {
    var o = timeOption('value', 'fraction of units');
    o.yAxis.min = 0; o.yAxis.max = 1; o.yAxis.scale = false;
    var runs = shownWithData();
    runs.forEach(function (sid, r) {
      var s = state.series[sid];
      [['dead_fraction', 'dead', 'solid', 'circle'], ['saturated_fraction', 'saturated', 'dashed', 'triangle']]
        .forEach(function (kind, kk) {
          var ps = params(s, 'activations', kind[0]);
          ps.forEach(function (p, k) {
            var values = s.series[p.key].map(num);
            if (!values.some(isFinite)) { return; }
            var color = shade(sid, k, ps.length);
            var se = lineSeries(sid, p.layer + ' ' + kind[1], color,
              s.iterations.map(function (it, i) { return [it, linValue(values[i])]; }),
              { showSymbol: true, symbol: kind[3], symbolSize: 5,
                lineStyle: { color: color, width: 1.5, type: kind[2] } });
            if (k === 0 && kk === 0) { se.markLine = epochMarks(s, sid, r === 0); }
            o.series.push(se);
          });
        });
    });
    legendOf(o);
    chart('chart-activations').setOption(o, true);
    mark('chart-activations', runs);
  }
  function accuracyLike(m) {
    if (/loss/i.test(m.name)) { return false; }
    return /acc|precision|recall|f1|auc/i.test(m.name) || m.values.map(num).every(function (v) {
      return !isFinite(v) || (v >= 0 && v <= 1);
    });
  }
  function renderLoss() {
    var o = timeOption('value', 'loss');
    o.yAxis = [yAxis('value', 'loss'), { type: 'value', name: 'accuracy', min: 0, max: 1, nameLocation: 'end',
      nameGap: 12, nameTextStyle: { align: 'right' }, splitLine: { show: false } }];
    var runs = shownWithData();
    runs.forEach(function (sid, r) {
      var s = state.series[sid];
      o.series.push(lineSeries(sid, 'training loss', runColor(sid),
        s.iterations.map(function (it, i) { return [it, linValue(s.loss[i])]; }),
        { markLine: epochMarks(s, sid, r === 0) }));
      s.metrics.forEach(function (m) {
        var acc = accuracyLike(m);
        var color = shade(sid, acc ? 2 : 0, 3);
        o.series.push(lineSeries(sid, m.name, color, m.iterations.map(function (it, i) { return [it, linValue(m.values[i])]; }),
          { yAxisIndex: acc ? 1 : 0, showSymbol: true, symbol: acc ? 'circle' : 'rect', symbolSize: 7,
            lineStyle: { color: color, width: 2, type: acc ? 'dashed' : 'dotted' } }));
      });
    });
    legendOf(o);
    chart('chart-loss').setOption(o, true);
    mark('chart-loss', runs);
  }
  function renderTable() {
    var body = $('latest-table').tBodies[0];
    body.textContent = '';
    shownWithData().forEach(function (sid) {
      var s = state.series[sid];
      params(s, 'gradients', 'rms').forEach(function (p) {
        var base = 'gradients/' + p.layer + '/' + p.param + '/';
        var tr = document.createElement('tr');
        tr.setAttribute('data-layer', p.layer);
        [sid, p.layer, p.param, fmt(s.latest[base + 'rms']), fmt(s.latest[base + 'max_abs']),
          fmt(s.latest['updates/' + p.layer + '/' + p.param + '/ratio']), fmt(s.latest[base + 'nan_count']),
          fmt(s.latest[base + 'inf_count'])].forEach(function (text, i) {
          var td = document.createElement('td');
          td.textContent = text;
          if (i === 0) { td.style.color = runColor(sid); }
          if (i >= 3 && (text === 'NaN' || /Infinity/.test(text) || (i >= 6 && text !== '0' && text !== 'NaN'))) {
            td.className = 'nonfinite';
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    });
  }

  // ---- gradient histogram of one run and layer -------------------------------------------------------
  function syncSelect(select, values, labels) {
    var existing = Array.prototype.map.call(select.options, function (o) { return o.value; });
    if (JSON.stringify(existing) === JSON.stringify(values)) { return; }
    var keep = select.value;
    select.textContent = '';
    values.forEach(function (v, i) {
      var opt = document.createElement('option');
      opt.value = v; opt.textContent = labels[i];
      select.appendChild(opt);
    });
    if (values.indexOf(keep) >= 0) { select.value = keep; }
  }
  function refreshHeatmap() {
    var runs = shownWithData();
    syncSelect($('heatmap-run'), runs, runs);
    var sid = $('heatmap-run').value;
    if (!sid || !state.series[sid]) { return Promise.resolve(); }
    var ps = params(state.series[sid], 'gradients', 'rms');
    syncSelect($('heatmap-layer'), ps.map(function (p) { return p.layer + '\u0000' + p.param; }),
      ps.map(function (p) { return p.layer + '/' + p.param; }));
    if (!$('heatmap-layer').value) { return Promise.resolve(); }
    var parts = $('heatmap-layer').value.split('\u0000');
    return getJson('heatmap?' + q({ session: sid, worker: state.series[sid].worker, layer: parts[0], param: parts[1] }))
      .then(function (r) {
        if (r.status !== 200) { return; }
        var d = r.body;
        var used = {};
        d.cells.forEach(function (c) { used[c[1]] = true; });
        var rows = Object.keys(used).map(Number).sort(function (a, b) { return a - b; });
        var lo = rows.length ? rows[0] : 0, hi = rows.length ? rows[rows.length - 1] : 0;
        var o = {
          animation: false,
          title: { text: sid + ' · ' + parts[0] + '/' + parts[1], left: 0, top: 0, textStyle: { fontSize: 13, color: runColor(sid) } },
          tooltip: { renderMode: 'richText', confine: true },
          grid: { left: 12, right: 30, top: 34, bottom: 80, containLabel: true },
          xAxis: { type: 'category', name: 'iteration', nameLocation: 'middle', nameGap: 26, data: d.iterations.map(String) },
          yAxis: { type: 'category', name: '|gradient|', nameLocation: 'end',
            data: d.rows.slice(lo, hi + 1).map(function (b) { return b.label; }) },
          visualMap: { min: 0, max: Math.max(1, Math.log10(Math.max(1, num(d.maxCount)))), calculable: true,
            orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, text: ['log10 count', ''], precision: 1 },
          series: [{ name: sid, type: 'heatmap', data: d.cells.map(function (c) { return [c[0], c[1] - lo, Math.log10(num(c[2]))]; }) }]
        };
        chart('chart-heatmap').setOption(o, true);
        mark('chart-heatmap', [sid]);
      });
  }

  // ---- diagnosis for every shown run ------------------------------------------------------------------
  function renderVerdicts() {
    var list = $('verdicts');
    list.textContent = '';
    var rows = [], series = [];
    var runs = shownWithData();
    runs.forEach(function (sid) {
      var d = state.verdicts[sid];
      if (!d) { return; }
      var li;
      if (!d.active.length) {
        li = document.createElement('li');
        li.className = 'none';
        li.style.borderColor = runColor(sid);
        li.textContent = sid + ': no active verdict.';
        list.appendChild(li);
      }
      d.active.forEach(function (v) {
        li = document.createElement('li');
        li.style.borderColor = runColor(sid);
        var who = document.createElement('b');
        who.textContent = sid + ' ';
        who.style.color = runColor(sid);
        var sev = document.createElement('span');
        sev.className = 'sev ' + (v.severity || 'WARNING');
        sev.textContent = v.severity || 'WARNING';
        li.appendChild(who); li.appendChild(sev);
        li.appendChild(document.createTextNode(v.problem + ' · ' + v.layer + (v.param ? '/' + v.param : '')
          + ' since iteration ' + v.firstIteration + ': ' + v.message));
        list.appendChild(li);
      });
      var open = {};
      var latest = num(state.series[sid].latestIteration) || 0;
      var segs = [];
      d.timeline.forEach(function (e) {
        var key = sid + ' · ' + e.problem + ' ' + e.layer + (e.param ? '/' + e.param : '');
        if (rows.indexOf(key) < 0) { rows.push(key); }
        if (e.event === 'started') { open[key] = e; }
        if (e.event === 'ended' && open[key]) { segs.push([key, open[key].iteration, e.iteration, open[key].severity]); delete open[key]; }
      });
      Object.keys(open).forEach(function (k) { segs.push([k, open[k].iteration, latest, open[k].severity]); });
      segs.forEach(function (sg, i) {
        var note = sg[3] === 'NOTE';
        series.push({ name: sid, id: sid + '\u0000' + sg[0] + i, type: 'line', symbol: note ? 'emptyCircle' : 'circle',
          symbolSize: 8, lineStyle: { width: note ? 4 : 8, type: note ? 'dashed' : 'solid', color: runColor(sid) },
          itemStyle: { color: runColor(sid) }, data: [[sg[1], sg[0]], [sg[2], sg[0]]],
          tooltip: { formatter: sg[0] + ' (' + (sg[3] || 'WARNING') + ')\niterations ' + sg[1] + ' to ' + sg[2] } });
      });
    });
    $('chart-timeline').hidden = rows.length === 0;
    if (!rows.length) { return; }
    $('chart-timeline').style.height = Math.max(120, 40 + 26 * rows.length) + 'px';
    var o = {
      animation: false,
      tooltip: { trigger: 'item', renderMode: 'richText' },
      grid: { left: 8, right: 30, top: 10, bottom: 34, containLabel: true },
      xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 24, scale: true },
      yAxis: { type: 'category', data: rows, axisLabel: { fontSize: 11 } },
      series: series
    };
    chart('chart-timeline').setOption(o, true);
    chart('chart-timeline').resize();
    mark('chart-timeline', runs);
  }

  // ---- polling ---------------------------------------------------------------------------------------
  function refresh() {
    var sids = state.shown.slice();
    return Promise.all(sids.map(function (sid) {
      var w = state.worker[sid];
      var base = w ? { session: sid, worker: w } : { session: sid };
      return Promise.all([
        getJson('series?' + q(Object.assign({ points: POINTS, keys: keysWanted() }, base))),
        getJson('verdicts?' + q(base))
      ]).then(function (r) {
        if (r[0].status === 200) { state.series[sid] = r[0].body; }
        if (r[1].status === 200) { state.verdicts[sid] = r[1].body; }
      });
    })).then(function () {
      var counter = $('latest-iteration');
      var m = maxIteration();
      counter.textContent = String(m);
      counter.setAttribute('data-iteration', shownWithData().length ? String(m) : '');
      renderFlow();
      renderDepth();
      renderRms();
      renderLoss();
      renderVerdicts();
      renderRatio();
      renderActivations();
      renderTable();
      return refreshHeatmap();
    });
  }
  function refreshScale() {
    if (state.scale || !state.sessions.length) { return Promise.resolve(); }
    return getJson('layers?' + q({ session: state.sessions[0].id })).then(function (r) {
      if (r.status !== 200) { return; }
      state.scale = r.body.gradientScaleDescription || r.body.gradientScale || '';
      $('scale').textContent = state.scale ? 'Gradient shown: ' + state.scale
        + ' (before the updater; "update" is what the updater subtracted).' : '';
    });
  }
  // DL4J's own pages of one run: /train/<session>/overview when DL4J serves several sessions, else /train/overview.
  function linkDl4j(multi, sid) {
    if (!sid) { return; }
    ['overview', 'model', 'system'].forEach(function (page) {
      $('dl4j-' + page).href = multi ? '/train/' + encodeURIComponent(sid) + '/' + page : '/train/' + page;
    });
    $('dl4j-run').textContent = sid;
  }
  function poll() {
    getJson('sessions').then(function (r) {
      // Newest first; the first MAX_SHOWN are shown until the user chooses.
      state.sessions = (r.body.sessions || []).slice().reverse();
      var ids = state.sessions.map(function (s) { return s.id; });
      state.shown = state.shown.filter(function (id) { return ids.indexOf(id) >= 0; });
      if (!state.userChose) { state.shown = ids.slice(0, MAX_SHOWN); }
      $('empty').hidden = ids.length > 0;
      $('content').hidden = ids.length === 0;
      renderSessions();
      linkDl4j(r.body.dl4jMultiSession, state.shown[0]);
      if (!ids.length) { $('status').textContent = 'waiting for a session'; return null; }
      return refreshScale().then(refresh).then(function () {
        Object.keys(charts).forEach(function (k) { charts[k].resize(); });
        $('status').textContent = 'updated ' + new Date().toLocaleTimeString();
      });
    }).catch(function (e) {
      $('status').textContent = 'server unreachable, retrying';
      console.warn('gradwatch: poll failed', e);
    }).then(function () { setTimeout(poll, POLL_MS); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('param-filter').addEventListener('change', refresh);
    $('heatmap-run').addEventListener('change', refreshHeatmap);
    $('heatmap-layer').addEventListener('change', refreshHeatmap);
    $('iteration-slider').addEventListener('input', function () {
      $('follow-latest').checked = false;
      renderDepth();
    });
    $('follow-latest').addEventListener('change', renderDepth);
    window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
    poll();
  });
})();
