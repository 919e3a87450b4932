/* Knowledge checks and dilemmas: feedback on every option once the learner has answered, announced
   through a live region, and shown again when the learner comes back. */
((Etos) => {
  "use strict";
  Etos.answerOf = (box) => [...box.querySelectorAll("input:checked")].map((input) => Number(input.value));
  Etos.setAnswer = (box, answer) => box.querySelectorAll("input").forEach((input) => {
    input.checked = answer.includes(Number(input.value));
  });
  Etos.isRight = (answer, correct) => answer.length === correct.length && correct.every((i) => answer.includes(i));
  Etos.checkWords = (chosen, right) => (chosen ? `Ditt svar är ${right ? "rätt" : "fel"}.` : `${right ? "Rätt" : "Fel"} svar.`);
  const dilemmaWords = (chosen, good) => `${chosen ? "Ditt val. " : ""}${good ? "Ett bra val." : ""}`;

  /** Marks each option in words, not by colour alone, and shows its feedback; no words: hides it all. */
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

  /** `saved` is where answers are kept (id → option indexes); `describe` tells a form's id and rules. */
  function setUp(selector, saved, describe, changed) {
    document.querySelectorAll(selector).forEach((form) => {
      const item = describe(form);
      if (!item) return;
      const live = form.querySelector(".feedback");
      const show = (answer) => {
        Etos.showOptions(form, answer, item.good, item.words);
        const chosen = [...form.querySelectorAll(".option-feedback span")].filter((span, i) => answer.includes(i));
        live.textContent = [item.summary(answer), ...chosen.map((span) => span.textContent)].join(" ");
        form.querySelectorAll(".explanation").forEach((explanation) => { explanation.hidden = false; });
      };
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const answer = Etos.answerOf(form);
        if (!answer.length) {
          live.textContent = "Välj ett svar först.";
          return;
        }
        saved[item.id] = answer;
        show(answer);
        changed();
      });
      const answer = (saved[item.id] || []).filter((i) => form.querySelectorAll("input")[i]);
      if (answer.length) {
        Etos.setAnswer(form, answer);
        show(answer);
      }
    });
  }

  Etos.setUpQuestions = (progress, changed) => {
    const { checks, dilemmas } = progress.data;
    setUp("form.check", progress.checks, (form) => {
      const question = checks[form.dataset.question];
      return question && {
        id: question.id, good: question.correct, words: Etos.checkWords,
        summary: (answer) => {
          if (Etos.isRight(answer, question.correct)) return "Rätt!";
          return answer.every((i) => question.correct.includes(i)) ? "Delvis rätt: det finns fler rätta svar." : "Inte rätt.";
        }
      };
    }, changed);
    setUp("form.dilemma", progress.dilemmas, (form) => {
      const id = form.dataset.dilemma;
      return dilemmas[id] && { id, good: dilemmas[id].recommended, words: dilemmaWords, summary: () => "" };
    }, changed);
  };
})(window.Etos = window.Etos || {});
