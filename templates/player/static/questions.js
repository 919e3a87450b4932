/* Knowledge checks and dilemmas: feedback on every option once answered, announced in a live region
   and shown again on coming back. Options in a seeded order; answers name the author's indexes. */
((Etos) => {
  "use strict";
  const indexOf = (option) => Number(option.querySelector("input").value);
  Etos.answerOf = (box) => [...box.querySelectorAll("input:checked")].map((input) => Number(input.value)).sort((a, b) => a - b);
  Etos.setAnswer = (box, answer) => box.querySelectorAll("input").forEach((input) => {
    input.checked = answer.includes(Number(input.value));
  });
  Etos.isRight = (answer, correct) => answer.length === correct.length && correct.every((i) => answer.includes(i));
  Etos.checkWords = (chosen, right) => Etos.t(chosen ? (right ? "chosen_right" : "chosen_wrong") : (right ? "option_right" : "option_wrong"));
  Etos.readOnly = () => ["review", "browse"].includes(document.documentElement.dataset.lmsMode);
  const dilemmaWords = (chosen, good) => [chosen && Etos.t("dilemma_chosen"), good && Etos.t("dilemma_good")].filter(Boolean).join(" ");

  /** mulberry32: numbers that follow from a seed, so that an order can be made again. */
  Etos.random = (seed) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  Etos.shuffle = (list, random = Math.random) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  };

  /** Options in the order of a seed and the question's key (`fixed`: the author's). */
  Etos.arrange = (box, question, seed) => {
    const options = [...box.querySelectorAll(".option")].sort((a, b) => indexOf(a) - indexOf(b));
    let hash = seed ^ 0x9e3779b9;
    for (const char of question.key) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    if (!question.fixed) Etos.shuffle(options, Etos.random(hash));
    options.forEach((option) => option.parentNode.append(option));
  };

  /** Marks each option in words, not by colour alone: `judge(index)` → {words, good, bad}; words
      null hides the option's feedback. */
  Etos.showOptions = (box, judge) => box.querySelectorAll(".option").forEach((option) => {
    const { words, good, bad } = judge(indexOf(option));
    option.classList.toggle("right", words !== null && good);
    option.classList.toggle("wrong", words !== null && bad);
    option.querySelector(".verdict").textContent = words || "";
    option.querySelector(".option-feedback").hidden = words === null;
  });

  /** `saved` is where answers are kept (id → option indexes); `describe` tells a form's id and rules. */
  function setUp(selector, saved, describe, changed) {
    document.querySelectorAll(selector).forEach((form) => {
      const item = describe(form);
      if (!item) return;
      const live = form.querySelector(".feedback");
      const show = (answer) => {
        Etos.showOptions(form, (i) => {
          const [chosen, right] = [answer.includes(i), item.good.includes(i)];
          return { words: item.words(chosen, right), good: right, bad: chosen && !right };
        });
        const chosen = [...form.querySelectorAll(".option")].filter((option) => answer.includes(indexOf(option)));
        live.textContent = [item.summary(answer), ...chosen.map((option) => option.querySelector(".option-feedback span").textContent)].join(" ");
        form.querySelectorAll(".explanation").forEach((explanation) => { explanation.hidden = false; });
      };
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const answer = Etos.answerOf(form);
        if (Etos.readOnly()) return;
        if (!answer.length) {
          live.textContent = Etos.t("choose_first");
          return;
        }
        saved[item.id] = answer;
        show(answer);
        changed();
      });
      if (Etos.readOnly()) form.querySelectorAll("fieldset, button").forEach((c) => { c.disabled = true; });
      const answer = saved[item.id] || [];
      if (answer.length) {
        Etos.setAnswer(form, answer);
        show(answer);
      }
    });
  }

  Etos.setUpQuestions = (progress, changed) => {
    const { checks, dilemmas } = progress.data;
    document.querySelectorAll("form.check").forEach((form) => {
      const question = checks[form.dataset.question];
      if (question) Etos.arrange(form, question, progress.seed);
    });
    setUp("form.check", progress.checks, (form) => {
      const question = checks[form.dataset.question];
      return question && {
        id: question.id, good: question.correct, words: Etos.checkWords,
        summary: (answer) => {
          if (Etos.isRight(answer, question.correct)) return Etos.t("check_correct");
          return Etos.t(answer.every((i) => question.correct.includes(i)) ? "check_partial" : "check_incorrect");
        }
      };
    }, changed);
    setUp("form.dilemma", progress.dilemmas, (form) => {
      const id = form.dataset.dilemma;
      return dilemmas[id] && { id, good: dilemmas[id].recommended, words: dilemmaWords, summary: () => "" };
    }, changed);
  };
})(window.Etos = window.Etos || {});
