/* The LMS hears from the course when the status or page changes, every 30 s while something is
   unsaved, when the page is hidden, and at the end; never on every answer (LMSs send each commit on). */
((Etos) => {
  "use strict";
  const TIMER_MS = 30000;
  const RETRY_MS = 5000;

  Etos.Tracker = class {
    constructor(adapter, progress) {
      this.adapter = adapter;
      this.progress = progress;
      this.location = "";
      this.lastStatus = "";
      this.dirty = false;
      this.ended = false;
      this.retry = null;
      this.startedAt = Date.now();
    }

    /** Reads what the LMS kept, tells it the status (incomplete at a first launch) and listens. */
    start() {
      const saved = this.adapter.start();
      this.progress.load(saved.suspend);
      this.location = saved.location;
      this.commit();
      setInterval(() => this.dirty && this.commit(), TIMER_MS);
      document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && this.commit());
      window.addEventListener("pagehide", () => this.finish());
      return saved;
    }

    /** The learner changed something: saved at the next commit, or now if the status moved. */
    update() {
      this.dirty = true;
      if (JSON.stringify(this.progress.status()) !== this.lastStatus) this.commit();
    }

    moved(location) {
      this.location = location;
      this.commit();
    }

    record(interaction) {
      this.adapter.record(interaction);
      this.dirty = true;
    }

    snapshot() {
      const status = this.progress.status();
      this.lastStatus = JSON.stringify(status);
      return { location: this.location, suspend: this.progress.encode((this.adapter.dialect || {}).suspendLimit), status, sessionMs: Date.now() - this.startedAt };
    }

    /** Saves and commits. A failed commit is tried once more a little later, never in a loop. */
    commit() {
      if (this.ended) return;
      this.adapter.save(this.snapshot());
      this.dirty = false;
      if (this.adapter.commit() || this.retry) return;
      this.retry = setTimeout(() => {
        this.retry = null;
        if (!this.ended && !this.adapter.commit()) console.warn("Etos: progress not stored; it is sent again at the next save.");
      }, RETRY_MS);
    }

    finish() {
      if (this.ended) return;
      clearTimeout(this.retry);
      this.adapter.save(this.snapshot());
      this.adapter.commit();
      this.ended = true;
      this.adapter.finish();
    }
  };
})(window.Etos = window.Etos || {});
