/* Talking to an LRS with the xAPI, as a cmi5 AU does. The launch requests are synchronous: the
   player starts from what they return, as from a SCORM API. Statements and state go out in the
   background with a time limit, at the end with keepalive, so that they outlive the page. */
((Etos) => {
"use strict";
const TIMEOUT_MS = 5000;
const HEADERS = { "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" };

Etos.Lrs = class {
  constructor(endpoint) {
    this.endpoint = endpoint.replace(/\/?$/, "/");
    this.token = "";
  }

  url(resource, params) {
    const query = Object.entries(params || {}).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`);
    return this.endpoint + resource + (query.length ? `?${query.join("&")}` : "");
  }

  headers() {
    return Object.assign({ Authorization: `Basic ${this.token}` }, HEADERS);
  }

  /** One blocking request: {status, body}; status 0 when the server could not be reached. */
  static now(method, url, headers, body) {
    const request = new XMLHttpRequest();
    try {
      request.open(method, url, false);
      Object.entries(headers).forEach(([name, value]) => request.setRequestHeader(name, value));
      request.send(body === undefined ? null : body);
    } catch (e) {
      return { status: 0, body: null };
    }
    let parsed = null;
    try {
      parsed = JSON.parse(request.responseText);
    } catch (e) { /* not JSON: the status says enough */ }
    return { status: request.status, body: parsed };
  }

  /** The launch token from the one-shot fetch URL; throws the cmi5 error code ("1" used, "2" expired). */
  fetchToken(fetchUrl) {
    const answer = Etos.Lrs.now("POST", fetchUrl, {});
    const body = answer.body || {};
    if (answer.status === 200 && typeof body["auth-token"] === "string") {
      this.token = body["auth-token"];
      return this.token;
    }
    throw new Error(String(body["error-code"] || (answer.status ? "3" : "0")));
  }

  /** A document of the State or Agent Profile resource; null when there is none (404). */
  document(resource, params) {
    const answer = Etos.Lrs.now("GET", this.url(resource, params), this.headers());
    if (answer.status === 404) return null;
    if (answer.status !== 200 || answer.body === null) throw new Error(`${resource}: ${answer.status}`);
    return answer.body;
  }

  /** Resolves true when the LRS took it (409: it has these statements already), false otherwise. */
  async send(method, resource, params, body, keepalive) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(this.url(resource, params), {
        method, headers: this.headers(), body: JSON.stringify(body), keepalive: Boolean(keepalive), signal: abort.signal
      });
      return response.ok || response.status === 409;
    } catch (e) {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
};
})(window.Etos = window.Etos || {});
