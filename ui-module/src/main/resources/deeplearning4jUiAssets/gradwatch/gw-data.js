// gradwatch page: the one way the page gets its data. Every panel asks gw.data.get(path) for the JSON of one
// endpoint; path is built by gw.data.path(endpoint, ids) from the endpoint's name and the parameters that
// identify the answer (session, worker, layer, param), sorted by name. When window.GRADWATCH_EMBEDDED is
// present (a report file), the answer is GRADWATCH_EMBEDDED[path] and nothing is fetched; otherwise it comes
// from the server at /gradients/api/<path>, with optional hints (points, keys) that only bound its size.
(function () {
  'use strict';
  var gw = window.gw = window.gw || {};
  var API = '/gradients/api/';

  function query(params) {
    return Object.keys(params).filter(function (k) {
      return params[k] !== undefined && params[k] !== null && params[k] !== '';
    }).sort().map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]);
    }).join('&');
  }
  // "series?session=a&worker=0": the key of one answer, in the page's requests and in an embedded object.
  function path(endpoint, ids) {
    var q = query(ids || {});
    return q ? endpoint + '?' + q : endpoint;
  }
  function endpointOf(p) { var q = p.indexOf('?'); return q < 0 ? p : p.substring(0, q); }
  function embedded() {
    return window.GRADWATCH_EMBEDDED && typeof window.GRADWATCH_EMBEDDED === 'object' ? window.GRADWATCH_EMBEDDED : null;
  }
  function failure(status, body, p) {
    var e = new Error((body && body.error) || ('no answer for ' + p));
    e.status = status;
    e.body = body;
    return e;
  }
  // A Promise of the endpoint's JSON; rejected with an Error carrying status and body when there is none.
  function get(p, hints) {
    var e = embedded();
    if (e) {
      return Object.prototype.hasOwnProperty.call(e, p) ? Promise.resolve(e[p])
        : Promise.reject(failure(404, { error: 'this file holds no ' + endpointOf(p) + ' for it' }, p));
    }
    var h = query(hints || {});
    var url = API + p + (h ? (p.indexOf('?') < 0 ? '?' : '&') + h : '');
    return fetch(url, { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw failure(r.status, body, p); }
        return body;
      });
    });
  }
  gw.data = { get: get, path: path, offline: function () { return embedded() !== null; } };
})();
