/* A test LMS: scorm-again's run-time API as window.API (SCORM 1.2) or window.API_1484_11 (2004),
   and the course in an iframe, as most LMSs launch it. Tests drive it through these functions. */
"use strict";
let api = null;
let standard = "";
let popup = null;
const log = []; // what the course asked of the LMS: ["LMSCommit"], ["SetValue", element, value], ...

/** Starts a session: a fresh API (with what the LMS kept from the last one) and the course. */
function launch(newStandard, url, saved, options) {
  options = options || {};
  standard = newStandard;
  delete window.API;
  delete window.API_1484_11;
  log.length = 0;
  const settings = { logLevel: 5, autocommit: false };
  if (standard === "scorm12") {
    api = new Scorm12API(settings);
    window.API = api;
  } else {
    api = new Scorm2004API(settings);
    window.API_1484_11 = api;
  }
  if (saved) api.loadFromJSON(saved);
  const names = standard === "scorm12"
    ? ["LMSInitialize", "LMSFinish", "LMSCommit", "LMSSetValue"]
    : ["Initialize", "Terminate", "Commit", "SetValue"];
  names.forEach((name) => {
    const original = api[name].bind(api);
    api[name] = (...args) => {
      log.push([name, ...args]);
      return original(...args);
    };
  });
  if (options.refuse) refuse();
  if (options.popup) popup = window.open(url, "course-popup");
  else document.getElementById("course").src = url;
}

/** An LMS that refuses every SetValue and Commit, with an error code as the standard says. */
function refuse() {
  const [set, commit, error] = standard === "scorm12"
    ? ["LMSSetValue", "LMSCommit", "LMSGetLastError"]
    : ["SetValue", "Commit", "GetLastError"];
  let lastError = "0";
  const refused = (name) => (...args) => {
    log.push([name, ...args]);
    lastError = "101";
    return "false";
  };
  api[set] = refused(set);
  api[commit] = refused(commit);
  const originalError = api[error].bind(api);
  api[error] = () => {
    const code = lastError;
    lastError = "0";
    return code !== "0" ? code : originalError();
  };
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

function callLog() {
  return JSON.parse(JSON.stringify(log));
}

/** What an LMS keeps for the next session of a learner who left the course suspended. */
function keptForNextSession() {
  const cmi = lmsState();
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
