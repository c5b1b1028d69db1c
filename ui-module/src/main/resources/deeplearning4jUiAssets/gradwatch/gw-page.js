// gradwatch page: loading and polling. Lists every run (newest first), draws the first gw.MAX_SHOWN until the
// user chooses, polls every 2 s without reloading; with an embedded data set (a report file) it loads once.
(function () {
  'use strict';
  var gw = window.gw;
  var POLL_MS = 2000;
  var POINTS = 300;
  // What the charts read of each run; a hint to the server only (an embedded answer may hold more).
  var KEYS = ['gradients/*/rms', 'gradients/*/max_abs', 'gradients/*/nan_count', 'gradients/*/inf_count',
    'updates/*/ratio', 'activations/*/dead_fraction', 'activations/*/saturated_fraction'].join(',');

  function workerOf(sid) {
    var s = gw.state.sessions.filter(function (x) { return x.id === sid; })[0];
    return gw.state.worker[sid] || (s && s.workers && s.workers.length ? s.workers[0] : '0');
  }
  function renderAll() {
    var shown = gw.shownWithData();
    var counter = gw.$('latest-iteration');
    var m = 0;
    gw.state.sessions.forEach(function (s) {
      if (shown.indexOf(s.id) >= 0) { m = Math.max(m, gw.num(s.latestIteration) || 0); }
    });
    counter.textContent = shown.length ? String(m) : '\u2013';
    counter.setAttribute('data-iteration', shown.length ? String(m) : '');
    gw.renderRuns();
    gw.renderFlow();
    gw.renderDepth();
    gw.renderRms();
    gw.renderLoss();
    gw.renderVerdicts();
    gw.renderRatio();
    gw.renderActivations();
    gw.renderLatest();
    return gw.refreshHeatmap();
  }
  gw.refresh = function () {
    gw.assignHues();
    var sids = gw.state.shown.slice();
    return Promise.all(sids.map(function (sid) {
      var ids = { session: sid, worker: workerOf(sid) };
      return Promise.all([
        gw.data.get(gw.data.path('series', ids), { points: POINTS, keys: KEYS }).then(function (s) {
          gw.state.series[sid] = gw.indexSeries(s);
        }, function (e) { delete gw.state.series[sid]; console.warn("gradwatch: no series of " + sid, e); }),
        gw.data.get(gw.data.path('verdicts', ids)).then(function (v) { gw.state.verdicts[sid] = v; }, function () {})
      ]);
    })).then(renderAll);
  };
  function refreshScale() {
    if (gw.state.scale || !gw.state.sessions.length) { return Promise.resolve(); }
    var s = gw.state.sessions[0];
    return gw.data.get(gw.data.path('layers', { session: s.id, worker: workerOf(s.id) })).then(function (l) {
      gw.state.scale = l.gradientScaleDescription || l.gradientScale || '';
      gw.$('scale').textContent = gw.state.scale ? 'Gradient shown: ' + gw.state.scale
        + ' (before the updater; "update" is what the updater subtracted).' : '';
    }, function () {});
  }
  // DL4J's own pages of one run: /train/<session>/overview when DL4J serves several sessions, else /train/overview.
  function linkDl4j(multi, sid) {
    if (gw.data.offline()) { gw.$('dl4j-nav').hidden = true; return; }
    if (!sid) { return; }
    ['overview', 'model', 'system'].forEach(function (page) {
      gw.$('dl4j-' + page).href = multi ? '/train/' + encodeURIComponent(sid) + '/' + page : '/train/' + page;
    });
    gw.$('dl4j-run').textContent = sid;
  }
  function load() {
    return gw.data.get(gw.data.path('sessions')).then(function (r) {
      // Newest first; the first MAX_SHOWN are drawn until the user chooses.
      gw.state.sessions = (r.sessions || []).slice().reverse();
      var ids = gw.state.sessions.map(function (s) { return s.id; });
      gw.state.shown = gw.state.shown.filter(function (id) { return ids.indexOf(id) >= 0; });
      if (!gw.state.userChose) { gw.state.shown = ids.slice(0, gw.MAX_SHOWN); }
      gw.assignHues();
      gw.$('empty').hidden = ids.length > 0;
      gw.$('content').hidden = ids.length === 0;
      linkDl4j(r.dl4jMultiSession, gw.state.shown[0]);
      if (!ids.length) { gw.$('status').textContent = 'waiting for a session'; return null; }
      return refreshScale().then(gw.refresh).then(function () {
        gw.resizeAll();
        gw.$('status').textContent = gw.data.offline() ? 'from this file' : 'updated ' + new Date().toLocaleTimeString();
      });
    });
  }
  function poll() {
    load().catch(function (e) {
      gw.$('status').textContent = 'server unreachable, retrying';
      console.warn('gradwatch: poll failed', e);
    }).then(function () { setTimeout(poll, POLL_MS); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    gw.$('param-filter').addEventListener('change', function () { gw.refresh(); });
    gw.$('heatmap-run').addEventListener('change', gw.refreshHeatmap);
    gw.$('heatmap-layer').addEventListener('change', gw.refreshHeatmap);
    gw.$('runs-filter').addEventListener('input', function () { gw.state.filter = gw.$('runs-filter').value; gw.renderRuns(); });
    gw.$('runs-draw-listed').addEventListener('click', gw.drawListed);
    gw.$('iteration-slider').addEventListener('input', function () {
      gw.$('follow-latest').checked = false;
      gw.renderDepth();
    });
    gw.$('follow-latest').addEventListener('change', gw.renderDepth);
    window.addEventListener('resize', gw.resizeAll);
    if (gw.data.offline()) {
      load().catch(function (e) { gw.$('status').textContent = 'this file holds no readable data'; console.error(e); });
    } else {
      poll();
    }
  });
})();
