/* What the learner is told of the record (../SCRIPTS.md). */
((Etos) => {
"use strict";
const $ = (selector) => document.querySelector(selector);
const SAVED = { saved: "saved_lms", local: "saved_local", review: "" };
Etos.savedWords = (state) => (state in SAVED ? SAVED[state] && Etos.t(SAVED[state]) : Etos.t("saved_not"));
Etos.attemptsWords = (left) => Etos.t(left === Infinity ? "attempts_unlimited" : (left ? "attempts_left" : "attempts_none"), { left });
const lessonsDone = (p) => Etos.t("welcome_text", { done: p.done.size, total: p.data.lessons.length });

Etos.Screens = class {
  constructor(progress, tracker, nav) {
    Object.assign(this, { progress, tracker, nav, end: $("#slut") });
    document.addEventListener("etos:record", (event) => {
      this.state = event.detail.state;
      if (nav.current === this.end) this.shown(this.end);
    });
  }

  /** Back to the bookmark, else the first lesson not done, else the test. */
  welcome(location) {
    const p = this.progress;
    const next = p.data.lessons.find((lesson) => !p.done.has(lesson.id));
    const page = document.getElementById(location || (next ? next.page : "sluttest"));
    const any = location || p.reached.size || p.test.attempts || Object.keys(p.checks).length || Object.keys(p.dilemmas).length;
    if (!any || !page || Etos.readOnly()) return;
    const result = p.test.passed === null ? "" : Etos.t(p.test.passed ? "welcome_passed" : "welcome_failed");
    $(".welcome-text").textContent = [lessonsDone(p), result, Etos.t("welcome_next", { page: page.querySelector("h1").textContent })]
      .filter(Boolean).join(" ");
    $(".welcome").hidden = false;
    $("[data-action=start]").classList.remove("primary");
    $("[data-action=resume]").addEventListener("click", () => this.nav.show(page.id));
  }

  /** The end screen. */
  shown(page) {
    if (page !== this.end) return;
    const p = this.progress;
    const s = p.status();
    const t = p.test;
    const rules = p.data.test;
    const passed = rules ? t.passed : s.completed || null;
    const out = rules && passed === false && !s.attemptsLeft;
    const score = { score: t.score, mastery: rules && rules.mastery };
    let result = Etos.t("end_no_test");
    if (!rules) result = passed ? Etos.t("end_completed") : "";
    else if (passed) result = Etos.t("end_passed", score);
    else if (out) result = Etos.t("end_out", score);
    else if (passed === false) result = `${Etos.t("end_failed", score)} ${Etos.attemptsWords(s.attemptsLeft)}`;
    $(".end-result").textContent = [result, lessonsDone(p)].filter(Boolean).join(" ");
    this.end.dataset.result = passed ? "passed" : (passed === false ? "failed" : "");
    const state = this.state || this.tracker.state || "pending";
    const safe = state in SAVED;
    $(".end-saved").textContent = Etos.savedWords(state);
    if (rules) $(".end-no-attempts").hidden = !out;
    $(".end-close").textContent = s.finished ? Etos.t(safe ? "end_close" : "end_wait") : (safe ? Etos.t("end_later") : "");
  }
};

/** The LMS link in words: one notice at a time. */
let shown = "";
function showConnection({ state, mode, held, ended }) {
  let notice = ended ? "ended" : state;
  if (state === "review") notice = mode === "browse" && !held.finished ? "browse" : "review";
  if (state === "saved" && shown === "failed") notice = "saved-again";
  const focused = $(".connection").contains(document.activeElement);
  document.querySelectorAll(".connection-notice").forEach((element) => { element.hidden = element.dataset.state !== notice; });
  if (notice === "review") { // what the LMS holds, as text
    const result = [{ passed: Etos.t("held_passed"), failed: Etos.t("held_failed") }[held.status],
      held.score !== null && Etos.t("held_score", { score: held.score.toLocaleString(document.documentElement.lang) })];
    const words = result.filter(Boolean).join(", ");
    $(".connection-result").textContent = words ? Etos.t("review_result", { result: words }) : "";
  }
  $(".connection-again").hidden = true;
  if (notice === "saved-again" && focused) $("[data-state=saved-again]").focus(); // its button is gone
  shown = notice;
}

document.addEventListener("etos:record", (event) => showConnection(event.detail));
document.addEventListener("click", (event) => {
  if (!event.target.closest("[data-action=save-again]")) return;
  document.dispatchEvent(new CustomEvent("etos:save"));
  $(".connection-again").hidden = shown !== "failed"; // still refused
});
})(window.Etos = window.Etos || {});
