/* SCORM 1.2: the run-time environment's element names, formats and statuses. */
((Etos) => {
"use strict";
Etos.dialects = Etos.dialects || {};

/** CMITimespan: 0000:00:00.00. */
function timespan(ms) {
  const pad = Etos.time.pad;
  const t = Etos.time.parts(ms);
  return `${pad(t.h, 4)}:${pad(t.m)}:${pad(t.s)}.${pad(t.cs)}`;
}

/** CMITime: the time of day. */
const clock = (date) => [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => Etos.time.pad(n)).join(":");

Etos.dialects.scorm12 = {
  apiName: "API",
  calls: {
    init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
    error: "LMSGetLastError", errorText: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic"
  },
  unsetError: null,
  mode: "cmi.core.lesson_mode",
  location: "cmi.core.lesson_location",
  locationLimit: 255,
  suspend: "cmi.suspend_data",
  suspendLimit: 4096,
  interactionCount: "cmi.interactions._count",
  statusFirst: true,
  held(get) {
    const status = get("cmi.core.lesson_status");
    return { status, score: Etos.check.read(get("cmi.core.score.raw")), finished: /^(passed|completed)$/.test(status) };
  },

  /** failed after the last attempt (or any, as the course says), else incomplete; no test: completed. */
  status(s) {
    const status = s.passed ? "passed" : (s.passed === false ? (s.finished || s.test.failedStatus === "failed" ? "failed" : "incomplete")
      : (!s.test && s.completed ? "completed" : "incomplete"));
    const score = Etos.check.score(s.score);
    return [["cmi.core.lesson_status", status]].concat(score === null ? [] :
      [["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", String(score)]]);
  },
  exit: (finished) => ["cmi.core.exit", finished ? "" : "suspend"],
  sessionTime: (ms) => ["cmi.core.session_time", timespan(ms)],

  /** choice: "a,c"; true-false: "t" or "f". */
  interaction(n, r) {
    const p = `cmi.interactions.${n}.`;
    const token = (value) => (r.type === "true-false" ? value.charAt(0) : value);
    return [
      [p + "id", r.id],
      [p + "type", r.type],
      [p + "correct_responses.0.pattern", r.correct.map(token).join(",")],
      [p + "student_response", r.response.map(token).join(",")],
      [p + "result", r.result ? "correct" : "wrong"],
      [p + "weighting", "1"],
      [p + "time", clock(r.time)]
    ];
  }
};
})(window.Etos = window.Etos || {});
