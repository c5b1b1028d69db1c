// gradwatch Gradients page. Every name from the model reaches the DOM through textContent or
// ECharts' canvas text (tooltips use renderMode "richText"), never through innerHTML.
(function () {
  'use strict';
  var POLL_MS = 2000;
  var API = '/gradients/api/';
  var state = { sessions: [], selected: [], series: {}, heatmapLayer: null, sliderTouched: false };
  var charts = {};

  function $(id) { return document.getElementById(id); }

  // Non-finite numbers arrive as the strings "NaN", "Infinity", "-Infinity".
  function num(v) {
    if (v === null || v === undefined) { return NaN; }
    return typeof v === 'string' ? Number(v) : v;
  }
  function fmt(v) {
    var x = num(v);
    if (isNaN(x)) { return 'NaN'; }
    if (!isFinite(x)) { return x > 0 ? 'Infinity' : '-Infinity'; }
    if (x === 0) { return '0'; }
    return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(3);
  }
  // A value for a log axis: positive and finite, else a gap.
  function logValue(v) { var x = num(v); return (isFinite(x) && x > 0) ? x : '-'; }
  function linValue(v) { var x = num(v); return isFinite(x) ? x : '-'; }

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
  function baseOption(yType, yName) {
    return {
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      legend: { type: 'scroll', top: 0, data: [] },
      grid: { left: 70, right: 30, top: 40, bottom: 50 },
      xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: yType, name: yName, scale: true },
      dataZoom: [{ type: 'inside' }],
      series: []
    };
  }
  function setLayers(id, names) { $(id).setAttribute('data-layers', JSON.stringify(names)); }

  function label(sessionId, name) {
    return state.selected.length > 1 ? sessionId + ' · ' + name : name;
  }
  function paramShown(p) {
    var f = $('param-filter').value;
    return f === '*' || p.param === f;
  }

  function renderSessions() {
    var box = $('sessions');
    var ids = state.sessions.map(function (s) { return s.id; });
    var existing = Array.prototype.map.call(box.querySelectorAll('input'), function (i) { return i.value; });
    if (JSON.stringify(ids) === JSON.stringify(existing)) { return; }
    box.textContent = '';
    state.sessions.forEach(function (s) {
      var l = document.createElement('label');
      var cb = document.createElement('input');
      cb.type = 'checkbox';
      cb.value = s.id;
      cb.checked = state.selected.indexOf(s.id) >= 0;
      cb.addEventListener('change', function () {
        state.selected = Array.prototype.filter.call(box.querySelectorAll('input'), function (i) { return i.checked; })
          .map(function (i) { return i.value; });
        refresh();
      });
      l.appendChild(cb);
      var hp = s.hyperparameters || {};
      var summary = Object.keys(hp).filter(function (k) { return /activation|weightInit|updater|learningRate/i.test(k); })
        .map(function (k) { return k + '=' + hp[k]; }).join(', ');
      l.appendChild(document.createTextNode(' ' + s.id + ' (' + (s.modelClass || '?') + ', ' + (s.layers || 0)
        + ' layers' + (summary ? ', ' + summary : '') + ')'));
      box.appendChild(l);
    });
  }

  // One line per shown parameter of every selected run, from the per-parameter array p[field];
  // calls each(sid, s) once per run so a chart can add its own series.
  function paramLines(o, field, each) {
    var names = [], layers = [];
    state.selected.forEach(function (sid) {
      var s = state.series[sid];
      if (!s) { return; }
      s.params.filter(paramShown).forEach(function (p) {
        var name = label(sid, p.layer + '/' + p.param);
        names.push(name);
        if (layers.indexOf(p.layer) < 0) { layers.push(p.layer); }
        o.series.push({ name: name, type: 'line', showSymbol: false, connectNulls: false,
          data: s.iterations.map(function (it, i) { return [it, logValue(p[field][i])]; }) });
      });
      if (each) { each(sid, s, names); }
    });
    return { names: names, layers: layers };
  }

  function renderRms() {
    var o = baseOption('log', 'gradient RMS');
    var lines = paramLines(o, 'gradientRms', function (sid, s, names) {
      var bad = [];
      s.params.forEach(function (p) { p.nonFiniteIterations.forEach(function (it) { bad.push([it, 1]); }); });
      if (bad.length) {
        o.series.push({ name: label(sid, 'NaN/Inf'), type: 'scatter', yAxisIndex: 1, symbol: 'triangle',
          itemStyle: { color: '#d00' }, data: bad });
        names.push(label(sid, 'NaN/Inf'));
      }
    });
    o.yAxis = [o.yAxis, { type: 'value', show: false, min: 0, max: 1 }];
    o.legend.data = lines.names;
    chart('chart-rms').setOption(o, true);
    setLayers('chart-rms', lines.layers);
  }

  function renderRatio() {
    var o = baseOption('log', 'update:weight');
    var lines = paramLines(o, 'updateRatio');
    if (o.series.length) {
      o.series[0].markLine = { silent: true, symbol: 'none', lineStyle: { color: '#2a2', type: 'dashed' },
        label: { formatter: '1e-3' }, data: [{ yAxis: 1e-3 }] };
      o.series[0].markArea = { silent: true, itemStyle: { color: 'rgba(40,170,40,0.08)' },
        data: [[{ yAxis: 1e-4 }, { yAxis: 1e-2 }]] };
    }
    o.legend.data = lines.names;
    chart('chart-ratio').setOption(o, true);
    setLayers('chart-ratio', lines.layers);
  }

  function renderActivations() {
    var o = baseOption('value', 'fraction');
    o.yAxis.min = 0; o.yAxis.max = 1; o.yAxis.scale = false;
    var names = [], layers = [];
    state.selected.forEach(function (sid) {
      var s = state.series[sid];
      if (!s) { return; }
      s.activations.forEach(function (a) {
        if (layers.indexOf(a.layer) < 0) { layers.push(a.layer); }
        [['dead', a.dead], ['saturated', a.saturated]].forEach(function (kv) {
          var values = kv[1].map(num);
          if (!values.some(isFinite)) { return; }
          var name = label(sid, a.layer + ' ' + kv[0]);
          names.push(name);
          o.series.push({ name: name, type: 'line', showSymbol: false,
            lineStyle: kv[0] === 'dead' ? {} : { type: 'dashed' },
            data: s.iterations.map(function (it, i) { return [it, linValue(kv[1][i])]; }) });
        });
      });
    });
    o.legend.data = names;
    chart('chart-activations').setOption(o, true);
    setLayers('chart-activations', layers);
  }

  function renderLoss() {
    var o = baseOption('value', 'loss');
    o.yAxis = [{ type: 'value', name: 'loss', scale: true }, { type: 'value', name: 'metric', scale: true }];
    var names = [];
    state.selected.forEach(function (sid) {
      var s = state.series[sid];
      if (!s) { return; }
      var name = label(sid, 'loss');
      names.push(name);
      o.series.push({ name: name, type: 'line', showSymbol: false,
        data: s.iterations.map(function (it, i) { return [it, linValue(s.loss[i])]; }) });
      s.metrics.forEach(function (m) {
        var mn = label(sid, m.name);
        names.push(mn);
        o.series.push({ name: mn, type: 'line', yAxisIndex: 1, showSymbol: true,
          data: m.iterations.map(function (it, i) { return [it, linValue(m.values[i])]; }) });
      });
    });
    o.legend.data = names;
    chart('chart-loss').setOption(o, true);
  }

  function renderTable() {
    var body = $('latest-table').tBodies[0];
    body.textContent = '';
    state.selected.forEach(function (sid) {
      var s = state.series[sid];
      if (!s) { return; }
      s.params.forEach(function (p) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-layer', p.layer);
        [sid, p.layer, p.param, fmt(p.latest.gradientRms), fmt(p.latest.gradientMaxAbs), fmt(p.latest.updateRatio),
          fmt(p.latest.nanCount), fmt(p.latest.infCount)].forEach(function (text, i) {
          var td = document.createElement('td');
          td.textContent = text;
          if (i >= 3 && (text === 'NaN' || /Infinity/.test(text) || (i >= 6 && text !== '0'))) {
            td.className = 'nonfinite';
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    });
  }

  function primary() { return state.selected.length ? state.selected[0] : null; }

  function renderSlider() {
    var s = state.series[primary()];
    var slider = $('iteration-slider');
    if (!s || !s.iterations.length) { slider.max = 0; return; }
    slider.max = s.iterations.length - 1;
    if ($('follow-latest').checked) { slider.value = slider.max; }
  }

  function refreshDepth() {
    var sid = primary(), s = state.series[sid];
    if (!s || !s.iterations.length) { return Promise.resolve(); }
    var iteration = s.iterations[Math.min(Number($('iteration-slider').value), s.iterations.length - 1)];
    var sids = state.selected.filter(function (id) { return state.series[id]; });
    return Promise.all(sids.map(function (id) {
      return getJson('depth?' + q({ session: id, iteration: iteration }));
    })).then(function (replies) {
      var o = baseOption('log', 'value');
      o.xAxis = { type: 'category', name: 'layer (input → output)', nameLocation: 'middle', nameGap: 28, data: [] };
      o.tooltip.trigger = 'axis';
      var names = [], layers = [];
      replies.forEach(function (r, k) {
        if (r.status !== 200) { return; }
        var d = r.body;
        if (k === 0) { $('depth-iteration').textContent = d.iteration === null ? '–' : String(d.iteration); }
        var ps = d.params.filter(paramShown);
        ps.forEach(function (p) { if (layers.indexOf(p.layer) < 0) { layers.push(p.layer); } });
        [['gradient RMS', 'gradientRms'], ['update:weight', 'updateRatio']].forEach(function (kv) {
          var name = label(sids[k], kv[0]);
          names.push(name);
          o.series.push({ name: name, type: 'line', data: ps.map(function (p) {
            return [p.layer + (($('param-filter').value === '*') ? '/' + p.param : ''), logValue(p[kv[1]])];
          }) });
        });
      });
      var cats = [];
      o.series.forEach(function (se) { se.data.forEach(function (d) { if (cats.indexOf(d[0]) < 0) { cats.push(d[0]); } }); });
      o.xAxis.data = cats;
      o.legend.data = names;
      chart('chart-depth').setOption(o, true);
      setLayers('chart-depth', layers);
    });
  }

  function refreshHeatmap() {
    var sid = primary(), s = state.series[sid];
    var select = $('heatmap-layer');
    if (!s) { return Promise.resolve(); }
    var keys = s.params.map(function (p) { return p.layer + '\u0000' + p.param; });
    var existing = Array.prototype.map.call(select.options, function (o) { return o.value; });
    if (JSON.stringify(keys) !== JSON.stringify(existing)) {
      var keep = select.value;
      select.textContent = '';
      s.params.forEach(function (p) {
        var opt = document.createElement('option');
        opt.value = p.layer + '\u0000' + p.param;
        opt.textContent = p.layer + '/' + p.param;
        select.appendChild(opt);
      });
      if (keys.indexOf(keep) >= 0) { select.value = keep; }
    }
    if (!select.value) { return Promise.resolve(); }
    var parts = select.value.split('\u0000');
    return getJson('heatmap?' + q({ session: sid, layer: parts[0], param: parts[1] })).then(function (r) {
      if (r.status !== 200) { return; }
      var d = r.body;
      var used = {};
      d.cells.forEach(function (c) { used[c[1]] = true; });
      var rows = Object.keys(used).map(Number).sort(function (a, b) { return a - b; });
      var lo = rows.length ? rows[0] : 0, hi = rows.length ? rows[rows.length - 1] : 0;
      var yLabels = d.bins.slice(lo, hi + 1).map(function (b) { return b.label; });
      var o = {
        animation: false,
        tooltip: { renderMode: 'richText', confine: true },
        grid: { left: 80, right: 30, top: 30, bottom: 95 },
        xAxis: { type: 'category', name: 'iteration', nameLocation: 'middle', nameGap: 28,
          data: d.iterations.map(String) },
        yAxis: { type: 'category', name: '|gradient| bin', nameLocation: 'end', data: yLabels },
        // Colour by log10(count): bins differ by orders of magnitude.
        visualMap: { min: 0, max: Math.max(1, Math.log10(Math.max(1, num(d.maxCount)))), calculable: true,
          orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: ['log10 count', ''], precision: 1 },
        series: [{ name: parts[0] + '/' + parts[1], type: 'heatmap',
          data: d.cells.map(function (c) { return [c[0], c[1] - lo, Math.log10(num(c[2]))]; }) }]
      };
      chart('chart-heatmap').setOption(o, true);
      setLayers('chart-heatmap', [parts[0]]);
    });
  }

  function refreshVerdicts() {
    var sid = primary();
    if (!sid) { return Promise.resolve(); }
    return getJson('verdicts?' + q({ session: sid })).then(function (r) {
      var list = $('verdicts');
      list.textContent = '';
      if (r.status !== 200) { return; }
      var d = r.body;
      if (!d.active.length) {
        var none = document.createElement('li');
        none.className = 'none';
        none.textContent = 'No active verdict for ' + sid + '.';
        list.appendChild(none);
      }
      d.active.forEach(function (v) {
        var li = document.createElement('li');
        li.textContent = v.problem + ' · ' + v.layer + (v.param ? '/' + v.param : '') + ' since iteration '
          + v.firstIteration + ': ' + v.message;
        list.appendChild(li);
      });
      // Timeline: one row per verdict, a segment from each start to its end (or the latest iteration).
      var open = {}, segments = [], rows = [];
      var latest = state.series[sid] ? num(state.series[sid].latestIteration) : 0;
      d.timeline.forEach(function (e) {
        var key = e.problem + ' ' + e.layer + (e.param ? '/' + e.param : '');
        if (rows.indexOf(key) < 0) { rows.push(key); }
        if (e.event === 'started') { open[key] = e.iteration; }
        if (e.event === 'ended' && open[key] !== undefined) {
          segments.push([key, open[key], e.iteration]);
          delete open[key];
        }
      });
      Object.keys(open).forEach(function (k) { segments.push([k, open[k], latest]); });
      $('chart-timeline').hidden = rows.length === 0;
      $('timeline-empty').hidden = rows.length > 0;
      if (!rows.length) { return; }
      var o = {
        animation: false,
        tooltip: { renderMode: 'richText' },
        grid: { left: 220, right: 30, top: 10, bottom: 40 },
        xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 25, scale: true },
        yAxis: { type: 'category', data: rows },
        series: segments.map(function (sg) {
          return { name: sg[0], type: 'line', symbolSize: 6, lineStyle: { width: 6 }, data: [[sg[1], sg[0]], [sg[2], sg[0]]] };
        })
      };
      chart('chart-timeline').setOption(o, true);
    });
  }

  function refresh() {
    var sids = state.selected.slice();
    return Promise.all(sids.map(function (sid) {
      return getJson('series?' + q({ session: sid, points: 500 })).then(function (r) {
        if (r.status === 200) { state.series[sid] = r.body; }
      });
    })).then(function () {
      var p = state.series[primary()];
      var counter = $('latest-iteration');
      if (p && p.latestIteration !== null) {
        counter.textContent = String(p.latestIteration);
        counter.setAttribute('data-iteration', String(p.latestIteration));
      }
      renderRms();
      renderRatio();
      renderActivations();
      renderLoss();
      renderTable();
      renderSlider();
      return Promise.all([refreshDepth(), refreshHeatmap(), refreshVerdicts()]);
    });
  }

  function poll() {
    getJson('sessions').then(function (r) {
      state.sessions = r.body.sessions || [];
      var ids = state.sessions.map(function (s) { return s.id; });
      state.selected = state.selected.filter(function (id) { return ids.indexOf(id) >= 0; });
      if (!state.selected.length && ids.length) { state.selected = [ids[ids.length - 1]]; }
      $('empty').hidden = ids.length > 0;
      $('content').hidden = ids.length === 0;
      renderSessions();
      if (!ids.length) { $('status').textContent = 'waiting for a session'; return null; }
      return refresh().then(function () {
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
    $('heatmap-layer').addEventListener('change', refreshHeatmap);
    $('iteration-slider').addEventListener('input', function () {
      $('follow-latest').checked = false;
      refreshDepth();
    });
    $('follow-latest').addEventListener('change', refresh);
    window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
    poll();
  });
})();
