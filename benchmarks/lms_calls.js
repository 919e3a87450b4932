// Counts the LMS calls the player makes when a learner moves to the next lesson, for bench_build.py.
// Runs the player's own scripts under Node against a counting stand-in for the LMS API; no browser.
// Usage: node benchmarks/lms_calls.js <player data JSON file>; prints {"scorm12": n, "scorm2004": n}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const STATIC = path.join(__dirname, "..", "templates", "player", "static");
global.window = {};
global.document = { addEventListener() {}, dispatchEvent() {}, visibilityState: "visible", documentElement: { dataset: {} } };
global.CustomEvent = class {};
global.window.addEventListener = () => {};
global.setInterval = () => 0; // the 30 s timer plays no part in a lesson change
for (const file of ["values.js", "scorm12.js", "scorm2004.js", "lms.js", "progress.js", "tracker.js"]) {
  const source = path.join(STATIC, file);
  vm.runInThisContext(fs.readFileSync(source, "utf8"), { filename: source });
}
const { Etos } = window;
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

function callsPerLessonChange(standard) {
  const dialect = Etos.dialects[standard];
  let calls = 0;
  const api = {};
  const answers = { get: "", error: "0" };
  Object.entries(dialect.calls).forEach(([role, name]) => {
    api[name] = () => {
      if (role !== "error" && role !== "errorText" && role !== "diagnostic") calls++;
      return answers[role] !== undefined ? answers[role] : "true";
    };
  });
  const progress = new Etos.Progress(data);
  const tracker = new Etos.Tracker(new Etos.LmsAdapter(api, dialect), progress);
  tracker.start();
  progress.reached.add(data.lessons[0].id);
  progress.settle();
  tracker.moved(data.lessons[0].page);
  calls = 0;
  // What the player does when the learner goes on to the next lesson and reads it to its end:
  tracker.moved(data.lessons[1].page);
  progress.reached.add(data.lessons[1].id);
  progress.settle();
  tracker.update();
  return calls;
}

process.stdout.write(JSON.stringify({ scorm12: callsPerLessonChange("scorm12"), scorm2004: callsPerLessonChange("scorm2004") }) + "\n");
