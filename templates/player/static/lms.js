/* The adapter for a course in an LMS. Every adapter (this one, and LocalAdapter in local.js) has:
     start() → {location, suspend}: what was saved last time
     save(snapshot): bookmark, suspend data, status, score, exit, session time
     record(interaction): one answered test question
     commit() → true/false, finish() (once)
   The element names and formats of each SCORM version live in its dialect: scorm12.js, scorm2004.js. */
((Etos) => {
  "use strict";
  Etos.dialects = Etos.dialects || {};

  Etos.LmsAdapter = class {
    constructor(api, dialect) {
      this.api = api;
      this.dialect = dialect;
      this.sent = {}; // element → value the LMS accepted, so that nothing is sent twice
      this.interactions = 0;
      this.queue = [];
      this.ended = false;
    }

    /** One API call; returns its result, or null if it failed. An LMS error goes to the console for
        whoever runs the LMS, and never stops the learner. */
    call(name, args, expectedError) {
      const calls = this.dialect.calls;
      let result, code;
      try {
        result = String(this.api[calls[name]](...args));
        code = String(this.api[calls.error]());
      } catch (e) {
        code = String(e);
      }
      const failed = code !== "0" || (name !== "get" && result !== "true");
      if (failed && code !== expectedError) {
        let text = "";
        try {
          text = this.api[calls.errorText](code) + " " + this.api[calls.diagnostic](code);
        } catch (e) { /* nothing more to tell */ }
        console.warn(`Etos: ${calls[name]}(${args.map((a) => String(a).slice(0, 60))}) failed: ${code} ${text}`);
      }
      return failed ? null : result;
    }

    start() {
      const d = this.dialect;
      this.call("init", [""]);
      const get = (element) => this.call("get", [element], d.unsetError) || "";
      this.interactions = Number(get(d.interactionCount)) || 0;
      this.reviewing = d.reviewing(get);
      // A learner the LMS holds as finished is never set back, even if it lost or cut the suspend data.
      this.finishedBefore = d.finishedBefore(get);
      return { location: get(d.location), suspend: get(d.suspend) };
    }

    set(element, value) {
      if (this.sent[element] !== value && this.call("set", [element, value]) !== null) this.sent[element] = value;
    }

    save({ location, suspend, status, sessionMs }) {
      if (this.ended) return;
      this.record();
      const d = this.dialect;
      if (location) this.set(d.location, location);
      this.set(d.suspend, suspend);
      if (!this.reviewing && (!this.finishedBefore || status.finished)) {
        d.status(status).forEach((pair) => this.set(...pair));
      }
      this.set(...d.exit(status.finished));
      this.set(...d.sessionTime(sessionMs));
    }

    /** A test answer waits until the LMS takes its id: one refused goes with the next save. */
    record(interaction) {
      if (interaction && !this.reviewing) this.queue.push(interaction);
      for (let a; !this.ended && (a = this.queue[0]); this.queue.shift(), this.interactions++) {
        const [id, ...rest] = this.dialect.interaction(this.interactions, a);
        if (!this.call("set", id)) return;
        rest.forEach((pair) => this.call("set", pair));
      }
    }

    commit() {
      return !this.ended && this.call("commit", [""]) !== null;
    }

    finish() {
      if (!this.ended) this.call("finish", [""]);
      this.ended = true;
    }
  };
})(window.Etos = window.Etos || {});
