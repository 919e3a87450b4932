/* The final test: questions drawn from the pool (unseen ones first, every objective asked), options
   in a seeded order per attempt, scored against the mastery score, retried within the allowed
   attempts. The key (right options, feedback, explanation) is shown only as the course's `reveal`
   setting allows. Every answered question becomes one interaction in the LMS. */
((Etos) => {
  "use strict";
  // Letters and digits only, derived from the question id: strict LMSs refuse "-", "_" and ".".
  const localInteractionId = (id, attempt) => `${id.replace(/[^A-Za-z0-9]/g, "")}n${attempt}`;

  Etos.FinalTest = class {
    constructor(section, progress, tracker, changed) {
      this.progress = progress;
      this.rules = progress.data.test;
      this.tracker = tracker;
      this.changed = changed;
      this.readOnly = Etos.readOnly();
      this.pool = new Map(this.rules.questions.map((q) => [q.id, q]));
      this.lessons = new Map(progress.data.lessons.map((lesson) => [lesson.id, lesson]));
      this.boxes = new Map([...section.querySelectorAll(".question.test")].map((box) => [box.dataset.question, box]));
      const find = (selector) => section.querySelector(selector);
      [this.form, this.missing, this.attempt, this.result, this.saved, this.retryButton, this.endLink] =
        [".test-form", ".test-missing", ".attempt", ".test-result", ".test-saved", "[data-action=retry]", "[data-action=end]"].map(find);
      this.firstAnswers = {}; // question id → when the learner first answered it, for latency
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (!this.readOnly) this.submit();
      });
      this.form.addEventListener("change", (event) => this.answered(event.target.closest(".question")));
      this.retryButton.addEventListener("click", () => this.retry());
      document.addEventListener("etos:record", (event) => this.showSaved(event.detail && event.detail.state));
      const t = progress.test;
      t.draw = t.draw.filter((q) => this.pool.has(q.id));
      if ((!t.submitted || !t.draw.length) && t.draw.length < Math.min(this.rules.draw, this.pool.size)) this.draw();
      this.render();
    }

    /** The interaction id of a question in an attempt, as the LMS adapter names it. */
    static interactionId(questionId, attempt) {
      return (Etos.interactionId || localInteractionId)(questionId, attempt);
    }

    /** The test page is in view: from now on the questions count as available to the learner. */
    shown() {
      this.startedAt = this.startedAt || Date.now();
    }

    /** Unseen questions first; the first pick of each objective, so that every objective is asked
        when the draw is large enough; the rest by chance. A new seed orders the options. */
    draw() {
      const t = this.progress.test;
      const seen = new Set(t.seen);
      const ranked = Etos.shuffle([...this.pool.values()]).sort((a, b) => seen.has(a.id) - seen.has(b.id));
      const size = Math.min(this.rules.draw, ranked.length);
      const objectives = Etos.shuffle([...new Set(ranked.map((q) => q.objective).filter((o) => o != null))]);
      const picked = objectives.slice(0, size).map((objective) => ranked.find((q) => q.objective === objective));
      ranked.forEach((q) => picked.length < size && !picked.includes(q) && picked.push(q));
      const ids = Etos.shuffle(picked).map((q) => q.id);
      Object.assign(t, { submitted: false, seed: Math.floor(Math.random() * 4294967296),
        draw: ids.map((id) => ({ id, answer: [] })), seen: [...new Set([...t.seen, ...ids])] });
      this.firstAnswers = {};
    }

    answered(box) {
      const entry = this.progress.test.draw.find((q) => q.id === box.dataset.question);
      if (!entry || this.progress.test.submitted || this.readOnly) return;
      entry.answer = Etos.answerOf(box);
      this.firstAnswers[entry.id] = this.firstAnswers[entry.id] || Date.now();
      this.changed();
    }

    /** afterEach: after every attempt; afterLast: once passed or out of attempts; never: not at all. */
    keyShown() {
      const t = this.progress.test;
      const reveal = this.rules.reveal;
      return t.submitted && (reveal === "afterEach" || (reveal !== "never" && (t.passed || !this.progress.attemptsLeft())));
    }

    render() {
      const t = this.progress.test;
      const left = this.progress.attemptsLeft();
      const key = this.keyShown();
      this.boxes.forEach((box) => { box.hidden = true; });
      t.draw.forEach((entry, index) => {
        const box = this.boxes.get(entry.id);
        const question = this.pool.get(entry.id);
        this.form.querySelector(".test-questions").append(box); // in the order drawn
        box.hidden = false;
        box.querySelector(".number").textContent = `Fråga ${index + 1} av ${t.draw.length}. `;
        Etos.arrange(box, question, t.seed);
        Etos.setAnswer(box, entry.answer);
        this.mark(box, entry, question, key);
        box.querySelector("fieldset").disabled = t.submitted || this.readOnly;
      });
      this.form.querySelector("[type=submit]").hidden = t.submitted || this.readOnly;
      this.missing.textContent = "";
      this.attempt.textContent = t.submitted ? "" : (this.readOnly ? "Testet kan inte göras nu: kursen är öppnad för att läsas."
        : `Försök ${t.attempts + 1}${this.rules.attempts ? ` av ${this.rules.attempts}` : ""}.`);
      this.retryButton.hidden = !t.submitted || t.passed || left === 0 || this.readOnly;
      this.endLink.hidden = !this.progress.status().finished;
      this.result.className = `test-result ${t.submitted ? (t.passed ? "passed" : "failed") : ""}`;
      this.result.textContent = t.submitted ? this.verdict(left, key) : "";
      this.showSaved();
    }

    /** Withheld key: the learner's own choices, whether the question was right, and the lesson to
        read again; nothing that tells the right option. With the key: every option and its feedback. */
    mark(box, entry, question, key) {
      const submitted = this.progress.test.submitted;
      const right = Etos.isRight(entry.answer, question.correct);
      const template = box.querySelector("template.key").content;
      box.querySelectorAll(".option").forEach((option) => {
        const index = Number(option.querySelector("input").value);
        const chosen = entry.answer.includes(index);
        const good = question.correct.includes(index);
        let words = "";
        if (submitted && key) words = Etos.checkWords(chosen, good);
        else if (submitted && chosen) words = right ? "Ditt svar, rätt." : (question.type === "flerval" ? "Ditt svar." : "Ditt svar, fel.");
        option.classList.toggle("right", submitted && (key ? good : chosen && right));
        option.classList.toggle("wrong", submitted && chosen && (key ? !good : !right && question.type !== "flerval"));
        option.querySelector(".verdict").textContent = words;
        option.querySelector(".option-feedback").hidden = !words;
        const feedback = option.querySelector(".option-feedback span");
        feedback.textContent = "";
        if (submitted && key) feedback.append(...template.querySelector(`[data-option="${index}"]`).cloneNode(true).childNodes);
      });
      box.querySelectorAll(".explanation").forEach((explanation) => explanation.remove());
      const explanation = template.querySelector(".explanation");
      if (submitted && key && explanation) box.querySelector("fieldset").after(explanation.cloneNode(true));
      const verdict = box.querySelector(".question-verdict");
      verdict.hidden = !submitted;
      verdict.className = `question-verdict ${right ? "passed" : "failed"}`;
      verdict.textContent = right ? "Rätt svar på frågan." : "Fel svar på frågan.";
      const lesson = this.lessons.get(question.lesson);
      if (submitted && !right && lesson) {
        const link = document.createElement("a");
        link.href = `#${lesson.page}`;
        link.textContent = lesson.title;
        verdict.append(" Läs om det i lektionen ", link, ".");
      } else if (submitted && !right) {
        verdict.append(" Läs lektionerna igen.");
      }
    }

    verdict(left, key) {
      const t = this.progress.test;
      const right = t.draw.filter((q) => Etos.isRight(q.answer, this.pool.get(q.id).correct)).length;
      const score = `Du fick ${right} av ${t.draw.length} rätt (${t.score} procent).`;
      const shown = key ? " Vid varje fråga ser du nu vilket svar som är rätt." : "";
      if (t.passed) return `${score} Du är godkänd på sluttestet.${shown}`;
      const more = left === 0 ? "Du har inga försök kvar." : (left === Infinity ? "Du kan göra om testet." : `Du har ${left} försök kvar.`);
      const marked = key ? shown : " Frågorna som blev fel är markerade ovan, med lektionen att läsa igen.";
      return `${score} Du är inte godkänd. Det krävs ${this.rules.mastery} procent rätt. ${more}${marked}`;
    }

    /** Whether the result is safe: from the tracker's saving state (see Etos.savedWords). */
    showSaved(state) {
      const words = Etos.savedWords(state || this.tracker.state);
      this.saved.hidden = !this.progress.test.submitted || !words;
      this.saved.textContent = words;
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
          id: Etos.FinalTest.interactionId(entry.id, t.attempts + 1),
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
      this.changed();
      this.render();
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
