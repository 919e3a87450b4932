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

/** Starts a session: a fresh API (with what the LMS kept from the last one) and the course.
    options: refuse (every SetValue and Commit), faults (see setFaults), noApi (a frame that offers
    no run-time API at all), popup (the course in a window of its own). */
function launch(newStandard, url, saved, options) {
  options = options || {};
  standard = newStandard;
  delete window.API;
  delete window.API_1484_11;
  log.length = 0;
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
  const [set, commit, finish, error] = standard === "scorm12"
    ? ["LMSSetValue", "LMSCommit", "LMSFinish", "LMSGetLastError"]
    : ["SetValue", "Commit", "Terminate", "GetLastError"];
  [standard === "scorm12" ? "LMSInitialize" : "Initialize", finish, commit, set].forEach((name) => {
    const original = api[name].bind(api);
    api[name] = (...args) => {
      log.push([name, ...args]);
      lastError = "0";
      if (name === set && faults.cut && args[0] === "cmi.suspend_data") args[1] = args[1].slice(0, faults.cut);
      if ((name === set && (faults.set || []).some((prefix) => args[0].startsWith(prefix))) ||
          (name === commit && faults.commits > 0 && faults.commits--)) {
        lastError = "101"; // general exception: a valid answer in both versions
        return "false";
      }
      const result = original(...args);
      if ((name === commit || name === finish) && String(result) === "true") stored = lmsState();
      return result;
    };
  });
  const originalError = api[error].bind(api);
  api[error] = () => {
    const code = lastError;
    lastError = "0";
    return code !== "0" ? code : originalError();
  };
  setFaults(options.refuse ? { set: ["cmi."], commits: Infinity } : options.faults || {});
  if (options.popup) popup = window.open(url, "course-popup");
  else document.getElementById("course").src = url;
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
