/* The welcome back on the start page and the end of the course: the result, and whether the LMS (or
   this browser) holds it, from the tracker's saving state ("etos:record"). */
((Etos) => {
  "use strict";
  const $ = (selector) => document.querySelector(selector);
  const SAVED = { saved: "Resultatet är sparat i lärplattformen.", local: "Resultatet är sparat i den här webbläsaren.", review: "" };
  Etos.savedWords = (state) => (state in SAVED ? SAVED[state] : "Resultatet är inte sparat än.");
  Etos.attemptsWords = (left) => (left === Infinity ? "Du kan göra om testet." : `Du har ${left || "inga"} försök kvar.`);

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
      const result = p.test.passed === null ? "" : ` Du är ${p.test.passed ? "" : "inte "}godkänd på sluttestet.`;
      $(".welcome-text").textContent = `Du har gjort klart ${p.done.size} av ${lessons.length} lektioner.${result} Du fortsätter med: ${page.querySelector("h1").textContent}.`;
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
      let result = "Du har inte gjort sluttestet än.";
      if (!rules) result = s.completed ? "Kursen är genomförd." : "";
      else if (t.passed) result = `Du är godkänd på sluttestet med ${t.score} procent rätt.`;
      else if (out) result = `Du blev inte godkänd på sluttestet. Du fick ${t.score} procent rätt, och det krävs ${rules.mastery}.`;
      else if (t.passed === false) result = `Du är inte godkänd på sluttestet än: du fick ${t.score} procent rätt. ${Etos.attemptsWords(s.attemptsLeft)}`;
      $(".end-result").textContent = `${result} Du har gjort klart ${p.done.size} av ${p.data.lessons.length} lektioner.`.trim();
      const state = this.state || this.tracker.state || "pending";
      const safe = state in SAVED;
      $(".end-saved").textContent = Etos.savedWords(state);
      if (rules) $(".end-no-attempts").hidden = !out;
      $(".end-close").textContent = s.finished ? (safe ? "Du kan stänga fönstret nu." : "Stäng inte fönstret förrän resultatet är sparat.")
        : (safe ? "Dina framsteg är sparade, så du kan fortsätta en annan gång." : "");
    }
  };
})(window.Etos = window.Etos || {});
