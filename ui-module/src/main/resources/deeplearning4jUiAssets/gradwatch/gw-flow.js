// gradwatch page: the gradient-flow map. One map per drawn run, stacked: layers (input at the bottom) against
// iterations, each cell coloured by how many decades the layer's gradient RMS lies below the same run's output
// layer at that iteration, on one fixed scale for every run. Exact zeros and NaN/Inf have colours of their
// own. A map grows with its layer count up to MAX_ROWS rows; deeper models are grouped k layers to a row (the
// worst of the k), and every layer's full name stays reachable (hover, the list under the map).
(function () {
  'use strict';
  var gw = window.gw;
  var MAX_ROWS = 100, ROW_PX = 12, MIN_MAP_PX = 60, HEAD_PX = 26, AXIS_PX = 34, LEGEND_PX = 54;
  var ZERO = -100, NONFINITE = 100, TOP = 1.5, BOTTOM = -5.5;
  // The fixed scale: decades relative to the output layer (the quantity the vanishing verdict uses).
  var PIECES = [
    { value: NONFINITE, label: 'NaN or Inf', color: '#ff1f1f' },
    { value: ZERO, label: 'exactly 0 (no gradient)', color: '#a7a7a7' },
    { gt: 1, lte: 2, label: 'over 10\u00d7 the output layer', color: '#f08c3a' },
    { gt: 0, lte: 1, label: '0 to 1 above', color: '#fde725' },
    { gt: -1, lte: 0, label: 'within 1 decade below', color: '#b5de2b' },
    { gt: -2, lte: -1, label: '1\u20132 below', color: '#35b779' },
    { gt: -3, lte: -2, label: '2\u20133 below', color: '#26828e' },
    { gt: -4, lte: -3, label: '3\u20134 below (vanishing)', color: '#3e4989' },
    { gt: -5, lte: -4, label: '4\u20135 below', color: '#482878' },
    { gt: -99, lte: -5, label: '5+ below', color: '#1b0c41' }
  ];
  gw.FLOW_PIECES = PIECES;

  // The cell's colour code; null where the run has no value (a column its report did not carry).
  function code(v, out, counted) {
    var x = gw.num(v);
    if (isNaN(x) && !counted) { return null; }
    if (!isFinite(x)) { return NONFINITE; }
    if (x === 0) { return ZERO; }
    var o = gw.num(out);
    if (!(isFinite(o) && o > 0)) { return TOP; }
    return Math.max(BOTTOM, Math.min(TOP, Math.log10(x / o)));
  }
  // Whether the gradient of row p held NaN or Inf at column col (its counters say so).
  function counted(s, p, col) {
    return ['nan_count', 'inf_count'].some(function (stat) {
      return gw.num(gw.values(s, gw.key(s, 'gradients', p.layer, p.parameter, stat))[col]) > 0;
    });
  }
  // The worst of several cells: NaN/Inf, then zero, then the lowest.
  function worst(all) {
    var codes = all.filter(function (c) { return c !== null; });
    if (!codes.length) { return null; }
    if (codes.indexOf(NONFINITE) >= 0) { return NONFINITE; }
    if (codes.indexOf(ZERO) >= 0) { return ZERO; }
    return Math.min.apply(null, codes);
  }
  // Rows of the map: each a list of parameter rows (one unless grouped), with a label and every full name.
  function mapRows(ps) {
    var k = Math.max(1, Math.ceil(ps.length / MAX_ROWS)), out = [];
    for (var i = 0; i < ps.length; i += k) {
      var members = ps.slice(i, i + k);
      var first = members[0], last = members[members.length - 1];
      out.push({ members: members, label: members.length === 1 ? first.label
        : first.label + ' \u2026 ' + last.label + ' (' + members.length + ')' });
    }
    return { rows: out, k: k };
  }
  var measure = document.createElement('canvas').getContext('2d');
  function labelWidth(labels) {
    measure.font = '10px sans-serif';
    var w = 0;
    labels.forEach(function (l) { w = Math.max(w, measure.measureText(l).width); });
    return Math.ceil(w) + 10;
  }
  function tooltip(sid, s, rows, out) {
    return function (p) {
      var r = rows[p.value[1]], col = p.value[0];
      var lines = [sid + ' \u00b7 iteration ' + s.iterations[col]];
      r.members.forEach(function (m) {
        var v = gw.values(s, m.key)[col];
        var c = code(v, out[col], counted(s, m, col));
        if (c === null) { lines.push(m.label + ': no value'); return; }
        lines.push(m.label + ': RMS ' + gw.fmt(v) + (c === ZERO || c === NONFINITE ? ''
          : ' (' + (c >= 0 ? '+' : '') + c.toFixed(1) + ' decades vs output)'));
      });
      return lines.join('\n');
    };
  }
  function layerList(maps) {
    var box = gw.$('flow-layers');
    box.textContent = '';
    maps.forEach(function (m) {
      var det = document.createElement('details');
      var sum = document.createElement('summary');
      sum.textContent = 'All ' + m.ps.length + ' rows of ' + m.sid + (m.k > 1 ? ' (the map groups ' + m.k + ' to a row)' : '');
      sum.style.color = gw.runColor(m.sid);
      det.appendChild(sum);
      var ol = document.createElement('ol');
      ol.start = 0;
      m.ps.forEach(function (p) {
        var li = document.createElement('li');
        var last = gw.values(m.s, p.key);
        li.textContent = p.label + ' \u2014 latest RMS ' + gw.fmt(last[last.length - 1]);
        ol.appendChild(li);
      });
      det.appendChild(ol);
      box.appendChild(det);
    });
  }
  gw.renderFlow = function () {
    var runs = gw.shownWithData();
    var choice = gw.paramChoice();
    var maps = runs.map(function (sid) {
      var s = gw.state.series[sid];
      var ps = gw.rows(s, 'gradients', 'rms', choice);
      var grouped = mapRows(ps);
      return { sid: sid, s: s, ps: ps, rows: grouped.rows, k: grouped.k };
    });
    var labels = [];
    maps.forEach(function (m) { m.rows.forEach(function (r) { labels.push(r.label); }); });
    var el = gw.$('chart-flow');
    var left = Math.min(labelWidth(labels), Math.max(160, el.clientWidth * 0.45));
    var o = { animation: false, tooltip: { renderMode: 'richText', confine: true }, title: [], grid: [], xAxis: [],
      yAxis: [], series: [] };
    var top = LEGEND_PX;
    maps.forEach(function (m, r) {
      var s = m.s;
      var mainOut = gw.rows(s, 'gradients', 'rms', 'main');
      var outKey = mainOut.length ? mainOut[mainOut.length - 1].key : undefined;
      var out = gw.values(s, outKey);
      var height = Math.max(MIN_MAP_PX, m.rows.length * ROW_PX);
      o.title.push({ text: m.sid + '  (' + m.ps.length + ' layers' + (m.k > 1 ? ', ' + m.k + ' per row' : '') + ')',
        left: 4, top: top, textStyle: { fontSize: 13, color: gw.runColor(m.sid) } });
      o.grid.push({ left: left, right: 24, top: top + HEAD_PX, height: height });
      o.xAxis.push({ type: 'category', gridIndex: r, data: s.iterations.map(String), name: 'iteration',
        nameLocation: 'middle', nameGap: 22, axisLabel: { hideOverlap: true, fontSize: 10 } });
      o.yAxis.push({ type: 'category', gridIndex: r, data: m.rows.map(function (x) { return x.label; }),
        axisLabel: { fontSize: 10, interval: 0, width: left - 8, overflow: 'truncate' }, axisTick: { show: false } });
      var data = [];
      m.rows.forEach(function (row, y) {
        s.iterations.forEach(function (it, col) {
          var c = worst(row.members.map(function (p) { return code(gw.values(s, p.key)[col], out[col], counted(s, p, col)); }));
          if (c !== null) { data.push([col, y, c]); }
        });
      });
      o.series.push({ name: m.sid, type: 'heatmap', xAxisIndex: r, yAxisIndex: r, data: data, progressive: 0,
        tooltip: { formatter: tooltip(m.sid, s, m.rows, out) } });
      top += HEAD_PX + height + AXIS_PX;
    });
    o.title.push({ text: 'gradient RMS in decades against the same run\u2019s output layer:', left: 0, top: 0,
      textStyle: { fontSize: 12, fontWeight: 'normal', color: '#333' } });
    o.visualMap = { type: 'piecewise', dimension: 2, pieces: PIECES, orient: 'horizontal', left: 0, top: 18,
      itemWidth: 14, itemHeight: 10, itemGap: 8, textStyle: { fontSize: 11 }, selectedMode: false,
      seriesIndex: maps.map(function (m, i) { return i; }) };
    el.style.height = Math.max(200, top + 8) + 'px';
    var c = gw.chart('chart-flow');
    c.resize();
    c.setOption(o, true);
    gw.mark('chart-flow', runs);
    layerList(maps);
  };
})();
