// gradwatch page: gradient RMS against relative depth at one iteration. Each run's layers with a gradient sit
// at 0 (first) .. 1 (output layer), so runs of different depth compare on one axis; the log axis is fixed by
// all drawn runs' history, and exact zeros sit on its floor, marked "0".
(function () {
  'use strict';
  var gw = window.gw;

  function maxIteration() {
    var m = 0;
    gw.shownWithData().forEach(function (sid) { m = Math.max(m, gw.num(gw.state.series[sid].latestIteration) || 0); });
    return m;
  }
  gw.renderDepth = function () {
    var slider = gw.$('iteration-slider');
    slider.max = String(maxIteration());
    if (gw.$('follow-latest').checked) { slider.value = slider.max; }
    var at = Number(slider.value);
    gw.$('depth-iteration').textContent = String(at);
    var runs = gw.shownWithData();
    var choice = gw.paramChoice();
    var lists = [];
    runs.forEach(function (sid) {
      var s = gw.state.series[sid];
      gw.rows(s, 'gradients', 'rms', choice).forEach(function (p) { lists.push(gw.values(s, p.key)); });
    });
    var range = gw.logRange(lists);
    var o = gw.timeOption('log', 'gradient RMS');
    o.yAxis = gw.logAxis('gradient RMS', range);
    o.xAxis = { type: 'value', min: 0, max: 1, interval: 0.25, name: 'relative depth (0 = first layer, 1 = output layer)',
      nameLocation: 'middle', nameGap: 26 };
    runs.forEach(function (sid, r) {
      var s = gw.state.series[sid];
      var i = 0;
      while (i + 1 < s.iterations.length && s.iterations[i + 1] <= at) { i++; }
      var it = s.iterations[i];
      var ps = gw.rows(s, 'gradients', 'rms', choice);
      var data = ps.map(function (p) {
        var pt = gw.logPoint(p.depth, gw.values(s, p.key)[i], range.floor);
        pt.name = p.label;
        if (pt.raw === 0) { pt.symbol = 'diamond'; pt.symbolSize = 9; }
        return pt;
      });
      var se = gw.lineSeries(sid, 'iteration ' + it, gw.runColor(sid), data, {
        showSymbol: true, symbol: 'circle', symbolSize: 6,
        lineStyle: { color: gw.runColor(sid), width: 2.5, type: 'solid' },
        tooltip: { formatter: function (p) {
          return sid + ' at iteration ' + it + '\n' + p.name + ' (depth ' + p.value[0].toFixed(2) + '): RMS ' + gw.fmt(p.data.raw);
        } } });
      if (r === 0) { se.markLine = gw.floorMark(range.floor); }
      o.series.push(se);
    });
    gw.legendOf(o);
    gw.chart('chart-depth').setOption(o, true);
    gw.mark('chart-depth', runs);
  };
})();
