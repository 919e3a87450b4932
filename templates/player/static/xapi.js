/* Talking to an LRS with the xAPI, as a cmi5 AU does. What the player starts from is asked for
   synchronously, as from a SCORM API. Statements and state go out in the background with a time
   limit, at the end with keepalive, so that they outlive the page. */
((Etos) => {
"use strict";
const TIMEOUT_MS = 5000;

/** One blocking request: {status, body}; status 0 when the server could not be reached. */
function now(method, url, headers) {
  const request = new XMLHttpRequest();
  try {
    request.open(method, url, false);
    Object.entries(headers).forEach(([name, value]) => request.setRequestHeader(name, value));
    request.send();
    return { status: request.status, body: JSON.parse(request.responseText) };
  } catch (e) {
    return { status: request.status, body: null }; // unreached (status 0), or not JSON
  }
}

Etos.Lrs = class {
  constructor(endpoint) {
    this.endpoint = endpoint.replace(/\/?$/, "/");
  }

  url(resource, params) {
    const query = Object.entries(params || {}).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`);
    return this.endpoint + resource + (query.length ? `?${query.join("&")}` : "");
  }

  /** The launch token from the one-shot fetch URL; throws the cmi5 error code ("1" used or expired, "2" refused). */
  fetchToken(fetchUrl) {
    const answer = now("POST", fetchUrl, {});
    const body = answer.body || {};
    if (answer.status !== 200 || typeof body["auth-token"] !== "string") {
      throw new Error(String(body["error-code"] || (answer.status ? "3" : "0")));
    }
    this.headers = { Authorization: `Basic ${body["auth-token"]}`, "X-Experience-API-Version": "1.0.3",
      "Content-Type": "application/json" };
  }

  /** A document of the State API; null when there is none (404). */
  state(params) {
    const answer = now("GET", this.url("activities/state", params), this.headers);
    if (answer.status === 404) return null;
    if (answer.status !== 200 || answer.body === null) throw new Error(`activities/state: ${answer.status}`);
    return answer.body;
  }

  /** Resolves true when the LRS took it (409: it has these statements already), false otherwise. */
  async send(method, resource, params, body, keepalive) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(this.url(resource, params),
        { method, headers: this.headers, body: JSON.stringify(body), keepalive, signal: abort.signal });
      return response.ok || response.status === 409;
    } catch (e) {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
};
})(window.Etos = window.Etos || {});
