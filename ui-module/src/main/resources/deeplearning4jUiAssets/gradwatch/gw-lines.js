// gradwatch page: per-layer time charts (gradient RMS, update:weight ratio, activation health). One line per
// layer in shades of its run's hue; log charts keep exact zeros on a marked floor; NaN/Inf are red-bordered
// triangles; epochs are dotted verticals. A chart with nothing to draw says why.
(function () {
  'use strict';
  var gw = window.gw;

  function perLayer(id, kind, stat, yName) {
    var runs = gw.shownWithData(), choice = gw.paramChoice(), lists = [];
    runs.forEach(function (sid) {
      var s = gw.state.series[sid];
      gw.rows(s, kind, stat, choice).forEach(function (p) { lists.push(gw.values(s, p.key)); });
    });
    var range = gw.logRange(lists);
    var o = gw.timeOption('log', yName);
    o.yAxis = gw.logAxis(yName, range);
    runs.forEach(function (sid, r) {
      var s = gw.state.series[sid];
      var ps = gw.rows(s, kind, stat, choice);
      ps.forEach(function (p, k) {
        var vs = gw.values(s, p.key);
        var se = gw.lineSeries(sid, p.label, gw.shade(sid, k, ps.length),
          s.iterations.map(function (it, i) { return gw.logPoint(it, vs[i], range.floor); }));
        if (k === 0) { se.markLine = gw.epochMarks(s, sid, r === 0); }
        o.series.push(se);
      });
    });
    if (o.series.length) {
      o.series.push({ name: '', id: 'floor', type: 'line', data: [], markLine: gw.floorMark(range.floor), silent: true });
    }
    gw.legendOf(o);
    return { o: o, runs: runs, drawn: lists.length > 0 };
  }
  function nonFiniteMarks(o, sid, s) {
    var bad = [];
    (s.nonFinite || []).forEach(function (n) { n.iterations.forEach(function (it) { bad.push([it, 1]); }); });
    if (!bad.length) { return; }
    o.yAxis = Array.isArray(o.yAxis) ? o.yAxis : [o.yAxis, { type: 'value', show: false, min: 0, max: 1 }];
    o.series.push({ name: sid, id: sid + '\u0000NaN/Inf', type: 'scatter', yAxisIndex: 1, symbol: 'triangle',
      symbolSize: 10, itemStyle: { color: gw.runColor(sid), borderColor: '#d00', borderWidth: 2 }, data: bad,
      tooltip: { formatter: function (p) { return sid + ': NaN or Inf in the gradient at iteration ' + p.value[0]; } } });
  }
  function show(id, r, why) {
    gw.explainEmpty(id, r.drawn ? '' : why);
    gw.chart(id).setOption(r.o, true);
    gw.mark(id, r.runs);
  }
  gw.renderRms = function () {
    var r = perLayer('chart-rms', 'gradients', 'rms', 'gradient RMS');
    r.runs.forEach(function (sid) { nonFiniteMarks(r.o, sid, gw.state.series[sid]); });
    show('chart-rms', r, 'No gradient statistics in the drawn runs yet.');
  };
  gw.renderRatio = function () {
    var r = perLayer('chart-ratio', 'updates', 'ratio', 'update:weight');
    if (r.o.series.length) {
      r.o.series[0].markArea = { silent: true, itemStyle: { color: 'rgba(40,170,40,0.10)' },
        data: [[{ yAxis: 1e-4 }, { yAxis: 1e-2 }]] };
    }
    show('chart-ratio', r, 'No update:weight ratio in the drawn runs: the builder\'s updates(false) turned update and '
      + 'weight statistics off, or the runs have not reported yet.');
  };
  gw.renderActivations = function () {
    var o = gw.timeOption('value', 'fraction of units');
    o.yAxis.min = 0; o.yAxis.max = 1; o.yAxis.scale = false;
    var runs = gw.shownWithData(), drawn = 0;
    runs.forEach(function (sid, r) {
      var s = gw.state.series[sid];
      [['dead_fraction', 'dead', 'solid', 'circle'], ['saturated_fraction', 'saturated', 'dashed', 'triangle']]
        .forEach(function (kind, kk) {
          var ps = gw.rows(s, 'activations', kind[0], '*');
          ps.forEach(function (p, k) {
            var values = gw.values(s, p.key).map(gw.num);
            if (!values.some(isFinite)) { return; }
            var color = gw.shade(sid, k, ps.length);
            var se = gw.lineSeries(sid, p.layer + ' ' + kind[1], color,
              s.iterations.map(function (it, i) { return [it, gw.linValue(values[i])]; }),
              { showSymbol: true, symbol: kind[3], symbolSize: 5, lineStyle: { color: color, width: 1.5, type: kind[2] } });
            if (drawn === 0) { se.markLine = gw.epochMarks(s, sid, r === 0); }
            o.series.push(se);
            drawn++;
          });
        });
    });
    gw.legendOf(o);
    show('chart-activations', { o: o, runs: runs, drawn: drawn > 0 }, 'No activation could be measured in the drawn runs. '
      + 'gradwatch measures dead units after ReLU-like and saturation after sigmoid/tanh-like activations of layers '
      + 'whose output it can read; layers without such an activation (linear, softmax, batch norm), SameDiff graphs whose '
      + 'activation follows pooling, and custom SameDiff layers have none; the builder\'s activations(false) turns them off.');
  };
})();
