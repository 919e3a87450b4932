/* SCORM 2004 4th edition: element names and formats of the 2004 run-time environment, and nothing else. */
((Etos) => {
  "use strict";
  Etos.dialects = Etos.dialects || {};

  Etos.dialects.scorm2004 = {
    apiName: "API_1484_11",
    calls: {
      init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
      error: "GetLastError", errorText: "GetErrorString", diagnostic: "GetDiagnostic"
    },
    unsetError: "403", // "value not initialized": expected at a first launch
    location: "cmi.location",
    suspend: "cmi.suspend_data",
    suspendLimit: 64000,
    interactionCount: "cmi.interactions._count",
    reviewing: (get) => get("cmi.mode") === "review",
    finishedBefore: (get) => get("cmi.completion_status") === "completed" || get("cmi.success_status") === "passed",

    status(s) {
      const values = [
        ["cmi.completion_status", s.completed ? "completed" : "incomplete"],
        ["cmi.success_status", s.passed === null ? "unknown" : (s.passed ? "passed" : "failed")],
        ["cmi.progress_measure", String(Math.round(s.progress * 100) / 100)]
      ];
      if (s.score !== null) {
        values.push(["cmi.score.min", "0"], ["cmi.score.max", "100"], ["cmi.score.raw", String(s.score)],
          ["cmi.score.scaled", String(s.score / 100)]);
      }
      return values;
    },
    exit: (finished) => ["cmi.exit", finished ? "normal" : "suspend"],
    sessionTime: (ms) => ["cmi.session_time", Etos.time.duration(ms)],

    /** choice: "a[,]c"; true-false: "true" or "false"; result correct/incorrect. */
    interaction(n, r) {
      const p = `cmi.interactions.${n}.`;
      return [
        [p + "id", r.id],
        [p + "type", r.type],
        [p + "description", r.description.slice(0, 250)],
        [p + "correct_responses.0.pattern", r.correct.join("[,]")],
        [p + "learner_response", r.response.join("[,]")],
        [p + "result", r.result ? "correct" : "incorrect"],
        [p + "weighting", "1"],
        [p + "latency", Etos.time.duration(r.latencyMs)],
        [p + "timestamp", Etos.time.stamp(r.time)]
      ];
    }
  };
})(window.Etos = window.Etos || {});
