/* Without an LMS, progress stays in localStorage (../SCRIPTS.md). */
((Etos) => {
"use strict";
const text = (value) => (typeof value === "string" ? value : "");

Etos.LocalAdapter = class {
  constructor(courseId) {
    Object.assign(this, { key: `etos:${courseId}`, data: {}, mode: "normal", held: {} });
  }

  start() {
    try {
      this.data = JSON.parse(localStorage.getItem(this.key)) || {};
    } catch (e) { /* blocked or unreadable: start afresh */ }
    return { location: text(this.data.location), suspend: text(this.data.suspend) };
  }

  save({ location, suspend }) {
    this.data = { location, suspend };
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
