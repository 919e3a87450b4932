/* SCORM 2004 4th edition: the run-time environment's element names, formats and statuses. */
((Etos) => {
"use strict";
Etos.dialects = Etos.dialects || {};

const share = (n) => (Etos.check.within(n, 0, 1) ? Math.round(n * 10000) / 10000 : null);
/** time(second,10,0): at most hundredths. */
const stamp = (date) => `${date.toISOString().slice(0, 22)}Z`;

Etos.dialects.scorm2004 = {
  apiName: "API_1484_11",
  calls: {
    init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
    error: "GetLastError", errorText: "GetErrorString", diagnostic: "GetDiagnostic"
  },
  unsetError: "403", // "value not initialized": expected at a first launch
  mode: "cmi.mode",
  location: "cmi.location",
  locationLimit: 1000,
  suspend: "cmi.suspend_data",
  suspendLimit: 64000,
  interactionCount: "cmi.interactions._count",
  statusFirst: false,
  held(get) {
    const success = get("cmi.success_status");
    return { status: success, score: Etos.check.read(get("cmi.score.raw")),
      finished: get("cmi.completion_status") === "completed" || success === "passed" };
  },

  /** completed when nothing is left to do (test passed or out of attempts; no test: lessons done). */
  status(s) {
    const score = Etos.check.score(s.score);
    const progress = share(s.progress);
    return [
      ["cmi.completion_status", s.finished ? "completed" : "incomplete"],
      ["cmi.success_status", s.passed === null ? "unknown" : (s.passed ? "passed" : "failed")]
    ].concat(progress === null ? [] : [["cmi.progress_measure", String(progress)]], score === null ? [] :
      [["cmi.score.min", "0"], ["cmi.score.max", "100"], ["cmi.score.raw", String(score)], ["cmi.score.scaled", String(score / 100)]]);
  },
  exit: (finished) => ["cmi.exit", finished ? "normal" : "suspend"],
  sessionTime: (ms) => ["cmi.session_time", Etos.time.duration(ms)],

  /** choice: "a[,]c"; true-false: "true" or "false". */
  interaction(n, r) {
    const p = `cmi.interactions.${n}.`;
    return [
      [p + "id", r.id],
      [p + "type", r.type],
      [p + "description", [...r.description].slice(0, 250).join("")],
      [p + "correct_responses.0.pattern", r.correct.join("[,]")],
      [p + "learner_response", r.response.join("[,]")],
      [p + "result", r.result ? "correct" : "incorrect"],
      [p + "weighting", "1"],
      [p + "timestamp", stamp(r.time)]
    ];
  }
};
})(window.Etos = window.Etos || {});
