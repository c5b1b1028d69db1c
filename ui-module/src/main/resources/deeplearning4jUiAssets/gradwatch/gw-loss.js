// gradwatch page: training loss (solid, left axis) and the user's metrics: accuracy-like ones dashed with
// circles on a 0..1 right axis, others (e.g. validation/loss) dotted with squares on the loss axis.
(function () {
  'use strict';
  var gw = window.gw;

  function accuracyLike(m) {
    if (/loss/i.test(m.name)) { return false; }
    return /acc|precision|recall|f1|auc/i.test(m.name) || m.values.map(gw.num).every(function (v) {
      return !isFinite(v) || (v >= 0 && v <= 1);
    });
  }
  // A recovery action (a skipped batch, a roll-back, the halt) is stored as a count at its iteration, flagged
  // `recovery` by the server: an event, drawn as a labelled solid mark in red across the chart, not as a line.
  function isRecovery(m) { return m.recovery === true; }
  function marks(s, sid, labelled) {
    var epochs = gw.epochMarks(s, sid, labelled);
    var data = epochs ? epochs.data.slice() : [];
    s.metrics.filter(isRecovery).forEach(function (m) {
      m.iterations.forEach(function (it) {
        data.push({ xAxis: it, name: m.name, lineStyle: { type: 'solid', width: 2, color: RECOVERY_COLOR },
          label: { show: true, formatter: '{b}', position: 'insideEndTop', color: RECOVERY_COLOR } });
      });
    });
    if (!data.length) { return undefined; }
    var base = epochs || { silent: true, symbol: 'none', lineStyle: { type: 'dotted', color: gw.runColor(sid), width: 1 },
      label: { show: labelled, formatter: '{b}', position: 'insideEndTop', color: '#555' } };
    base.data = data;
    return base;
  }
  var RECOVERY_COLOR = '#c62828';

  gw.renderLoss = function () {
    var o = gw.timeOption('value', 'loss');
    o.yAxis = [gw.yAxis('value', 'loss'), { type: 'value', name: 'accuracy', min: 0, max: 1, nameLocation: 'end',
      nameGap: 12, nameTextStyle: { align: 'right' }, splitLine: { show: false } }];
    var runs = gw.shownWithData();
    runs.forEach(function (sid, r) {
      var s = gw.state.series[sid];
      o.series.push(gw.lineSeries(sid, 'training loss', gw.runColor(sid),
        s.iterations.map(function (it, i) { return [it, gw.linValue(s.loss[i])]; }),
        { markLine: marks(s, sid, r === 0) }));
      s.metrics.filter(function (m) { return !isRecovery(m); }).forEach(function (m) {
        var acc = accuracyLike(m);
        var color = gw.shade(sid, acc ? 2 : 0, 3);
        o.series.push(gw.lineSeries(sid, m.name, color, m.iterations.map(function (it, i) { return [it, gw.linValue(m.values[i])]; }),
          { yAxisIndex: acc ? 1 : 0, showSymbol: true, symbol: acc ? 'circle' : 'rect', symbolSize: 7,
            lineStyle: { color: color, width: 2, type: acc ? 'dashed' : 'dotted' } }));
      });
    });
    gw.legendOf(o);
    gw.chart('chart-loss').setOption(o, true);
    gw.mark('chart-loss', runs);
  };
})();
