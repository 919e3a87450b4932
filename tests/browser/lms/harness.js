/* A test LMS: scorm-again's run-time API as window.API (SCORM 1.2) or window.API_1484_11 (2004),
   and the course in an iframe, as most LMSs launch it. Tests drive it through these functions. */
"use strict";
let api = null;
let standard = "";
let popup = null;
const log = []; // what the course asked of the LMS: ["LMSCommit"], ["SetValue", element, value], ...
let faults = {}; // set: element prefixes refused; commits: how many commits to refuse; cut: suspend data kept
let lastError = "0";
let stored = null; // what the LMS's server holds: the data as of the last commit or finish that succeeded
let quirks = {}; // emptyErrors, strictIds, moodle12: see launch
let sessionOver = false; // endSession() was called: every call fails with 101, as in forma.lms
let batch = []; // elements set since the last good commit: what Moodle's player posts in one request
let completion = ""; // Moodle's activity completion, with quirks.moodle12

/** Starts a session: a fresh API (with what the LMS kept from the last one) and the course.
    options: refuse (every SetValue and Commit), faults (see setFaults), noApi (a frame that offers
    no run-time API at all), popup (the course in a window of its own), and quirks of real LMSs:
    emptyErrors (GetLastError answers "" for no error, as some LMSs do), strictIds (interaction ids
    with "-", "_" or "." refused, as forma.lms does: 406 in 2004, 405 in 1.2), moodle12 (Moodle's
    SCORM 1.2 player posts the score before the status in one request, and activity completion
    follows a status only when it comes in a request without a score: see moodleCompletion). */
function launch(newStandard, url, saved, options) {
  options = options || {};
  standard = newStandard;
  delete window.API;
  delete window.API_1484_11;
  log.length = 0;
  quirks = options;
  sessionOver = false;
  batch = [];
  completion = "";
  if (options.noApi) {
    api = null;
    document.getElementById("course").src = url;
    return;
  }
  const settings = { logLevel: 5, autocommit: false };
  if (standard === "scorm12") {
    api = new Scorm12API(settings);
    window.API = api;
  } else {
    api = new Scorm2004API(settings);
    window.API_1484_11 = api;
  }
  if (saved) api.loadFromJSON(saved);
  stored = lmsState();
  const [set, get, commit, finish, error] = standard === "scorm12"
    ? ["LMSSetValue", "LMSGetValue", "LMSCommit", "LMSFinish", "LMSGetLastError"]
    : ["SetValue", "GetValue", "Commit", "Terminate", "GetLastError"];
  [standard === "scorm12" ? "LMSInitialize" : "Initialize", finish, commit, set, get].forEach((name) => {
    const original = api[name].bind(api);
    api[name] = (...args) => {
      log.push([name, ...args]);
      lastError = "0";
      if (name === set && faults.cut && args[0] === "cmi.suspend_data") args[1] = args[1].slice(0, faults.cut);
      if (sessionOver || (name === set && (faults.set || []).some((prefix) => args[0].startsWith(prefix))) ||
          (name === commit && faults.commits > 0 && faults.commits--)) {
        lastError = "101"; // general exception: a valid answer in both versions
        return name === get ? "" : "false";
      }
      if (name === set && quirks.strictIds && /^cmi\.interactions\.\d+\.id$/.test(args[0]) && /[-_.]/.test(args[1])) {
        lastError = standard === "scorm12" ? "405" : "406";
        return "false";
      }
      const result = original(...args);
      if (name === set && String(result) === "true") batch.push(args[0]);
      if ((name === commit || name === finish) && String(result) === "true") {
        stored = lmsState();
        if (quirks.moodle12 && batch.includes("cmi.core.lesson_status") && !batch.some((e) => e.startsWith("cmi.core.score"))) {
          completion = api.cmi.core.lesson_status;
        }
        batch = [];
      }
      return result;
    };
  });
  const originalError = api[error].bind(api);
  api[error] = () => {
    const code = lastError !== "0" ? lastError : String(originalError());
    lastError = "0";
    return quirks.emptyErrors && code === "0" ? "" : code;
  };
  setFaults(options.refuse ? { set: ["cmi."], commits: Infinity } : options.faults || {});
  if (options.popup) popup = window.open(url, "course-popup");
  else document.getElementById("course").src = url;
}

/** The LMS ends the session on its own, as forma.lms does before the course unloads: from now on
    every call fails with 101 and nothing more is stored. */
function endSession() {
  sessionOver = true;
}

/** Moodle's activity completion under quirks.moodle12: the status of the last commit that brought a
    new lesson_status and no score ("" while never so). In Moodle 4.3 a status that arrives in the
    same request as the score leaves completion at "To do". */
function moodleCompletion() {
  return completion;
}

/** Faults of the LMS from now on: SetValue refused for elements that start with one of `set`, the
    next `commits` commits refused, cmi.suspend_data silently cut to its first `cut` characters. */
function setFaults(newFaults) {
  faults = { ...newFaults };
}

/** Closes the course as an LMS does when the learner leaves: the frame is emptied, the popup shut. */
function closeCourse() {
  if (popup) popup.close();
  else document.getElementById("course").src = "about:blank";
  popup = null;
}

/** Everything the LMS holds now, as plain JSON. */
function lmsState() {
  return JSON.parse(JSON.stringify(api.cmi));
}

/** What the LMS would still hold had the window vanished now: the data of the last good commit. */
function storedState() {
  return JSON.parse(JSON.stringify(stored));
}

function callLog() {
  return JSON.parse(JSON.stringify(log));
}

/** What an LMS keeps for the next session of a learner who left the course suspended: from the data
    it holds now or, with `fromStore`, from the last good commit. */
function keptForNextSession(fromStore) {
  const cmi = fromStore ? storedState() : lmsState();
  if (standard === "scorm12") {
    return {
      suspend_data: cmi.suspend_data,
      core: {
        lesson_location: cmi.core.lesson_location, lesson_status: cmi.core.lesson_status,
        score: cmi.core.score, entry: cmi.core.exit === "suspend" ? "resume" : ""
      }
    };
  }
  return {
    suspend_data: cmi.suspend_data, location: cmi.location, completion_status: cmi.completion_status,
    success_status: cmi.success_status, score: cmi.score, entry: cmi.exit === "suspend" ? "resume" : ""
  };
}
