/* Without an LMS, progress stays in localStorage under the course id, so a new version keeps it.
   Blocked or full storage: progress lasts as long as the page (nothing the learner can mend). */
((Etos) => {
  "use strict";
  Etos.LocalAdapter = class {
    constructor(courseId) {
      this.key = `etos:${courseId}`;
      this.data = {};
      this.mode = "normal";
      this.held = {};
    }

    start() {
      try {
        this.data = JSON.parse(localStorage.getItem(this.key)) || {};
      } catch (e) {
        this.data = {}; // storage blocked or unreadable: start afresh
      }
      const text = (value) => (typeof value === "string" ? value : "");
      return { location: text(this.data.location), suspend: text(this.data.suspend) };
    }

    save(snapshot) {
      this.data = { location: snapshot.location, suspend: snapshot.suspend };
      return true;
    }

    record() {}

    commit() {
      try {
        localStorage.setItem(this.key, JSON.stringify(this.data));
      } catch (e) { /* see above */ }
      return true;
    }

    finish(snapshot) {
      this.save(snapshot);
      this.commit();
    }
  };
})(window.Etos = window.Etos || {});
