/* The welcome back on the start page and the end of the course: the result, and whether the LMS (or
   this browser) holds it, from the tracker's saving state ("etos:record"). */
((Etos) => {
  "use strict";
  const $ = (selector) => document.querySelector(selector);
  const SAVED = { saved: "saved_lms", local: "saved_local", review: "" };
  Etos.savedWords = (state) => (state in SAVED ? SAVED[state] && Etos.t(SAVED[state]) : Etos.t("saved_not"));
  Etos.attemptsWords = (left) => Etos.t(left === Infinity ? "attempts_unlimited" : (left ? "attempts_left" : "attempts_none"), { left });

  Etos.Screens = class {
    constructor(progress, tracker, nav) {
      Object.assign(this, { progress, tracker, nav, end: $("#slut") });
      document.addEventListener("etos:record", (event) => {
        this.state = (event.detail || {}).state;
        if (nav.current === this.end) this.shown(this.end);
      });
    }

    /** With saved progress: a welcome at the top of the start page and the way back, to the bookmark
        (the tracker keeps only a lesson or the test) or else to the first lesson not done, or the test. */
    welcome(location) {
      const p = this.progress;
      const lessons = p.data.lessons;
      const next = lessons.find((lesson) => !p.done.has(lesson.id));
      const page = document.getElementById(location || (next ? next.page : "sluttest"));
      const any = location || p.reached.size || p.test.attempts || Object.keys(p.checks).length || Object.keys(p.dilemmas).length;
      if (!any || !page || Etos.readOnly()) return;
      const result = p.test.passed === null ? "" : Etos.t(p.test.passed ? "welcome_passed" : "welcome_failed");
      $(".welcome-text").textContent = [Etos.t("welcome_text", { done: p.done.size, total: lessons.length }), result,
        Etos.t("welcome_next", { page: page.querySelector("h1").textContent })].filter(Boolean).join(" ");
      $(".welcome").hidden = false;
      $("[data-action=start]").classList.remove("primary");
      $("[data-action=resume]").addEventListener("click", () => this.nav.show(page.id));
    }

    /** The end screen: the result, whether it is saved, and whether the window may be closed. */
    shown(page) {
      if (page !== this.end) return;
      const p = this.progress;
      const s = p.status();
      const t = p.test;
      const rules = p.data.test;
      const out = rules && t.passed === false && !s.attemptsLeft;
      const score = { score: t.score, mastery: rules && rules.mastery };
      let result = Etos.t("end_no_test");
      if (!rules) result = s.completed ? Etos.t("end_completed") : "";
      else if (t.passed) result = Etos.t("end_passed", score);
      else if (out) result = Etos.t("end_out", score);
      else if (t.passed === false) result = `${Etos.t("end_failed", score)} ${Etos.attemptsWords(s.attemptsLeft)}`;
      $(".end-result").textContent = [result, Etos.t("welcome_text", { done: p.done.size, total: p.data.lessons.length })].filter(Boolean).join(" ");
      this.end.dataset.result = !rules ? (s.completed ? "passed" : "") : (t.passed ? "passed" : (t.passed === false ? "failed" : ""));
      const state = this.state || this.tracker.state || "pending";
      const safe = state in SAVED;
      $(".end-saved").textContent = Etos.savedWords(state);
      if (rules) $(".end-no-attempts").hidden = !out;
      $(".end-close").textContent = s.finished ? Etos.t(safe ? "end_close" : "end_wait") : (safe ? Etos.t("end_later") : "");
    }
  };
})(window.Etos = window.Etos || {});
