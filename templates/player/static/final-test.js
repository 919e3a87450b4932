/* The final test: questions drawn from the pool, scored against the mastery score, retried within
   the allowed attempts. Every answered question becomes one interaction in the LMS. */
((Etos) => {
  "use strict";

  Etos.FinalTest = class {
    constructor(section, progress, tracker, changed) {
      this.progress = progress;
      this.rules = progress.data.test;
      this.tracker = tracker;
      this.changed = changed;
      this.pool = new Map(this.rules.questions.map((q) => [q.id, q]));
      this.boxes = new Map([...section.querySelectorAll(".question.test")].map((box) => [box.dataset.question, box]));
      const find = (selector) => section.querySelector(selector);
      [this.form, this.missing, this.attempt, this.result, this.retryButton] =
        [".test-form", ".test-missing", ".attempt", ".test-result", "[data-action=retry]"].map(find);
      this.firstAnswers = {}; // question id → when the learner first answered it, for latency
      this.form.onsubmit = (event) => {
        event.preventDefault();
        this.submit();
      };
      this.form.onchange = (event) => this.answered(event.target.closest(".question"));
      this.retryButton.onclick = () => this.retry();
      const t = progress.test;
      t.draw = t.draw.filter((q) => this.pool.has(q.id));
      if ((!t.submitted || !t.draw.length) && t.draw.length < Math.min(this.rules.draw, this.pool.size)) this.draw();
      this.render();
    }

    /** The test page is in view: from now on the questions count as available to the learner. */
    shown() {
      this.startedAt = this.startedAt || Date.now();
    }

    draw() {
      const ids = [...this.pool.keys()];
      for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [ids[i], ids[j]] = [ids[j], ids[i]];
      }
      Object.assign(this.progress.test, { submitted: false, draw: ids.slice(0, this.rules.draw).map((id) => ({ id, answer: [] })) });
      this.firstAnswers = {};
    }

    answered(box) {
      const entry = this.progress.test.draw.find((q) => q.id === box.dataset.question);
      if (!entry || this.progress.test.submitted) return;
      entry.answer = Etos.answerOf(box);
      this.firstAnswers[entry.id] = this.firstAnswers[entry.id] || Date.now();
      this.changed();
    }

    render() {
      const t = this.progress.test;
      const left = this.progress.attemptsLeft();
      this.boxes.forEach((box) => { box.hidden = true; });
      t.draw.forEach((entry, index) => {
        const box = this.boxes.get(entry.id);
        this.form.querySelector(".test-questions").append(box); // in the order drawn
        box.hidden = false;
        box.querySelector(".number").textContent = `Fråga ${index + 1} av ${t.draw.length}. `;
        Etos.setAnswer(box, entry.answer);
        Etos.showOptions(box, entry.answer, this.pool.get(entry.id).correct, t.submitted && Etos.checkWords);
        box.querySelector("fieldset").disabled = t.submitted;
      });
      this.form.querySelector("[type=submit]").hidden = t.submitted;
      this.missing.textContent = "";
      this.attempt.textContent = t.submitted ? "" : `Försök ${t.attempts + 1}${this.rules.attempts ? ` av ${this.rules.attempts}` : ""}.`;
      this.retryButton.hidden = !t.submitted || t.passed || left === 0;
      this.result.className = `test-result ${t.submitted ? (t.passed ? "passed" : "failed") : ""}`;
      this.result.textContent = t.submitted ? this.verdict(left) : "";
    }

    verdict(left) {
      const t = this.progress.test;
      const right = t.draw.filter((q) => Etos.isRight(q.answer, this.pool.get(q.id).correct)).length;
      const score = `Du fick ${right} av ${t.draw.length} rätt (${t.score} procent).`;
      if (t.passed) return `${score} Du är godkänd på sluttestet.`;
      const more = left === 0 ? "Du har inga försök kvar." : (left === Infinity ? "Du kan göra om testet." : `Du har ${left} försök kvar.`);
      return `${score} Du är inte godkänd. Det krävs ${this.rules.mastery} procent rätt. ${more}`;
    }

    submit() {
      const t = this.progress.test;
      const missing = t.draw.map((q, index) => (q.answer.length ? 0 : index + 1)).filter(Boolean);
      if (missing.length) {
        this.missing.textContent = `Svara på alla frågor innan du lämnar in. Du har inte svarat på fråga ${missing.join(", ")}.`;
        this.boxes.get(t.draw[missing[0] - 1].id).querySelector("input").focus();
        return;
      }
      const now = Date.now();
      const start = this.startedAt || now;
      let right = 0;
      t.draw.forEach((entry) => {
        const question = this.pool.get(entry.id);
        const correct = Etos.isRight(entry.answer, question.correct);
        right += correct ? 1 : 0;
        this.tracker.record({
          id: Etos.interactionId(entry.id, t.attempts + 1),
          type: question.type === "sant-falskt" ? "true-false" : "choice",
          description: question.text,
          response: entry.answer.map((i) => question.responses[i]),
          correct: question.correct.map((i) => question.responses[i]),
          result: correct,
          latencyMs: Math.max(0, (this.firstAnswers[entry.id] || start) - start),
          time: new Date(now)
        });
      });
      const score = Math.round((100 * right) / t.draw.length);
      Object.assign(t, { attempts: t.attempts + 1, score, passed: score >= this.rules.mastery, submitted: true });
      this.render();
      this.changed();
      this.result.focus();
    }

    retry() {
      this.draw();
      this.startedAt = Date.now();
      this.render();
      this.changed();
      this.boxes.get(this.progress.test.draw[0].id).querySelector("input").focus();
    }
  };
})(window.Etos = window.Etos || {});
