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
      this.form = section.querySelector(".test-form");
      this.list = section.querySelector(".test-questions");
      this.missing = section.querySelector(".test-missing");
      this.attempt = section.querySelector(".attempt");
      this.result = section.querySelector(".test-result");
      this.retryButton = section.querySelector("[data-action=retry]");
      this.firstAnswers = {}; // question id → when it was first answered in this session
      this.startedAt = null;
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submit();
      });
      this.form.addEventListener("change", (event) => this.answered(event.target.closest(".question")));
      this.retryButton.addEventListener("click", () => this.retry());
      const t = progress.test;
      t.draw = t.draw.filter((q) => this.pool.has(q.id));
      if (!t.submitted && t.draw.length < Math.min(this.rules.draw, this.pool.size)) this.draw();
      this.render();
    }

    /** The test page came into view: the questions are now "available" for latency. */
    shown() {
      if (!this.startedAt) this.startedAt = Date.now();
    }

    draw() {
      const ids = [...this.pool.keys()];
      for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [ids[i], ids[j]] = [ids[j], ids[i]];
      }
      Object.assign(this.progress.test, { submitted: false, draw: ids.slice(0, this.rules.draw).map((id) => ({ id, answer: [] })) });
      this.firstAnswers = {};
      this.startedAt = Date.now();
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
      this.boxes.forEach((box) => { box.hidden = true; });
      t.draw.forEach((entry, index) => {
        const box = this.boxes.get(entry.id);
        const question = this.pool.get(entry.id);
        this.list.append(box); // in the order drawn
        box.hidden = false;
        box.querySelector(".number").textContent = `Fråga ${index + 1} av ${t.draw.length}. `;
        Etos.setAnswer(box, entry.answer);
        Etos.showOptions(box, entry.answer, question.correct, t.submitted && Etos.checkWords);
        box.querySelector("fieldset").disabled = t.submitted;
      });
      this.form.querySelector("[type=submit]").hidden = t.submitted;
      this.missing.textContent = "";
      const allowed = this.rules.attempts;
      this.attempt.textContent = t.submitted ? "" : `Försök ${t.attempts + 1}${allowed ? ` av ${allowed}` : ""}.`;
      this.showResult();
    }

    showResult() {
      const t = this.progress.test;
      const left = this.progress.attemptsLeft();
      this.retryButton.hidden = !t.submitted || t.passed || left === 0;
      this.result.className = `test-result ${t.submitted ? (t.passed ? "passed" : "failed") : ""}`;
      if (!t.submitted) {
        this.result.textContent = "";
        return;
      }
      const right = t.draw.filter((q) => Etos.isRight(q.answer, this.pool.get(q.id).correct)).length;
      let text = `Du fick ${right} av ${t.draw.length} rätt (${t.score} procent). `;
      if (t.passed) text += "Du är godkänd på sluttestet.";
      else {
        text += `Du är inte godkänd. Det krävs ${this.rules.mastery} procent rätt. `;
        text += left === 0 ? "Du har inga försök kvar." : (left === Infinity ? "Du kan göra om testet." : `Du har ${left} försök kvar.`);
      }
      this.result.textContent = text;
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
        if (correct) right++;
        this.tracker.record({
          id: `${entry.id}_${t.attempts + 1}`,
          type: question.type === "sant-falskt" ? "true-false" : "choice",
          description: question.text,
          response: entry.answer.map((i) => question.responses[i]),
          correct: question.correct.map((i) => question.responses[i]),
          result: correct,
          latencyMs: Math.max(0, (this.firstAnswers[entry.id] || start) - start),
          time: new Date(now)
        });
      });
      Object.assign(t, { attempts: t.attempts + 1, score: Math.round((100 * right) / t.draw.length), submitted: true });
      t.passed = t.score >= this.rules.mastery;
      this.render();
      this.changed();
      this.result.focus();
    }

    retry() {
      this.draw();
      this.render();
      this.changed();
      this.boxes.get(this.progress.test.draw[0].id).querySelector("input").focus();
    }
  };
})(window.Etos = window.Etos || {});
