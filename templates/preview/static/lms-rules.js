/* The two SCORM data models the preview LMS checks every call against.
   SCORM 1.2 (RTE 3.4) and SCORM 2004 4th edition (RTE 4.2): each element has an access mode
   ("rw", "ro", "wo") and a check of its value. "n" in a name stands for an array index.
   A check returns null when the value is fine, "type" when it has the wrong form and "range"
   when it is a number outside the allowed range (SCORM 2004 tells those apart). */
((Preview) => {
  "use strict";

  const TYPE = "type";
  const RANGE = "range";
  const pattern = (regex) => (value) => (regex.test(value) ? null : TYPE);
  const oneOf = (...words) => (value) => (words.includes(value) ? null : TYPE);
  const text = (max) => (value) => (value.length <= max ? null : TYPE);
  const number = (regex, min, max) => (value) => {
    if (!regex.test(value)) return TYPE;
    const n = Number(value);
    return (min !== undefined && n < min) || (max !== undefined && n > max) ? RANGE : null;
  };

  // --- SCORM 1.2 ---------------------------------------------------------------------------------
  const decimal12 = /^-?\d{1,10}(\.\d+)?$/;
  const score12 = (value) => (value === "" ? null : number(decimal12, 0, 100)(value) && TYPE);
  const integer12 = (min, max) => (value) => number(/^-?\d+$/, min, max)(value) && TYPE;
  const timespan12 = pattern(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  const identifier12 = pattern(/^[\u0021-\u007E]{1,255}$/);
  const status12 = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"];
  // What a learner's answer may look like, per interaction type (RTE 3.4.2.7, "CMIFeedback").
  const responses12 = {
    "true-false": pattern(/^[01tf]$/),
    choice: pattern(/^\{?([0-9a-z](,[0-9a-z])*)?\}?$/),
    other: text(255)
  };

  const scorm12 = {
    standard: "scorm12",
    apiName: "API",
    calls: {
      initialize: "LMSInitialize", terminate: "LMSFinish", getValue: "LMSGetValue", setValue: "LMSSetValue",
      commit: "LMSCommit", getLastError: "LMSGetLastError", getErrorString: "LMSGetErrorString",
      getDiagnostic: "LMSGetDiagnostic"
    },
    errors: {
      0: "No error", 101: "General exception", 201: "Invalid argument error",
      202: "Element cannot have children", 203: "Element not an array - cannot have count",
      301: "Not initialized", 401: "Not implemented error", 402: "Invalid set value, element is a keyword",
      403: "Element is read only", 404: "Element is write only", 405: "Incorrect data type"
    },
    // Which error each situation gives in this standard.
    codes: {
      argument: 201, alreadyRunning: 101, relaunchAfterEnd: 101, notRunning: 301, afterEnd: 101,
      undefinedElement: 201, keyword: 402, readOnly: 403, writeOnly: 404, type: 405, range: 405,
      index: 201, dependency: 201, unset: 0, getFailure: 201, noChildren: 202, notArray: 203
    },
    expected: {},
    children: {
      "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
      "cmi.core.score": "raw,min,max",
      "cmi.objectives": "id,score,status",
      "cmi.objectives.n.score": "raw,min,max",
      "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
      "cmi.student_preference": "audio,language,speed,text",
      "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
    },
    arrays: ["cmi.objectives", "cmi.interactions", "cmi.interactions.n.objectives",
             "cmi.interactions.n.correct_responses"],
    elements: {
      "cmi.core.student_id": ["ro"],
      "cmi.core.student_name": ["ro"],
      "cmi.core.lesson_location": ["rw", text(255)],
      "cmi.core.credit": ["ro"],
      "cmi.core.lesson_status": ["rw", oneOf(...status12.filter((s) => s !== "not attempted"))],
      "cmi.core.entry": ["ro"],
      "cmi.core.score.raw": ["rw", score12],
      "cmi.core.score.min": ["rw", score12],
      "cmi.core.score.max": ["rw", score12],
      "cmi.core.total_time": ["ro"],
      "cmi.core.lesson_mode": ["ro"],
      "cmi.core.exit": ["wo", oneOf("time-out", "suspend", "logout", "")],
      "cmi.core.session_time": ["wo", timespan12],
      "cmi.suspend_data": ["rw", text(4096)],
      "cmi.launch_data": ["ro"],
      "cmi.comments": ["rw", text(4096)],
      "cmi.comments_from_lms": ["ro"],
      "cmi.objectives.n.id": ["rw", identifier12],
      "cmi.objectives.n.score.raw": ["rw", score12],
      "cmi.objectives.n.score.min": ["rw", score12],
      "cmi.objectives.n.score.max": ["rw", score12],
      "cmi.objectives.n.status": ["rw", oneOf(...status12)],
      "cmi.student_data.mastery_score": ["ro"],
      "cmi.student_data.max_time_allowed": ["ro"],
      "cmi.student_data.time_limit_action": ["ro"],
      "cmi.student_preference.audio": ["rw", integer12(-1, 100)],
      "cmi.student_preference.language": ["rw", text(255)],
      "cmi.student_preference.speed": ["rw", integer12(-100, 100)],
      "cmi.student_preference.text": ["rw", integer12(-1, 1)],
      "cmi.interactions.n.id": ["wo", identifier12],
      "cmi.interactions.n.objectives.n.id": ["wo", identifier12],
      "cmi.interactions.n.time": ["wo", pattern(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/)],
      "cmi.interactions.n.type": ["wo", oneOf("true-false", "choice", "fill-in", "matching", "performance",
                                              "sequencing", "likert", "numeric")],
      "cmi.interactions.n.correct_responses.n.pattern": ["wo", "response"],
      "cmi.interactions.n.weighting": ["wo", pattern(decimal12)],
      "cmi.interactions.n.student_response": ["wo", "response"],
      "cmi.interactions.n.result": ["wo", (v) => (["correct", "wrong", "unanticipated", "neutral"].includes(v)
                                                  ? null : pattern(decimal12)(v))],
      "cmi.interactions.n.latency": ["wo", timespan12]
    },
    responses: responses12,
    responseElements: ["correct_responses.n.pattern", "student_response"],
    dependencies: {},
    statusElements: ["cmi.core.lesson_status"],
    locationElement: "cmi.core.lesson_location",
    suspendElement: "cmi.suspend_data",
    suspendLimit: 4096,
    exitElement: "cmi.core.exit",
    sessionTimeElement: "cmi.core.session_time",
    totalTimeElement: "cmi.core.total_time",
    entryElement: "cmi.core.entry",
    scoreElements: ["cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"],
    learnerResponse: "student_response",
    timeElement: "time",

    /** What the LMS knows before the course says anything. */
    initialValues(launch) {
      return {
        "cmi.core.student_id": launch.learnerId,
        "cmi.core.student_name": launch.learnerName,
        "cmi.core.credit": "credit",
        "cmi.core.lesson_status": "not attempted",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.total_time": "0000:00:00.00",
        "cmi.core.lesson_location": "",
        "cmi.core.score.raw": "",
        "cmi.core.score.min": "",
        "cmi.core.score.max": "",
        "cmi.suspend_data": "",
        "cmi.launch_data": "",
        "cmi.comments": "",
        "cmi.comments_from_lms": "",
        "cmi.student_data.mastery_score": launch.masteryPercent === null ? "" : String(launch.masteryPercent),
        "cmi.student_data.max_time_allowed": "",
        "cmi.student_data.time_limit_action": "continue,no message",
        "cmi.student_preference.audio": "0",
        "cmi.student_preference.language": "",
        "cmi.student_preference.speed": "0",
        "cmi.student_preference.text": "0"
      };
    },
    /** A new attempt starts only when the LMS says so; SCORM 1.2 leaves it to the LMS, most keep the data. */
    newAttempt: () => false,
    parseTime: (value) => {
      const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value || "");
      return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 : 0;
    },
    formatTime: (ms) => {
      const seconds = Math.round(ms / 10) / 100;
      const h = Math.floor(seconds / 3600);
      const m = Math.floor((seconds % 3600) / 60);
      const s = (seconds % 60).toFixed(2).padStart(5, "0");
      return `${String(h).padStart(4, "0")}:${String(m).padStart(2, "0")}:${s}`;
    }
  };

  // --- SCORM 2004 4th edition ----------------------------------------------------------------------
  const real = /^-?\d{1,10}(\.\d{1,18})?$/;
  const duration = pattern(/^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/);
  const timestamp = pattern(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2})?)?)?)?)?)?(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?$/);
  const longIdentifier = pattern(/^\S{1,4000}$/);
  const shortIdentifier = /^[\w\-()+.:=@;$!*'%/#]{1,250}$/;
  const langString = (max) => (value) => {
    const m = /^(\{lang=[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*\})?([\s\S]*)$/.exec(value);
    return m && m[3].length <= max ? null : TYPE;
  };
  const completion = ["completed", "incomplete", "not attempted", "unknown"];
  const success = ["passed", "failed", "unknown"];
  const choiceList = (value) => {
    if (value === "") return null;
    const ids = value.split("[,]");
    return ids.every((id) => shortIdentifier.test(id)) && new Set(ids).size === ids.length ? null : TYPE;
  };
  const responses2004 = {
    "true-false": oneOf("true", "false"),
    choice: choiceList,
    other: text(4000)
  };
  const navRequest = pattern(/^(continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_|\{target=\S+\}(choice|jump))$/);

  const scorm2004 = {
    standard: "scorm2004",
    apiName: "API_1484_11",
    calls: {
      initialize: "Initialize", terminate: "Terminate", getValue: "GetValue", setValue: "SetValue",
      commit: "Commit", getLastError: "GetLastError", getErrorString: "GetErrorString",
      getDiagnostic: "GetDiagnostic"
    },
    errors: {
      0: "No Error", 101: "General Exception", 102: "General Initialization Failure", 103: "Already Initialized",
      104: "Content Instance Terminated", 111: "General Termination Failure",
      112: "Termination Before Initialization", 113: "Termination After Termination",
      122: "Retrieve Data Before Initialization", 123: "Retrieve Data After Termination",
      132: "Store Data Before Initialization", 133: "Store Data After Termination",
      142: "Commit Before Initialization", 143: "Commit After Termination", 201: "General Argument Error",
      301: "General Get Failure", 351: "General Set Failure", 391: "General Commit Failure",
      401: "Undefined Data Model Element", 402: "Unimplemented Data Model Element",
      403: "Data Model Element Value Not Initialized", 404: "Data Model Element Is Read Only",
      405: "Data Model Element Is Write Only", 406: "Data Model Element Type Mismatch",
      407: "Data Model Element Value Out Of Range", 408: "Data Model Dependency Not Established"
    },
    codes: {
      argument: 201, alreadyRunning: 103, relaunchAfterEnd: 104, undefinedElement: 401, keyword: 404,
      readOnly: 404, writeOnly: 405, type: 406, range: 407, index: 351, dependency: 408, unset: 403,
      getFailure: 301, noChildren: 301, notArray: 301,
      // Before Initialize and after Terminate each call has its own code.
      notRunning: { getValue: 122, setValue: 132, commit: 142, terminate: 112 },
      afterEnd: { getValue: 123, setValue: 133, commit: 143, terminate: 113 }
    },
    // Answers that are errors by the letter but normal in use: asking for a value never set.
    expected: { GetValue: [403] },
    children: {
      "cmi.comments_from_learner": "comment,location,timestamp",
      "cmi.comments_from_lms": "comment,location,timestamp",
      "cmi.interactions": "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description",
      "cmi.learner_preference": "audio_level,language,delivery_speed,audio_captioning",
      "cmi.objectives": "id,score,success_status,completion_status,progress_measure,description",
      "cmi.objectives.n.score": "scaled,raw,min,max",
      "cmi.score": "scaled,raw,min,max"
    },
    arrays: ["cmi.comments_from_learner", "cmi.comments_from_lms", "cmi.interactions", "cmi.objectives",
             "cmi.interactions.n.objectives", "cmi.interactions.n.correct_responses"],
    elements: {
      "cmi._version": ["ro"],
      "cmi.comments_from_learner.n.comment": ["rw", langString(4000)],
      "cmi.comments_from_learner.n.location": ["rw", text(250)],
      "cmi.comments_from_learner.n.timestamp": ["rw", timestamp],
      "cmi.comments_from_lms.n.comment": ["ro"],
      "cmi.comments_from_lms.n.location": ["ro"],
      "cmi.comments_from_lms.n.timestamp": ["ro"],
      "cmi.completion_status": ["rw", oneOf(...completion)],
      "cmi.completion_threshold": ["ro"],
      "cmi.credit": ["ro"],
      "cmi.entry": ["ro"],
      "cmi.exit": ["wo", oneOf("time-out", "suspend", "logout", "normal", "")],
      "cmi.interactions.n.id": ["rw", longIdentifier],
      "cmi.interactions.n.type": ["rw", oneOf("true-false", "choice", "fill-in", "long-fill-in", "matching",
                                              "performance", "sequencing", "likert", "numeric", "other")],
      "cmi.interactions.n.objectives.n.id": ["rw", longIdentifier],
      "cmi.interactions.n.timestamp": ["rw", timestamp],
      "cmi.interactions.n.correct_responses.n.pattern": ["rw", "response"],
      "cmi.interactions.n.weighting": ["rw", pattern(real)],
      "cmi.interactions.n.learner_response": ["rw", "response"],
      "cmi.interactions.n.result": ["rw", (v) => (["correct", "incorrect", "unanticipated", "neutral"].includes(v)
                                                  ? null : pattern(real)(v))],
      "cmi.interactions.n.latency": ["rw", duration],
      "cmi.interactions.n.description": ["rw", langString(250)],
      "cmi.launch_data": ["ro"],
      "cmi.learner_id": ["ro"],
      "cmi.learner_name": ["ro"],
      "cmi.learner_preference.audio_level": ["rw", number(real, 0)],
      "cmi.learner_preference.language": ["rw", pattern(/^$|^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/)],
      "cmi.learner_preference.delivery_speed": ["rw", number(real, 0)],
      "cmi.learner_preference.audio_captioning": ["rw", oneOf("-1", "0", "1")],
      "cmi.location": ["rw", text(1000)],
      "cmi.max_time_allowed": ["ro"],
      "cmi.mode": ["ro"],
      "cmi.objectives.n.id": ["rw", longIdentifier],
      "cmi.objectives.n.score.scaled": ["rw", number(real, -1, 1)],
      "cmi.objectives.n.score.raw": ["rw", pattern(real)],
      "cmi.objectives.n.score.min": ["rw", pattern(real)],
      "cmi.objectives.n.score.max": ["rw", pattern(real)],
      "cmi.objectives.n.success_status": ["rw", oneOf(...success)],
      "cmi.objectives.n.completion_status": ["rw", oneOf(...completion)],
      "cmi.objectives.n.progress_measure": ["rw", number(real, 0, 1)],
      "cmi.objectives.n.description": ["rw", langString(250)],
      "cmi.progress_measure": ["rw", number(real, 0, 1)],
      "cmi.scaled_passing_score": ["ro"],
      "cmi.score.scaled": ["rw", number(real, -1, 1)],
      "cmi.score.raw": ["rw", pattern(real)],
      "cmi.score.min": ["rw", pattern(real)],
      "cmi.score.max": ["rw", pattern(real)],
      "cmi.session_time": ["wo", duration],
      "cmi.success_status": ["rw", oneOf(...success)],
      "cmi.suspend_data": ["rw", text(64000)],
      "cmi.time_limit_action": ["ro"],
      "cmi.total_time": ["ro"],
      "adl.nav.request": ["rw", navRequest],
      "adl.nav.request_valid.continue": ["ro"],
      "adl.nav.request_valid.previous": ["ro"]
    },
    responses: responses2004,
    responseElements: ["correct_responses.n.pattern", "learner_response"],
    // An array item's other fields need its id first; responses need the interaction's type (RTE 4.2.9).
    dependencies: {
      "cmi.interactions.n": "id",
      "cmi.objectives.n": "id"
    },
    statusElements: ["cmi.completion_status", "cmi.success_status"],
    locationElement: "cmi.location",
    suspendElement: "cmi.suspend_data",
    suspendLimit: 64000,
    exitElement: "cmi.exit",
    sessionTimeElement: "cmi.session_time",
    totalTimeElement: "cmi.total_time",
    entryElement: "cmi.entry",
    scoreElements: ["cmi.score.scaled", "cmi.score.raw", "cmi.score.min", "cmi.score.max"],
    learnerResponse: "learner_response",
    timeElement: "timestamp",

    initialValues(launch) {
      const values = {
        "cmi._version": "1.0",
        "cmi.learner_id": launch.learnerId,
        "cmi.learner_name": launch.learnerName,
        "cmi.credit": "credit",
        "cmi.mode": "normal",
        "cmi.completion_status": "unknown",
        "cmi.success_status": "unknown",
        "cmi.total_time": "PT0S",
        "cmi.launch_data": "",
        "cmi.time_limit_action": "continue,no message",
        "cmi.learner_preference.audio_level": "1",
        "cmi.learner_preference.language": "",
        "cmi.learner_preference.delivery_speed": "1",
        "cmi.learner_preference.audio_captioning": "0",
        "adl.nav.request": "_none_",
        "adl.nav.request_valid.continue": "unknown",
        "adl.nav.request_valid.previous": "unknown"
      };
      // From the manifest's imsss:minNormalizedMeasure: only when the course has a final test.
      if (launch.masteryPercent !== null) values["cmi.scaled_passing_score"] = String(launch.masteryPercent / 100);
      return values;
    },
    /** After an exit other than suspend the LMS begins a new attempt with fresh data (RTE 4.2.8). */
    newAttempt: (lastExit) => lastExit !== undefined && lastExit !== "suspend" && lastExit !== "logout",
    parseTime: (value) => {
      const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value || "");
      if (!m) return 0;
      return (((Number(m[1] || 0) * 24 + Number(m[2] || 0)) * 60 + Number(m[3] || 0)) * 60 + Number(m[4] || 0)) * 1000;
    },
    formatTime: (ms) => {
      const centiseconds = Math.round(ms / 10);
      const h = Math.floor(centiseconds / 360000);
      const m = Math.floor((centiseconds % 360000) / 6000);
      const s = (centiseconds % 6000) / 100;
      return `PT${h}H${m}M${s}S`;
    }
  };

  Preview.rules = { scorm12, scorm2004 };
})(window.Preview = window.Preview || {});
