/* Knowledge checks and dilemmas, and what the final test shares with them (../SCRIPTS.md). */
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

/** mulberry32: an order made again from its seed. */
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

/** Marks in words, not colour alone: `judge(index)` → {words (null: none), good, bad}. */
Etos.showOptions = (box, judge) => box.querySelectorAll(".option").forEach((option) => {
  const { words, good, bad } = judge(indexOf(option));
  option.classList.toggle("right", words !== null && good);
  option.classList.toggle("wrong", words !== null && bad);
  option.querySelector(".verdict").textContent = words || "";
  option.querySelector(".option-feedback").hidden = words === null;
});

/** `saved`: id → option indexes. */
function setUp(form, saved, { id, good, words, summary }, changed) {
  const live = form.querySelector(".feedback");
  const show = (answer) => {
    Etos.showOptions(form, (i) => {
      const [chosen, right] = [answer.includes(i), good.includes(i)];
      return { words: words(chosen, right), good: right, bad: chosen && !right };
    });
    const chosen = [...form.querySelectorAll(".option")].filter((option) => answer.includes(indexOf(option)));
    live.textContent = [summary(answer), ...chosen.map((option) => option.querySelector(".option-feedback span").textContent)].join(" ");
    form.querySelectorAll(".explanation").forEach((explanation) => { explanation.hidden = false; });
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answer = Etos.answerOf(form);
    if (Etos.readOnly()) return;
    if (answer.length) {
      saved[id] = answer;
      show(answer);
      changed();
    } else live.textContent = Etos.t("choose_first");
  });
  if (Etos.readOnly()) form.querySelectorAll("fieldset, button").forEach((c) => { c.disabled = true; });
  if (saved[id] && saved[id].length) {
    Etos.setAnswer(form, saved[id]);
    show(saved[id]);
  }
}

Etos.setUpQuestions = (progress, changed) => {
  const { checks, dilemmas } = progress.data;
  document.querySelectorAll("form.check, form.dilemma").forEach((form) => {
    const question = checks[form.dataset.question];
    const id = form.dataset.dilemma;
    if (question) {
      const correct = question.correct;
      Etos.arrange(form, question, progress.seed);
      setUp(form, progress.checks, { id: question.id, good: correct, words: Etos.checkWords, summary: (answer) =>
        Etos.t(Etos.isRight(answer, correct) ? "check_correct" : (answer.every((i) => correct.includes(i)) ? "check_partial" : "check_incorrect")) }, changed);
    } else if (dilemmas[id]) {
      setUp(form, progress.dilemmas, { id, good: dilemmas[id].recommended, words: dilemmaWords, summary: () => "" }, changed);
    }
  });
};
})(window.Etos = window.Etos || {});
