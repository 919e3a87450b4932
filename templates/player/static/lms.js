/* The adapter every package talks to when it runs in an LMS. One interface for all standards:
     start() → {location, suspend}    what the LMS saved last time
     save(snapshot)                   location, suspend data, status, score, exit, session time
     record(interaction)              one answered test question
     commit() → true/false            ask the LMS to store what was saved
     finish()                         end the session, once
   What differs between SCORM 1.2 and 2004 (element names, vocabularies, formats) lives in a
   dialect: scorm12.js and scorm2004.js. The browser-only adapter is in local.js. */
((Etos) => {
  "use strict";
  Etos.dialects = Etos.dialects || {};

  Etos.LmsAdapter = class {
    constructor(api, dialect) {
      this.api = api;
      this.dialect = dialect;
      this.sent = {}; // element → last value the LMS accepted, so nothing is sent twice
      this.interactions = 0;
      this.ended = false;
    }

    /** One API call. An LMS error is logged for whoever runs the LMS and never stops the learner.
        Returns the result, or null when the call failed. */
    call(name, args, expectedError) {
      const calls = this.dialect.calls;
      let result = "";
      let code = "0";
      try {
        result = String(this.api[calls[name]](...args));
        code = String(this.api[calls.error]());
      } catch (e) {
        code = String(e);
      }
      const failed = code !== "0" || (name !== "get" && result !== "true");
      if (failed && code !== expectedError) {
        let detail = "";
        try {
          detail = `${this.api[calls.errorText](code)} ${this.api[calls.diagnostic](code)}`;
        } catch (e) { /* nothing more to say */ }
        const shown = args.map((arg) => String(arg).slice(0, 60)).join(", ");
        console.warn(`Etos: ${calls[name]}(${shown}) failed: ${code} ${detail}`);
      }
      return failed ? null : result;
    }

    start() {
      const d = this.dialect;
      this.call("init", [""]);
      const get = (element) => this.call("get", [element], d.unsetError) || "";
      const saved = { location: get(d.location), suspend: get(d.suspend) };
      this.interactions = parseInt(get(d.interactionCount), 10) || 0;
      this.reviewing = d.reviewing(get);
      // A learner who finished before and whose LMS kept no suspend data must not be set back.
      this.finishedBefore = !saved.suspend && d.finishedBefore(get);
      return saved;
    }

    set(element, value) {
      if (this.sent[element] !== value && this.call("set", [element, value]) !== null) this.sent[element] = value;
    }

    save(snapshot) {
      if (this.ended) return;
      const d = this.dialect;
      const status = snapshot.status;
      if (snapshot.location) this.set(d.location, snapshot.location);
      this.set(d.suspend, snapshot.suspend);
      if (!this.reviewing && (!this.finishedBefore || status.finished)) {
        d.status(status).forEach(([element, value]) => this.set(element, value));
      }
      this.set(...d.exit(status.finished));
      this.set(...d.sessionTime(snapshot.sessionMs));
    }

    record(interaction) {
      if (this.ended || this.reviewing) return;
      this.dialect.interaction(this.interactions++, interaction).forEach((pair) => this.call("set", pair));
    }

    commit() {
      return !this.ended && this.call("commit", [""]) !== null;
    }

    finish() {
      if (this.ended) return;
      this.ended = true;
      this.call("finish", [""]);
    }
  };
})(window.Etos = window.Etos || {});
