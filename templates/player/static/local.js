/* Without an LMS, progress stays in localStorage under the course id, so a new version keeps it. */
((Etos) => {
  "use strict";
  Etos.LocalAdapter = class {
    constructor(courseId) {
      this.key = `etos:${courseId}`;
      this.data = {};
    }

    start() {
      try {
        this.data = JSON.parse(localStorage.getItem(this.key)) || {};
      } catch (e) {
        this.data = {}; // storage blocked or unreadable: start afresh
      }
      return { location: this.data.location || "", suspend: this.data.suspend || "" };
    }

    save(snapshot) {
      this.data = { location: snapshot.location, suspend: snapshot.suspend };
    }

    record() {}

    commit() {
      try {
        localStorage.setItem(this.key, JSON.stringify(this.data));
        return true;
      } catch (e) {
        return false; // storage blocked: progress lasts as long as the page
      }
    }

    finish() {
      this.commit();
    }
  };
})(window.Etos = window.Etos || {});
