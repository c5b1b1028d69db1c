// gradwatch page: the latest values per run and parameter; NaN, Inf and non-zero NaN/Inf counts in red.
(function () {
  'use strict';
  var gw = window.gw;

  gw.renderLatest = function () {
    var body = gw.$('latest-table').tBodies[0];
    body.textContent = '';
    gw.shownWithData().forEach(function (sid) {
      var s = gw.state.series[sid];
      gw.rows(s, 'gradients', 'rms', gw.paramChoice()).forEach(function (p) {
        function latest(kind, stat) { return s.latest[gw.key(s, kind, p.layer, p.parameter, stat)]; }
        var tr = document.createElement('tr');
        tr.setAttribute('data-layer', p.layer);
        [sid, p.layer, p.parameter || '', gw.fmt(latest('gradients', 'rms')), gw.fmt(latest('gradients', 'max_abs')),
          gw.fmt(latest('updates', 'ratio')), gw.fmt(latest('gradients', 'nan_count')),
          gw.fmt(latest('gradients', 'inf_count'))].forEach(function (text, i) {
          var td = document.createElement('td');
          td.textContent = text;
          if (i === 0) { td.style.color = gw.runColor(sid); }
          if (i >= 3 && (text === 'NaN' || /Infinity/.test(text) || (i >= 6 && text !== '0' && text !== 'NaN'))) {
            td.className = 'nonfinite';
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    });
  };
})();
