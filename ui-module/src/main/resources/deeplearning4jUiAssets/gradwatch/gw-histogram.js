// gradwatch page: one parameter's gradient histogram over time, counts per decimal decade of |g| (rows)
// per iteration (columns), coloured by log10 of the count.
(function () {
  'use strict';
  var gw = window.gw;
  var choices = [];

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
  function draw(sid, p, d) {
    var used = {};
    d.cells.forEach(function (c) { used[c[1]] = true; });
    var rows = Object.keys(used).map(Number).sort(function (a, b) { return a - b; });
    var lo = rows.length ? rows[0] : 0, hi = rows.length ? rows[rows.length - 1] : 0;
    gw.chart('chart-heatmap').setOption({
      animation: false,
      title: { text: sid + ' \u00b7 ' + p.layer + ' \u00b7 ' + p.parameter, left: 0, top: 0,
        textStyle: { fontSize: 13, color: gw.runColor(sid) } },
      tooltip: { renderMode: 'richText', confine: true },
      grid: { left: 12, right: 30, top: 34, bottom: 80, containLabel: true },
      xAxis: { type: 'category', name: 'iteration', nameLocation: 'middle', nameGap: 26, data: d.iterations.map(String) },
      yAxis: { type: 'category', name: '|gradient|', nameLocation: 'end',
        data: d.rows.slice(lo, hi + 1).map(function (b) { return b.label; }) },
      visualMap: { min: 0, max: Math.max(1, Math.log10(Math.max(1, gw.num(d.maxCount)))), calculable: true,
        orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, text: ['log10 count', ''], precision: 1 },
      series: [{ name: sid, type: 'heatmap', data: d.cells.map(function (c) { return [c[0], c[1] - lo, Math.log10(gw.num(c[2]))]; }) }]
    }, true);
    gw.mark('chart-heatmap', [sid]);
  }
  gw.refreshHeatmap = function () {
    var runs = gw.shownWithData();
    syncSelect(gw.$('heatmap-run'), runs, runs);
    var sid = gw.$('heatmap-run').value;
    if (!sid || !gw.state.series[sid]) { return Promise.resolve(); }
    var s = gw.state.series[sid];
    choices = gw.rows(s, 'gradients', 'rms', '*');
    syncSelect(gw.$('heatmap-layer'), choices.map(function (p, i) { return String(i); }),
      choices.map(function (p) { return p.layer + ' \u00b7 ' + p.parameter; }));
    var p = choices[Number(gw.$('heatmap-layer').value)];
    if (!p) { return Promise.resolve(); }
    var path = gw.data.path('heatmap', { session: sid, worker: s.worker, layer: p.layer, param: p.parameter });
    return gw.data.get(path).then(function (d) {
      gw.explainEmpty('chart-heatmap', d.iterations.length ? '' : 'No gradient histogram of ' + p.layer + ' \u00b7 '
        + p.parameter + ' yet: gradwatch bins gradients only every histogramsEvery(...) reports.');
      draw(sid, p, d);
    }, function (e) {
      gw.explainEmpty('chart-heatmap', 'No gradient histogram of ' + p.layer + ' \u00b7 ' + p.parameter + ': ' + e.message);
    });
  };
})();
