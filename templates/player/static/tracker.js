/* What the LMS hears, and when (../SCRIPTS.md). */
((Etos) => {
"use strict";
const TIMER_MS = 30000;
const RETRY_MS = 5000;

Etos.Tracker = class {
  constructor(adapter, progress) {
    Object.assign(this, { adapter, progress, startedAt: Date.now() });
    this.location = this.lastStatus = this.state = "";
    this.dirty = this.answers = this.ended = false;
  }

  /** What the LMS kept, whatever `entry` says. */
  start() {
    const saved = this.adapter.start();
    this.mode = this.adapter.mode;
    if (this.mode !== "normal") document.documentElement.dataset.lmsMode = this.mode;
    this.progress.load(saved.suspend);
    this.location = this.bookmarkable(saved.location) ? saved.location : "";
    this.commit();
    setInterval(() => this.dirty && this.commit(), TIMER_MS);
    document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && this.commit());
    document.addEventListener("etos:save", () => this.saveNow());
    // The first ends the session, also for a page kept for the back button.
    ["pagehide", "beforeunload", "unload"].forEach((name) => window.addEventListener(name, () => this.finish()));
    return { location: this.location, suspend: saved.suspend };
  }

  bookmarkable(page) {
    const data = this.progress.data;
    return data.lessons.some((lesson) => lesson.page === page) || (page === "sluttest" && Boolean(data.test));
  }

  update() {
    this.changed();
    if (this.answers || JSON.stringify(this.progress.status()) !== this.lastStatus) this.commit();
  }

  moved(page) {
    if (this.bookmarkable(page)) this.location = page;
    if (this.location === page || this.dirty) this.commit();
  }

  record(interaction) {
    this.adapter.record(interaction);
    this.answers = true;
    this.changed();
  }

  changed() {
    this.dirty = true;
    if (this.ended || this.state === "saved") this.tell(this.ended ? "failed" : "pending");
  }

  snapshot() {
    const status = this.progress.status();
    this.lastStatus = JSON.stringify(status);
    return { location: this.location, sessionMs: Date.now() - this.startedAt,
      suspend: this.progress.encode((this.adapter.dialect || {}).suspendLimit),
      status: Object.assign({ test: this.progress.data.test }, status) };
  }

  send() {
    const taken = this.adapter.save(this.snapshot());
    this.dirty = this.answers = false;
    return this.adapter.commit() && taken;
  }

  /** A failed commit is tried once more, never in a loop. */
  commit() {
    if (this.ended) return this.tell("failed"); // a page shown again after the end
    if (this.send()) return this.saveNow(true);
    if (this.retry) return;
    if (this.state !== "failed") this.tell("pending");
    this.retry = setTimeout(() => this.saveNow(), RETRY_MS);
  }

  /** `sent`: just done. */
  saveNow(sent) {
    clearTimeout(this.retry);
    this.retry = null;
    if (this.ended) return this.state;
    if (sent || this.send()) return this.tell(this.adapter.dialect ? (this.mode === "normal" ? "saved" : "review") : "local");
    console.warn("Etos: progress not stored; it is sent again at the next save.");
    return this.tell("failed");
  }

  tell(state) {
    if (state !== this.state) {
      this.state = state;
      const detail = { state, mode: this.mode, held: this.adapter.held, ended: this.ended };
      document.dispatchEvent(new CustomEvent("etos:record", { detail }));
    }
    return state;
  }

  finish() {
    if (this.ended) return;
    clearTimeout(this.retry);
    this.adapter.finish(this.snapshot());
    this.ended = true;
  }
};
})(window.Etos = window.Etos || {});
