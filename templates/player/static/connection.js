/* The link to the LMS in words at the top of the page, from the tracker's "etos:record" events: it
   shows one of the notices of partials/connection.html.j2. What the LMS gave back becomes text only. */
(() => {
  "use strict";
  const RESULTS = { passed: "godkänd", failed: "inte godkänd" };
  const $ = (selector) => document.querySelector(selector);
  let shown = "";

  function show({ state, mode, held, ended }) {
    let notice = ended ? "ended" : state;
    if (state === "review") notice = mode === "browse" && !held.finished ? "browse" : "review";
    if (state === "saved" && shown === "failed") notice = "saved-again";
    const box = $(".connection");
    const focused = box.contains(document.activeElement);
    box.querySelectorAll(".connection-notice").forEach((element) => { element.hidden = element.dataset.state !== notice; });
    const result = [RESULTS[held.status], held.score === null ? "" : `${String(held.score).replace(".", ",")} procent`];
    $(".connection-result").textContent = result.some(Boolean) ? `Ditt resultat: ${result.filter(Boolean).join(", ")}.` : "";
    $(".connection-again").textContent = "";
    if (notice === "saved-again" && focused) $("[data-state=saved-again]").focus(); // its button is gone
    shown = notice;
  }

  document.addEventListener("etos:record", (event) => $(".connection") && show(event.detail));
  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-action=save-again]")) return;
    document.dispatchEvent(new CustomEvent("etos:save"));
    if (shown === "failed") $(".connection-again").textContent = "Det gick inte nu heller. Försök igen om en stund.";
  });
})();
