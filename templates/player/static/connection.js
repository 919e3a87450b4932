/* The LMS link in words, from "etos:record": shows one notice of partials/connection.html.j2. */
(() => {
"use strict";
const $ = (selector) => document.querySelector(selector);
const t = (...args) => window.Etos.t(...args);
let shown = "";

function show({ state, mode, held, ended }) {
  let notice = ended ? "ended" : state;
  if (state === "review") notice = mode === "browse" && !held.finished ? "browse" : "review";
  if (state === "saved" && shown === "failed") notice = "saved-again";
  const focused = $(".connection").contains(document.activeElement);
  document.querySelectorAll(".connection-notice").forEach((element) => { element.hidden = element.dataset.state !== notice; });
  if (notice === "review") { // what the LMS holds, as text
    const result = [{ passed: t("held_passed"), failed: t("held_failed") }[held.status],
      held.score !== null && t("held_score", { score: held.score.toLocaleString(document.documentElement.lang) })].filter(Boolean);
    $(".connection-result").textContent = result.length ? t("review_result", { result: result.join(", ") }) : "";
  }
  $(".connection-again").hidden = true;
  if (notice === "saved-again" && focused) $("[data-state=saved-again]").focus(); // its button is gone
  shown = notice;
}

document.addEventListener("etos:record", (event) => show(event.detail));
document.addEventListener("click", (event) => {
  if (!event.target.closest("[data-action=save-again]")) return;
  document.dispatchEvent(new CustomEvent("etos:save"));
  $(".connection-again").hidden = shown !== "failed"; // still refused
});
})();
