/* SCORM 1.2: element names and formats of the 1.2 run-time environment, and nothing else. */
((Etos) => {
  "use strict";
  Etos.dialects = Etos.dialects || {};

  Etos.dialects.scorm12 = {
    apiName: "API",
    calls: {
      init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
      error: "LMSGetLastError", errorText: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic"
    },
    unsetError: null,
    location: "cmi.core.lesson_location",
    suspend: "cmi.suspend_data",
    suspendLimit: 4096,
    interactionCount: "cmi.interactions._count",
    reviewing: (get) => get("cmi.core.lesson_mode") === "review",
    finishedBefore: (get) => ["passed", "completed"].includes(get("cmi.core.lesson_status")),

    status(s) {
      const status = s.passed === null ? (s.completed ? "completed" : "incomplete") : (s.passed ? "passed" : "failed");
      const values = [["cmi.core.lesson_status", status]];
      if (s.score !== null) {
        values.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", String(s.score)]);
      }
      return values;
    },
    exit: (finished) => ["cmi.core.exit", finished ? "" : "suspend"],
    sessionTime: (ms) => ["cmi.core.session_time", Etos.time.timespan(ms, true)],

    /** choice: "a,c"; true-false: "t" or "f"; result correct/wrong. */
    interaction(n, r) {
      const p = `cmi.interactions.${n}.`;
      const token = (value) => (r.type === "true-false" ? value.charAt(0) : value);
      return [
        [p + "id", r.id],
        [p + "type", r.type],
        [p + "correct_responses.0.pattern", r.correct.map(token).join(",")],
        [p + "student_response", r.response.map(token).join(",").slice(0, 255)],
        [p + "result", r.result ? "correct" : "wrong"],
        [p + "weighting", "1"],
        [p + "latency", Etos.time.timespan(r.latencyMs, false)],
        [p + "time", Etos.time.clock(r.time)]
      ];
    }
  };
})(window.Etos = window.Etos || {});
