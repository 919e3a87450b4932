/* The final test (../SCRIPTS.md): a draw, retries, the key as `reveal` allows. */
((Etos) => {
"use strict";
/** Unanswered at hand-in: marked where it is, in words. */
const flag = (box, unanswered) => {
  box.classList.toggle("unanswered", unanswered);
  box.querySelector(".unanswered-note").hidden = !unanswered;
};

Etos.FinalTest = class {
  constructor(section, progress, tracker, changed) {
    Object.assign(this, { progress, tracker, changed, rules: progress.data.test, readOnly: Etos.readOnly() });
    this.pool = new Map(this.rules.questions.map((q) => [q.id, q]));
    this.boxes = new Map([...section.querySelectorAll(".question.test")].map((box) => [box.dataset.question, box]));
    [this.form, this.missing, this.attempt, this.result, this.saved, this.retryButton, this.endLink] =
      [".test-form", ".test-missing", ".attempt", ".test-result", ".test-saved", "[data-action=retry]", "[data-action=end]"]
        .map((selector) => section.querySelector(selector));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!this.readOnly) this.submit();
    });
    this.form.addEventListener("change", (event) => this.answered(event.target.closest(".question")));
    this.retryButton.addEventListener("click", () => this.retry());
    document.addEventListener("etos:record", (event) => this.showSaved(event.detail.state));
    const t = progress.test;
    t.draw = t.draw.filter((q) => this.pool.has(q.id));
    if ((!t.submitted || !t.draw.length) && t.draw.length < Math.min(this.rules.draw, this.pool.size)) this.draw();
    this.render();
  }

  /** Unseen first, one per objective, then the rest; a new option seed. */
  draw() {
    const t = this.progress.test;
    const ranked = Etos.shuffle([...this.pool.values()]).sort((a, b) => t.seen.includes(a.id) - t.seen.includes(b.id));
    const size = Math.min(this.rules.draw, ranked.length);
    const objectives = Etos.shuffle([...new Set(ranked.map((q) => q.objective).filter((o) => o != null))]);
    const picked = objectives.slice(0, size).map((objective) => ranked.find((q) => q.objective === objective));
    ranked.forEach((q) => picked.length < size && !picked.includes(q) && picked.push(q));
    const ids = Etos.shuffle(picked).map((q) => q.id);
    Object.assign(t, { submitted: false, seed: Math.floor(Math.random() * 2 ** 32),
      draw: ids.map((id) => ({ id, answer: [] })), seen: [...new Set([...t.seen, ...ids])] });
  }

  answered(box) {
    const entry = this.progress.test.draw.find((q) => q.id === box.dataset.question);
    if (!entry || this.progress.test.submitted || this.readOnly) return;
    flag(box, false);
    entry.answer = Etos.answerOf(box);
    this.changed();
  }

  render() {
    const t = this.progress.test;
    const left = this.progress.attemptsLeft();
    const reveal = this.rules.reveal;
    const key = t.submitted && (reveal === "afterEach" || (reveal === "afterLast" && (t.passed || !left)));
    const locked = t.submitted || this.readOnly;
    const list = this.form.querySelector(".test-questions");
    this.boxes.forEach((box) => { box.hidden = true; });
    t.draw.forEach((entry, index) => {
      const box = this.boxes.get(entry.id);
      const question = this.pool.get(entry.id);
      list.append(box); // in the order drawn
      box.hidden = false;
      flag(box, false);
      box.querySelector(".number").textContent = `${Etos.t("test_number", { number: index + 1, total: t.draw.length })} `;
      Etos.arrange(box, question, t.seed);
      Etos.setAnswer(box, entry.answer);
      this.mark(box, entry.answer, question, t.submitted, key);
      box.querySelector("fieldset").disabled = locked;
    });
    this.form.querySelector("[type=submit]").hidden = locked;
    this.missing.textContent = "";
    this.attempt.textContent = t.submitted ? "" : (this.readOnly ? Etos.t("test_read_only")
      : Etos.t(this.rules.attempts ? "test_attempt_of" : "test_attempt", { number: t.attempts + 1, total: this.rules.attempts }));
    this.retryButton.hidden = !t.submitted || t.passed || !left || this.readOnly;
    this.endLink.hidden = !this.progress.status().finished;
    this.result.className = `test-result ${t.submitted ? (t.passed ? "passed" : "failed") : ""}`;
    this.result.textContent = t.submitted ? this.verdict(left, key) : "";
    this.showSaved();
  }

  /** Without the key, only whether the choices are right (not which of several ticked is wrong);
      with it, every option. */
  mark(box, answer, question, submitted, key) {
    const right = Etos.isRight(answer, question.correct);
    const template = box.querySelector("template.key").content;
    Etos.showOptions(box, (index) => {
      const chosen = answer.includes(index);
      const good = key ? question.correct.includes(index) : chosen && right;
      const bad = chosen && (key ? !good : !right && question.type !== "flerval");
      const words = key ? Etos.checkWords(chosen, good) : chosen && Etos.t(good ? "your_answer_right" : (bad ? "your_answer_wrong" : "your_answer"));
      box.querySelector(`[value="${index}"] ~ .option-feedback span`)
        .replaceChildren(...(key ? template.querySelector(`[data-option="${index}"]`).cloneNode(true).childNodes : []));
      return { words: (submitted && words) || null, good, bad };
    });
    box.querySelectorAll(".question-verdict, .explanation").forEach((shown) => shown.remove());
    const verdict = submitted && template.querySelector(`.question-verdict.${right ? "passed" : "failed"}`);
    const explanation = key && template.querySelector(".explanation");
    [verdict, explanation].forEach((shown) => shown && box.querySelector("fieldset").after(shown.cloneNode(true)));
  }

  rightCount() {
    return this.progress.test.draw.filter((q) => Etos.isRight(q.answer, this.pool.get(q.id).correct)).length;
  }

  verdict(left, key) {
    const t = this.progress.test;
    const shown = key ? Etos.t("test_key_shown") : "";
    const score = Etos.t("test_score", { right: this.rightCount(), total: t.draw.length, score: t.score });
    if (t.passed) return [score, Etos.t("test_passed"), shown].filter(Boolean).join(" ");
    return [score, Etos.t("test_failed", { mastery: this.rules.mastery }), Etos.attemptsWords(left), shown || Etos.t("test_marked")].join(" ");
  }

  showSaved(state) {
    const words = Etos.savedWords(state || this.tracker.state);
    this.saved.hidden = !this.progress.test.submitted || !words;
    this.saved.textContent = words;
  }

  focusOn(entry) {
    this.boxes.get(entry.id).querySelector("input").focus();
  }

  submit() {
    const t = this.progress.test;
    const missing = t.draw.map((q, index) => (q.answer.length ? 0 : index + 1)).filter(Boolean);
    t.draw.forEach((q) => flag(this.boxes.get(q.id), !q.answer.length));
    if (missing.length) {
      this.missing.textContent = Etos.t("test_missing", { numbers: missing.join(", ") });
      return this.focusOn(t.draw[missing[0] - 1]);
    }
    // No latency (../SCRIPTS.md).
    const time = new Date();
    t.draw.forEach((entry) => {
      const question = this.pool.get(entry.id);
      const responses = (answer) => answer.map((i) => question.responses[i]);
      this.tracker.record({
        id: `${question.interaction}A${t.attempts + 1}`,
        question,
        type: question.type === "sant-falskt" ? "true-false" : "choice",
        description: question.text,
        response: responses(entry.answer),
        correct: responses(question.correct),
        result: Etos.isRight(entry.answer, question.correct),
        time
      });
    });
    const score = Math.round((100 * this.rightCount()) / t.draw.length);
    Object.assign(t, { attempts: t.attempts + 1, score, passed: score >= this.rules.mastery, submitted: true });
    this.changed();
    this.render();
    this.result.focus();
  }

  retry() {
    this.draw();
    this.render();
    this.changed();
    this.focusOn(this.progress.test.draw[0]);
  }
};
})(window.Etos = window.Etos || {});
