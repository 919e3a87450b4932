/* The start page's welcome back and the end of the course: where the learner was, the result, and
   whether the LMS (or this browser) holds it, from the tracker's saving state ("etos:record"). */
((Etos) => {
  "use strict";
  const $ = (selector) => document.querySelector(selector);

  /** Words for a saving state; one not known yet counts as not saved. */
  Etos.savedWords = (state) => {
    if (state === "review") return "";
    if (state === "saved") return "Resultatet är sparat i lärplattformen.";
    if (state === "local") return "Resultatet är sparat i den här webbläsaren.";
    return "Resultatet är inte sparat än.";
  };

  Etos.Screens = class {
    constructor(progress, tracker, nav) {
      this.progress = progress;
      this.tracker = tracker;
      this.nav = nav;
      this.endPage = $("#slut");
      document.addEventListener("etos:record", (event) => {
        this.state = event.detail && event.detail.state;
        if (nav.current === this.endPage) this.showEnd();
      });
    }

    get saving() {
      return this.state || this.tracker.state || "pending";
    }

    /** With saved progress: a welcome and the way back, at the top of the start page. The way back
        leads to a lesson or the test only: the bookmark, or else the first lesson not done. */
    welcome(location) {
      const p = this.progress;
      const t = p.test;
      const lessons = p.data.lessons;
      const mark = document.getElementById(location);
      const bookmark = mark && (mark.classList.contains("lesson") || mark.id === "sluttest") && mark;
      const any = bookmark || p.reached.size || t.attempts || Object.keys(p.checks).length || Object.keys(p.dilemmas).length;
      const next = lessons.find((lesson) => !p.done.has(lesson.id));
      const page = bookmark || document.getElementById(next ? next.page : "sluttest");
      if (!any || !page || Etos.readOnly()) return;
      const title = page.querySelector("h1").textContent;
      const result = t.passed === null ? "" : (t.passed ? " Du är godkänd på sluttestet." : " Du är inte godkänd på sluttestet än.");
      $(".welcome-text").textContent = `Du har gjort klart ${p.done.size} av ${lessons.length} lektioner.${result} Du fortsätter med: ${title}.`;
      $(".welcome").hidden = false;
      $("[data-action=start]").classList.remove("primary");
      $("[data-action=resume]").addEventListener("click", () => this.nav.show(page.id));
    }

    shown(page) {
      if (page === this.endPage) this.showEnd();
    }

    /** The result, whether it is saved, and whether the window may be closed. */
    showEnd() {
      const p = this.progress;
      const s = p.status();
      const t = p.test;
      const rules = p.data.test;
      const lessons = `Du har gjort klart ${p.done.size} av ${p.data.lessons.length} lektioner.`;
      const out = rules && t.passed === false && !s.attemptsLeft;
      let result = `Du har inte gjort sluttestet än. ${lessons}`;
      if (!rules) result = s.completed ? "Du har gjort klart alla lektioner. Kursen är genomförd." : lessons;
      else if (t.passed) result = `Du är godkänd på sluttestet med ${t.score} procent rätt. ${lessons}`;
      else if (out) result = `Du blev inte godkänd på sluttestet. Du fick ${t.score} procent rätt, och det krävs ${rules.mastery}. ${lessons}`;
      else if (t.passed === false) {
        const left = s.attemptsLeft === Infinity ? "Du kan göra om testet." : `Du har ${s.attemptsLeft} försök kvar.`;
        result = `Du är inte godkänd på sluttestet än: du fick ${t.score} procent rätt. ${left} ${lessons}`;
      }
      $(".end-result").textContent = result;
      const state = this.saving;
      $(".end-saved").textContent = Etos.savedWords(state);
      if (rules) $(".end-no-attempts").hidden = !out;
      const safe = ["saved", "local", "review"].includes(state);
      if (!s.finished) $(".end-close").textContent = safe ? "Dina framsteg är sparade, så du kan fortsätta en annan gång." : "";
      else $(".end-close").textContent = safe ? "Du kan stänga fönstret nu." : "Stäng inte fönstret förrän resultatet är sparat.";
    }
  };
})(window.Etos = window.Etos || {});
