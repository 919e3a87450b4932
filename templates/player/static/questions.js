/* Knowledge checks and dilemmas in the lessons: feedback on every option once the learner has
   answered, announced through a live region, and restored when the learner comes back. */
((Etos) => {
  "use strict";

  /** The indexes of the options a learner has ticked. */
  Etos.answerOf = (box) => [...box.querySelectorAll("input:checked")].map((input) => Number(input.value));

  Etos.setAnswer = (box, answer) => box.querySelectorAll("input").forEach((input) => {
    input.checked = answer.includes(Number(input.value));
  });

  Etos.isRight = (answer, correct) => answer.length === correct.length && correct.every((i) => answer.includes(i));

  /** Marks each option in words, not by colour alone, and shows its feedback (or hides it all). */
  Etos.showOptions = (box, answer, good, words) => {
    box.querySelectorAll(".option").forEach((option, index) => {
      const chosen = answer.includes(index);
      const right = good.includes(index);
      option.classList.toggle("right", Boolean(words) && right);
      option.classList.toggle("wrong", Boolean(words) && chosen && !right);
      option.querySelector(".verdict").textContent = words ? words(chosen, right) : "";
      option.querySelector(".option-feedback").hidden = !words;
    });
  };

  const checkWords = (chosen, right) => (chosen ? (right ? "Ditt svar är rätt." : "Ditt svar är fel.") : (right ? "Rätt svar." : "Fel svar."));
  Etos.checkWords = checkWords;
  const dilemmaWords = (chosen, recommended) => [chosen ? "Ditt val." : "", recommended ? "Ett bra val." : ""].join(" ").trim();
  const feedbackOf = (box, answer) => answer.map((i) => box.querySelectorAll(".option-feedback span")[i])
    .filter(Boolean).map((span) => span.textContent).join(" ");

  function setUp(selector, find, saved, store, changed) {
    document.querySelectorAll(selector).forEach((form) => {
      const item = find(form);
      if (!item) return;
      const live = form.querySelector(".feedback");
      const show = (answer) => {
        Etos.showOptions(form, answer, item.good, item.words);
        live.textContent = `${item.summary(answer)} ${feedbackOf(form, answer)}`;
        const explanation = form.querySelector(".explanation");
        if (explanation) explanation.hidden = false;
      };
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const answer = Etos.answerOf(form);
        if (!answer.length) {
          live.textContent = "Välj ett svar först.";
          return;
        }
        store(item.id, answer);
        show(answer);
        changed();
      });
      const answer = saved(item.id).filter((i) => i < form.querySelectorAll("input").length);
      if (answer.length) {
        Etos.setAnswer(form, answer);
        show(answer);
      }
    });
  }

  Etos.setUpQuestions = (progress, changed) => {
    setUp("form.question.check", (form) => {
      const question = progress.data.checks[form.dataset.question];
      return question && {
        id: question.id,
        good: question.correct,
        words: checkWords,
        summary: (answer) => (Etos.isRight(answer, question.correct) ? "Rätt!" : "Inte rätt.")
      };
    }, (id) => progress.checks[id] || [], (id, answer) => { progress.checks[id] = answer; }, changed);

    setUp("form.dilemma", (form) => {
      const id = form.dataset.dilemma;
      const dilemma = progress.data.dilemmas[id];
      return dilemma && { id, good: dilemma.recommended, words: dilemmaWords, summary: () => "" };
    }, (id) => (id in progress.dilemmas ? [progress.dilemmas[id]] : []),
    (id, answer) => { progress.dilemmas[id] = answer[0]; }, changed);
  };
})(window.Etos = window.Etos || {});
