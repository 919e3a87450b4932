/* The adapter for an LMS (../SCRIPTS.md); SCORM names from a dialect. */
((Etos) => {
"use strict";
/** ADL's API discovery: this frame and its parents; null past a frame of another origin. */
function climb(win, name) {
  try {
    for (let depth = 0; win && depth <= 10; depth++, win = win.parent) {
      if (win[name]) return win[name];
      if (win.parent === win) break;
    }
  } catch (e) { /* another origin */ }
  return null;
}

/** The frames above, then the opener (a popup's LMS); `opener` is readable across origins. */
Etos.findApi = (name) => climb(window, name) || climb(window.top.opener, name) || climb(window.opener, name);

/** The page's data as the LMS takes it. */
const answer = (a) => /^[A-Za-z0-9]{1,255}$/.test(a.id) &&
  a.response.concat(a.correct).every((token) => /^([a-z0-9]|true|false)$/.test(token));

Etos.LmsAdapter = class {
  constructor(api, dialect) {
    Object.assign(this, { api, dialect, interactions: 0, queue: [], ended: false });
    this.sent = {}; // element → value taken: nothing sent twice
  }

  /** Result, or null. As pipwerks: the error is asked for only after a failure. Quiet at the end
      (forma.lms ends sessions early). */
  call(name, args, expected) {
    const calls = this.dialect.calls;
    let code = "";
    try {
      const result = String(this.api[calls[name]](...args));
      if (name === "get" ? result !== "" : result === "true") return result;
      code = String(this.api[calls.error]() || "0");
      if (name === "get" && code === "0") return result;
      code += ` ${this.api[calls.errorText](code)} ${this.api[calls.diagnostic](code)}`;
    } catch (e) {
      code = code || String(e);
    }
    if (!code.startsWith(expected)) {
      console[this.ending ? "info" : "warn"](`Etos: ${calls[name]}(${args.map((a) => String(a).slice(0, 60))}) failed: ${code}`);
    }
    return null;
  }

  start() {
    const d = this.dialect;
    this.call("init", [""]);
    const get = (element) => this.call("get", [element], d.unsetError) || "";
    const count = get(d.interactionCount);
    this.interactions = /^\d{1,5}$/.test(count) ? Number(count) : 0;
    this.mode = { review: "review", browse: "browse" }[get(d.mode)] || "normal";
    this.held = d.held(get); // finished: never set back, even with lost suspend data
    return { location: get(d.location), suspend: get(d.suspend) };
  }

  set(element, value) {
    if (this.sent[element] !== value && this.call("set", [element, value]) !== null) this.sent[element] = value;
    return this.sent[element] === value;
  }

  /** SCORM 1.2 commits a new status alone: Moodle sets completion only from a request without a score. */
  save({ location, suspend, status, sessionMs }) {
    if (this.ended || this.mode !== "normal") return !this.ended;
    const d = this.dialect;
    const values = !this.held.finished || status.finished ? d.status(status) : [];
    if (d.statusFirst && values[0] && this.sent[values[0][0]] !== values[0][1] && this.set(...values[0])) this.commit();
    if (location && location.length <= d.locationLimit) values.push([d.location, location]);
    values.push([d.suspend, suspend.slice(0, d.suspendLimit)]);
    const taken = values.map((pair) => this.set(...pair)).concat(this.flush()).every(Boolean);
    this.set(...d.exit(status.finished));
    this.set(...d.sessionTime(sessionMs));
    return taken;
  }

  record(a) {
    if (this.mode === "normal" && answer(a)) this.queue.push(a);
  }

  /** Answers wait until the LMS takes their id. */
  flush() {
    for (let a; !this.ended && (a = this.queue[0]); this.queue.shift(), this.interactions++) {
      const [id, ...rest] = this.dialect.interaction(this.interactions, a);
      if (this.call("set", id) === null) return false;
      rest.forEach((pair) => this.call("set", pair));
    }
    return true;
  }

  commit() {
    return !this.ended && (this.mode !== "normal" || this.call("commit", [""]) !== null);
  }

  finish(snapshot) {
    if (this.ended) return;
    this.ending = true;
    this.save(snapshot);
    this.commit();
    this.ended = true;
    this.call("finish", [""]);
  }
};
})(window.Etos = window.Etos || {});
