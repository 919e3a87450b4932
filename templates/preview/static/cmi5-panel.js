/* The panel for a cmi5 build: what the preview's LRS received (GET /api/cmi5), read every second
   while cmi5 is on show, drawn into the panel's sections by panel.js's helpers. */
((Preview) => {
  "use strict";
  const POLL_MS = 1000;
  const verb = (s) => String((s.verb || {}).id || "").split("/").pop();
  let records = { statements: [], saved: null };
  let polling = null;

  function poll(changed) {
    fetch("/api/cmi5").then((r) => r.json()).then((next) => {
      if (JSON.stringify(next) !== JSON.stringify(records)) {
        records = next;
        changed();
      }
    }).catch(() => { /* the server has stopped */ });
  }

  Preview.cmi5 = {
    /** Polls while cmi5 is shown; `changed` asks panel.js to draw again. */
    watch(shown, changed) {
      if (shown && !polling) polling = window.setInterval(() => poll(changed), POLL_MS);
      if (!shown && polling) polling = window.clearInterval(polling);
      if (shown) poll(changed);
    },

    render({ el, fill, pair, say }) {
      const all = records.statements;
      const launched = all.map(verb).lastIndexOf("launched");
      const session = launched < 0 ? [] : all.slice(launched);
      const verbs = session.map(verb);
      const names = { initialize: "initialized", terminate: "terminated" };
      const stateText = verbs.includes("terminated") ? "state_ended" : (verbs.includes("initialized") ? "state_running" : "state_waiting");
      fill("lms-session", el("p", { id: "lms-state" }, say(stateText, names)));
      const result = (name) => all.filter((s) => verb(s) === name).pop();
      const decided = result("passed") || result("failed");
      const score = decided && decided.result && decided.result.score;
      fill("lms-status",
        pair(say("label_completion"), result("completed") ? "completed" : "", "lms-completion-status"),
        pair(say("label_success"), decided ? verb(decided) : "", "lms-success-status"),
        pair(say("label_scaled"), score ? String(score.scaled) : ""));
      const saved = records.saved || {};
      fill("lms-location", el("dl", { class: "values" },
        pair(say("label_location"), saved.location || "", "lms-location-value"),
        pair(say("label_suspend"), saved.suspend ? el("span", { class: "size" }, say("cmi5_characters", { length: saved.suspend.length })) : "")));
      const answers = all.filter((s) => verb(s) === "answered");
      const heading = ["col_id", "col_type", "col_response", "col_correct", "col_result"].map((key) => el("th", { scope: "col" }, say(key)));
      fill("lms-interactions", answers.length ? el("table", { class: "interactions", id: "lms-interactions-table" },
        el("thead", {}, el("tr", {}, heading)), el("tbody", {}, answers.map((s) => {
          const d = s.object.definition || {};
          const right = s.result && s.result.success ? "correct" : "incorrect";
          return el("tr", {}, el("td", {}, s.object.id.split("/").pop()), el("td", {}, d.interactionType || ""),
            el("td", {}, (s.result || {}).response || ""), el("td", {}, (d.correctResponsesPattern || []).join(" ")),
            el("td", { class: `result result-${right}` }, right));
        }))) : el("p", { class: "nothing" }, say("no_interactions")));
      fill("lms-errors", el("li", { class: "nothing" }, say("no_errors")));
      fill("calls-heading", say("section_statements"));
      fill("lms-calls", all.length ? all.slice(-40).reverse().map((s) => el("li", { class: "call statement" },
        el("span", { class: "time" }, String(s.stored || "").slice(11, 19)), " ", el("code", {}, verb(s)), " ",
        el("pre", { class: "statement-json" }, JSON.stringify(s, null, 1))))
        : [el("li", { class: "nothing" }, say("no_statements"))]);
    }
  };
})(window.Preview = window.Preview || {});
