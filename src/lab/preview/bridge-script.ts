// The script a dataplane preview's page gets before its own: the page lives in a sandboxed frame
// whose addresses (192.168.1.101:30001…) exist only in the lab's network, so fetch, XMLHttpRequest,
// link clicks and form submits are posted to the parent, which sends them through the lab worker.
// Plain ES2017 in a string: it runs inside the previewed app's page, not in the site's bundle.

/** BRIDGE_TAG marks the messages between the preview frame and the pane. */
export const BRIDGE_TAG = 'kubelab-preview';

export const bridgeScript = `(() => {
  const TAG = ${JSON.stringify(BRIDGE_TAG)};
  let next = 1;
  const waiting = new Map();
  const post = (m) => parent.postMessage(Object.assign({ tag: TAG }, m), '*');
  addEventListener('message', (e) => {
    const m = e.data;
    if (e.source !== parent || !m || m.tag !== TAG || m.type !== 'response') return;
    const w = waiting.get(m.id);
    if (w) waiting.delete(m.id), w(m.response);
  });
  const absolute = (u) => new URL(String(u), document.baseURI).href;
  const send = (method, url, headers, body) => new Promise((resolve) => {
    const id = next++;
    waiting.set(id, resolve);
    post({ type: 'fetch', id, request: { method: String(method || 'GET').toUpperCase(), url: absolute(url), headers, body } });
  });
  const headerPairs = (h) => {
    if (!h) return [];
    if (typeof Headers !== 'undefined' && h instanceof Headers) return Array.from(h.entries());
    if (Array.isArray(h)) return h.map((p) => [String(p[0]), String(p[1])]);
    return Object.keys(h).map((k) => [k, String(h[k])]);
  };
  window.fetch = async (input, init) => {
    init = init || {};
    const isRequest = typeof Request !== 'undefined' && input instanceof Request;
    const url = isRequest ? input.url : input;
    const method = init.method || (isRequest ? input.method : 'GET');
    const headers = headerPairs(init.headers || (isRequest ? input.headers : undefined));
    let body = init.body;
    if (body instanceof URLSearchParams) body = body.toString();
    else if (typeof FormData !== 'undefined' && body instanceof FormData) body = new URLSearchParams(body).toString();
    const r = await send(method, url, headers, body == null ? undefined : String(body));
    if (r.error) throw new TypeError('Failed to fetch: ' + r.error);
    return new Response(r.status === 204 || r.status === 304 ? null : r.body, { status: r.status, statusText: r.statusText, headers: r.headers });
  };
  class BridgeXHR {
    constructor() { this.readyState = 0; this.status = 0; this.statusText = ''; this.responseText = ''; this.response = ''; this.responseType = ''; this._h = []; this._rh = []; this._l = {}; }
    open(method, url) { this._m = method; this._u = url; this.readyState = 1; }
    setRequestHeader(k, v) { this._h.push([k, String(v)]); }
    getResponseHeader(k) { const p = this._rh.find((x) => x[0].toLowerCase() === String(k).toLowerCase()); return p ? p[1] : null; }
    getAllResponseHeaders() { return this._rh.map((p) => p[0] + ': ' + p[1]).join('\\r\\n'); }
    addEventListener(t, f) { (this._l[t] = this._l[t] || []).push(f); }
    removeEventListener(t, f) { this._l[t] = (this._l[t] || []).filter((x) => x !== f); }
    abort() { this._aborted = true; }
    _fire(t) { const e = { type: t, target: this }; if (typeof this['on' + t] === 'function') this['on' + t](e); (this._l[t] || []).forEach((f) => f.call(this, e)); }
    send(body) {
      send(this._m, this._u, this._h, body == null ? undefined : String(body)).then((r) => {
        if (this._aborted) return;
        this.readyState = 4;
        if (r.error) { this._fire('readystatechange'); this._fire('error'); this._fire('loadend'); return; }
        this.status = r.status; this.statusText = r.statusText; this._rh = r.headers;
        this.responseText = r.body;
        this.response = this.responseType === 'json' ? JSON.parse(r.body || 'null') : r.body;
        this._fire('readystatechange'); this._fire('load'); this._fire('loadend');
      });
    }
  }
  window.XMLHttpRequest = BridgeXHR;
  document.addEventListener('click', (e) => {
    const a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a || e.defaultPrevented || a.getAttribute('href').startsWith('#')) return;
    e.preventDefault();
    post({ type: 'navigate', request: { method: 'GET', url: absolute(a.getAttribute('href')), headers: [] } });
  });
  // Runs after the page's own submit handlers (bubbling to window), so apps that handle the form
  // themselves keep doing so; a plain form is sent like a browser would.
  addEventListener('submit', (e) => {
    if (e.defaultPrevented) return;
    e.preventDefault();
    const form = e.target;
    const data = new URLSearchParams(new FormData(form)).toString();
    const method = (form.getAttribute('method') || 'GET').toUpperCase();
    const action = absolute(form.getAttribute('action') || document.baseURI);
    if (method === 'GET') {
      const u = new URL(action); u.search = data;
      post({ type: 'navigate', request: { method, url: u.href, headers: [] } });
    } else post({ type: 'navigate', request: { method, url: action, headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: data } });
  });
})();`;
