// gradwatch page: the diagnosis. One headline per run ("WARNING vanishing gradient in 5 of 7 layers:
// layer0–layer4"), each problem's layers as ranges in network order, the verdicts' own words on demand
// (a <details> per problem), and a timeline with one row per run and problem.
(function () {
  'use strict';
  var gw = window.gw;
  var RANK = { WARNING: 0, NOTE: 1 };

  function severityOf(v) { return v.severity || 'WARNING'; }
  // Consecutive layers (in network order) joined as "first–last": [names] -> "layer0–layer4, layer6".
  function ranges(names, order) {
    var pos = names.map(function (n) { return { name: n, at: order.indexOf(n) }; })
      .sort(function (a, b) { return a.at - b.at; });
    var out = [], i = 0;
    while (i < pos.length) {
      var j = i;
      while (j + 1 < pos.length && pos[j].at >= 0 && pos[j + 1].at === pos[j].at + 1) { j++; }
      out.push(j > i ? pos[i].name + '\u2013' + pos[j].name : pos[i].name);
      i = j + 1;
    }
    return out.join(', ');
  }
  // Active verdicts grouped by problem, worst severity first: [{problem, words, severity, verdicts, layers}].
  gw.verdictGroups = function (active) {
    var groups = {}, list = [];
    (active || []).forEach(function (v) {
      var g = groups[v.problem];
      if (!g) {
        g = groups[v.problem] = { problem: v.problem, words: v.words || v.problem, severity: severityOf(v), verdicts: [], layers: [] };
        list.push(g);
      }
      if (RANK[severityOf(v)] < RANK[g.severity]) { g.severity = severityOf(v); }
      g.verdicts.push(v);
      if (v.layer && g.layers.indexOf(v.layer) < 0) { g.layers.push(v.layer); }
    });
    return list.sort(function (a, b) { return (RANK[a.severity] - RANK[b.severity]) || (b.layers.length - a.layers.length); });
  };
  // "vanishing gradient in 5 of 7 layers: layer0–layer4" (ranges only when the layer order is known).
  gw.groupWords = function (g, layerOrder, layerCount) {
    var n = g.layers.length;
    var where = n === 0 ? '' : ' in ' + n + (layerCount ? ' of ' + layerCount : '') + (n === 1 && !layerCount ? ' layer' : ' layers');
    var which = layerOrder && n ? ': ' + ranges(g.layers, layerOrder) : '';
    return g.words + where + which;
  };
  gw.worstSeverity = function (active) {
    var groups = gw.verdictGroups(active);
    return groups.length ? groups[0].severity : null;
  };

  function badge(severity) {
    var sev = document.createElement('span');
    sev.className = 'sev ' + severity;
    sev.textContent = severity;
    return sev;
  }
  function runItem(sid, d, s) {
    var li = document.createElement('li');
    li.style.borderColor = gw.runColor(sid);
    var who = document.createElement('b');
    who.textContent = sid + ' ';
    who.style.color = gw.runColor(sid);
    li.appendChild(who);
    var groups = gw.verdictGroups(d.active);
    if (!groups.length) {
      li.className = 'none';
      li.appendChild(document.createTextNode('no active verdict.'));
      return li;
    }
    groups.forEach(function (g) {
      var det = document.createElement('details');
      var sum = document.createElement('summary');
      sum.appendChild(badge(g.severity));
      sum.appendChild(document.createTextNode(gw.groupWords(g, s.gradientLayers.length ? s.gradientLayers
        : Object.keys(s.layerIndex), s.gradientLayers.length)));
      det.appendChild(sum);
      var ul = document.createElement('ul');
      g.verdicts.forEach(function (v) {
        var item = document.createElement('li');
        item.textContent = (v.layer || '') + (v.param ? '/' + v.param : '') + ' since iteration ' + v.firstIteration
          + ': ' + v.message;
        ul.appendChild(item);
      });
      det.appendChild(ul);
      li.appendChild(det);
    });
    return li;
  }
  // Started/ended events merged per (run, problem) into [start, end] segments.
  function segments(sid, d, latest) {
    var open = {}, openCount = {}, segs = [];
    d.timeline.forEach(function (e) {
      var row = sid + ' \u00b7 ' + (e.words || e.problem);
      var who = e.problem + '\u0000' + (e.layer || '') + '\u0000' + (e.param || '');
      openCount[row] = openCount[row] || {};
      if (e.event === 'started') {
        if (!Object.keys(openCount[row]).length) { open[row] = { from: e.iteration, severity: severityOf(e) }; }
        openCount[row][who] = true;
      }
      if (e.event === 'ended' && openCount[row][who]) {
        delete openCount[row][who];
        if (!Object.keys(openCount[row]).length && open[row]) {
          segs.push([row, open[row].from, e.iteration, open[row].severity]);
          delete open[row];
        }
      }
    });
    Object.keys(open).forEach(function (row) { segs.push([row, open[row].from, latest, open[row].severity]); });
    return segs;
  }
  gw.renderVerdicts = function () {
    var list = gw.$('verdicts');
    list.textContent = '';
    var rows = [], series = [];
    var runs = gw.shownWithData();
    runs.forEach(function (sid) {
      var d = gw.state.verdicts[sid];
      if (!d) { return; }
      var s = gw.state.series[sid];
      list.appendChild(runItem(sid, d, s));
      segments(sid, d, gw.num(s.latestIteration) || 0).forEach(function (sg, i) {
        if (rows.indexOf(sg[0]) < 0) { rows.push(sg[0]); }
        var note = sg[3] === 'NOTE';
        series.push({ name: sid, id: sid + '\u0000' + sg[0] + i, type: 'line', symbol: note ? 'emptyCircle' : 'circle',
          symbolSize: 8, lineStyle: { width: note ? 4 : 8, type: note ? 'dashed' : 'solid', color: gw.runColor(sid) },
          itemStyle: { color: gw.runColor(sid) }, data: [[sg[1], sg[0]], [sg[2], sg[0]]],
          tooltip: { formatter: sg[0] + ' (' + sg[3] + ')\niterations ' + sg[1] + ' to ' + sg[2] } });
      });
    });
    gw.$('chart-timeline').hidden = rows.length === 0;
    if (!rows.length) { return; }
    gw.$('chart-timeline').style.height = Math.max(120, 40 + 26 * rows.length) + 'px';
    gw.chart('chart-timeline').setOption({
      animation: false,
      tooltip: { trigger: 'item', renderMode: 'richText' },
      grid: { left: 8, right: 30, top: 10, bottom: 34, containLabel: true },
      xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 24, scale: true },
      yAxis: { type: 'category', data: rows, axisLabel: { fontSize: 11 } },
      series: series
    }, true);
    gw.chart('chart-timeline').resize();
    gw.mark('chart-timeline', runs);
  };
})();
