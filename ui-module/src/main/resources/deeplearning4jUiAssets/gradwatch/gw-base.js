// gradwatch page: shared state, number formatting, run colours, the columns of a run's series and chart
// scaffolding. Every name from the model reaches the DOM through textContent or ECharts' canvas text
// (tooltips use renderMode "richText"), never through innerHTML. Series are found through the structured
// column descriptors the endpoints send (kind, layer, parameter, statistic): no key is taken apart here.
(function () {
  'use strict';
  var gw = window.gw = window.gw || {};
  gw.MAX_SHOWN = 8;
  gw.state = { sessions: [], shown: [], userChose: false, worker: {}, series: {}, verdicts: {}, scale: '',
    hueSlot: {}, sort: { column: 'started', descending: true }, filter: '' };
  var charts = {};

  gw.$ = function (id) { return document.getElementById(id); };
  gw.num = function (v) {
    if (v === null || v === undefined) { return NaN; }
    return typeof v === 'string' ? Number(v) : v;
  };
  gw.fmt = function (v) {
    var x = gw.num(v);
    if (isNaN(x)) { return 'NaN'; }
    if (!isFinite(x)) { return x > 0 ? 'Infinity' : '-Infinity'; }
    if (x === 0) { return '0'; }
    return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
  };
  gw.linValue = function (v) { var x = gw.num(v); return isFinite(x) ? x : '-'; };
  gw.decadeLabel = function (v) {
    var e = Math.log10(v);
    return Math.abs(e - Math.round(e)) < 1e-6 ? '1e' + Math.round(e) : '';
  };
  gw.chart = function (id) {
    if (!charts[id]) { charts[id] = echarts.init(gw.$(id)); }
    return charts[id];
  };
  gw.resizeAll = function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); };
  gw.mark = function (id, runs) { gw.$(id).setAttribute('data-sessions', JSON.stringify(runs)); };
  // A panel with nothing to draw says why instead of showing empty axes.
  gw.explainEmpty = function (id, why) {
    var note = gw.$(id + '-empty');
    note.textContent = why || '';
    note.hidden = !why;
    gw.$(id).style.visibility = why ? 'hidden' : '';
    gw.$(id).style.height = why ? '0px' : '';
  };

  // ---- colours: one hue per drawn run (no two drawn runs share one); a run's layers are shades ------------
  var HUES = [212, 28, 135, 280, 352, 186, 48, 318];
  gw.assignHues = function () {
    var slots = gw.state.hueSlot;
    Object.keys(slots).forEach(function (sid) { if (gw.state.shown.indexOf(sid) < 0) { delete slots[sid]; } });
    gw.state.shown.forEach(function (sid) {
      if (slots[sid] !== undefined) { return; }
      var used = Object.keys(slots).map(function (k) { return slots[k]; });
      for (var i = 0; i < HUES.length; i++) { if (used.indexOf(i) < 0) { slots[sid] = i; return; } }
    });
  };
  function hueOf(sid) { var i = gw.state.hueSlot[sid]; return i === undefined ? null : HUES[i]; }
  gw.runColor = function (sid) { var h = hueOf(sid); return h === null ? '#999' : 'hsl(' + h + ',75%,42%)'; };
  // Layer k of n: dark at the input, light at the output, always in the run's hue (30%..64% lightness).
  gw.shade = function (sid, k, n) {
    var h = hueOf(sid);
    if (h === null) { return '#bbb'; }
    var l = n <= 1 ? 42 : 30 + 34 * k / (n - 1);
    return 'hsl(' + h + ',78%,' + l.toFixed(0) + '%)';
  };

  // ---- the columns of one run's series answer --------------------------------------------------------
  function lookupKey(kind, layer, parameter, statistic) {
    return [kind, layer, parameter === null || parameter === undefined ? '' : parameter, statistic].join('\u0000');
  }
  // Indexes a series answer once: column by (kind, layer, parameter, statistic), layer positions, depth.
  gw.indexSeries = function (s) {
    s.keyOf = {};
    (s.columns || []).forEach(function (c) { s.keyOf[lookupKey(c.kind, c.layer, c.parameter, c.statistic)] = c.key; });
    s.layerIndex = {};
    (s.layers || []).forEach(function (l) { s.layerIndex[l.name] = l.index; });
    // Relative depth: the layers with a gradient, in network order, from 0 (first) to 1 (output layer).
    var withGradient = [];
    (s.columns || []).forEach(function (c) {
      if (c.kind === 'gradients' && c.statistic === 'rms' && withGradient.indexOf(c.layer) < 0) { withGradient.push(c.layer); }
    });
    withGradient.sort(function (a, b) { return (s.layerIndex[a] || 0) - (s.layerIndex[b] || 0); });
    s.depthOf = {};
    withGradient.forEach(function (l, i) { s.depthOf[l] = withGradient.length < 2 ? 1 : i / (withGradient.length - 1); });
    s.gradientLayers = withGradient;
    return s;
  };
  gw.key = function (s, kind, layer, parameter, statistic) { return s.keyOf[lookupKey(kind, layer, parameter, statistic)]; };
  gw.values = function (s, key) { return key === undefined ? [] : (s.series[key] || []); };
  gw.paramChoice = function () { return gw.$('param-filter').value; };
  // The rows of one statistic, input first: [{layer, parameter, key, index, depth, label}]. With the choice
  // "main", each layer's weights W, or its first parameter when it has no W (batch norm's gamma, ...).
  gw.rows = function (s, kind, statistic, choice) {
    var byLayer = {}, order = [];
    (s.columns || []).forEach(function (c) {
      if (c.kind !== kind || c.statistic !== statistic) { return; }
      if (!byLayer[c.layer]) { byLayer[c.layer] = []; order.push(c.layer); }
      byLayer[c.layer].push(c);
    });
    order.sort(function (a, b) { return (s.layerIndex[a] || 0) - (s.layerIndex[b] || 0); });
    var all = choice === '*', out = [];
    order.forEach(function (layer) {
      var cs = byLayer[layer];
      if (!all) {
        var w = cs.filter(function (c) { return c.parameter === 'W'; });
        cs = w.length ? w : cs.slice(0, 1);
      }
      cs.forEach(function (c) {
        out.push({ layer: layer, parameter: c.parameter, key: c.key, index: s.layerIndex[layer],
          depth: s.depthOf[layer], label: all && c.parameter ? layer + ' · ' + c.parameter : layer });
      });
    });
    return out;
  };
  gw.shownWithData = function () { return gw.state.shown.filter(function (sid) { return gw.state.series[sid]; }); };

  // ---- chart scaffolding ---------------------------------------------------------------------------
  gw.yAxis = function (type, name) {
    var a = { type: type, name: name, nameLocation: 'end', nameGap: 12,
      nameTextStyle: { align: 'left', padding: [0, 0, 0, -8] } };
    if (type === 'log') { a.logBase = 10; a.axisLabel = { formatter: gw.decadeLabel }; a.minorSplitLine = { show: false }; }
    else { a.scale = true; }
    return a;
  };
  gw.timeOption = function (yType, yName) {
    return {
      animation: false,
      tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
      legend: { type: 'scroll', top: 0, left: 'center', data: [] },
      grid: { left: 12, right: 28, top: 58, bottom: 30, containLabel: true },
      xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 24, scale: true,
        axisLabel: { formatter: function (v) { return String(Math.round(v)); } } },
      yAxis: gw.yAxis(yType, yName),
      dataZoom: [{ type: 'inside' }],
      series: []
    };
  };
  // Dotted verticals at each epoch start (after the first) in the run's colour; labelled for the first run.
  gw.epochMarks = function (s, sid, labelled) {
    var starts = (s.epochStarts || []).slice(1);
    if (!starts.length) { return undefined; }
    return { silent: true, symbol: 'none', lineStyle: { type: 'dotted', color: gw.runColor(sid), width: 1 },
      label: { show: labelled, formatter: '{b}', position: 'insideEndTop', color: '#555' },
      data: starts.map(function (e) { return { xAxis: e.iteration, name: 'epoch ' + e.epoch }; }) };
  };
  gw.legendOf = function (o) {
    o.legend.data = gw.shownWithData().map(function (sid) {
      return { name: sid, itemStyle: { color: gw.runColor(sid) }, lineStyle: { color: gw.runColor(sid) } };
    });
  };
  gw.lineSeries = function (sid, label, color, data, extra) {
    var se = { name: sid, id: sid + '\u0000' + label, type: 'line', showSymbol: false, connectNulls: false,
      lineStyle: { color: color, width: 1.5, type: 'solid' }, itemStyle: { color: color }, data: data,
      tooltip: { formatter: function (p) {
        var raw = p.data && p.data.raw !== undefined ? p.data.raw : p.value[1];
        return sid + ' · ' + label + '\niteration ' + p.value[0] + ': ' + gw.fmt(raw);
      } } };
    Object.keys(extra || {}).forEach(function (k) { se[k] = extra[k]; });
    return se;
  };
  // A log axis from a decade below the smallest positive value to a decade above the largest. Exact zeros are
  // drawn on its lowest line, labelled "0", so a line drops to a marked floor instead of vanishing.
  gw.logRange = function (valueLists) {
    var lo = Infinity, hi = -Infinity;
    valueLists.forEach(function (vs) {
      vs.forEach(function (v) { var x = gw.num(v); if (isFinite(x) && x > 0) { lo = Math.min(lo, x); hi = Math.max(hi, x); } });
    });
    if (!isFinite(lo)) { lo = 1e-8; hi = 1; }
    var floor = Math.pow(10, Math.floor(Math.log10(lo)) - 1);
    return { floor: floor, max: Math.pow(10, Math.max(Math.ceil(Math.log10(hi)), Math.log10(floor) + 2)) };
  };
  gw.logAxis = function (name, range) {
    var a = gw.yAxis('log', name);
    a.min = range.floor;
    a.max = range.max;
    a.axisLabel = { formatter: function (v) { return Math.abs(v / range.floor - 1) < 1e-9 ? '0' : gw.decadeLabel(v); } };
    return a;
  };
  // A point on a log axis: zeros on the floor (raw value kept for the tooltip), NaN/Inf as gaps.
  gw.logPoint = function (x, v, floor) {
    var n = gw.num(v);
    if (n === 0) { return { value: [x, floor], raw: 0 }; }
    return { value: [x, isFinite(n) && n > 0 ? n : '-'], raw: n };
  };
  gw.floorMark = function (floor) {
    return { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#888', width: 1 },
      label: { show: true, position: 'insideStartTop', formatter: 'exactly 0 (no gradient)', color: '#666', fontSize: 10 },
      data: [{ yAxis: floor }] };
  };
})();
