/* A recording LMS for the preview: the SCORM API a course finds in its parent window, with every
   call checked against the data model (lms-rules.js), logged, and stored in localStorage per course
   and standard, so progress survives a reload the way it survives a new launch in an LMS.

   Like a real LMS it keeps only what the course commits (Commit or Terminate). Each page that looks
   the API up gets its own handle, so calls are known by the page they come from: a new page is a new
   launch, and if the old one never called Terminate, that is reported. */
((Preview) => {
  "use strict";
  const MAX_CALLS = 200;

  /** A call that fails: the situation decides the error code, the detail is the diagnostic. */
  class ApiError {
    constructor(situation, detail) {
      this.situation = situation;
      this.detail = detail || "";
    }
  }

  const shown = (value) => (typeof value === "string" ? JSON.stringify(value) : String(value));

  Preview.RecordingLms = class {
    /** rules: Preview.rules.scorm12 or .scorm2004; launch: {courseId, learnerId, learnerName,
        masteryPercent}; currentDocument: the page now in the course frame. */
    constructor(rules, launch, currentDocument, storage) {
      this.rules = rules;
      this.launch = launch;
      this.currentDocument = currentDocument || (() => null);
      this.storage = storage || window.localStorage;
      this.listeners = [];
      this.calls = [];
      this.notes = [];
      this.document = undefined;
      this.lastError = 0;
      this.lastDiagnostic = "";
      this.showSaved();
    }

    // --- The eight API functions -------------------------------------------------------------------

    initialize(parameter) {
      return this.call("initialize", [parameter], "false", () => {
        this.requireEmpty(parameter);
        if (this.state === "running") throw new ApiError("alreadyRunning", "Initialize was already called");
        if (this.state === "ended") throw new ApiError("relaunchAfterEnd", "the session has already ended");
        this.startSession();
        return "true";
      });
    }

    terminate(parameter) {
      return this.call("terminate", [parameter], "false", () => {
        this.requireRunning("terminate");
        this.requireEmpty(parameter);
        this.endSession();
        return "true";
      });
    }

    getValue(element) {
      return this.call("getValue", [element], "", () => {
        this.requireRunning("getValue");
        return this.read(element);
      });
    }

    setValue(element, value) {
      return this.call("setValue", [element, value], "false", () => {
        this.requireRunning("setValue");
        this.write(element, String(value));
        return "true";
      });
    }

    commit(parameter) {
      return this.call("commit", [parameter], "false", () => {
        this.requireRunning("commit");
        this.requireEmpty(parameter);
        this.save(this.record.lastExit);
        return "true";
      });
    }

    getLastError() {
      return String(this.lastError);
    }

    getErrorString(code) {
      return this.rules.errors[Number(code)] || "";
    }

    getDiagnostic(code) {
      return code === "" || code === undefined || Number(code) === this.lastError ? this.lastDiagnostic : this.getErrorString(code);
    }

    // --- Sessions and storage ----------------------------------------------------------------------

    /** Where the LMS keeps this course's data for this standard. */
    storageKey() {
      return `etos-forhandsvisning:${this.launch.courseId}:${this.rules.standard}`;
    }

    /** Between launches the panel shows what the LMS has stored. */
    showSaved() {
      this.state = "waiting";
      this.record = this.load();
      this.values = Object.assign(this.rules.initialValues(this.launch), this.record.values);
      this.values[this.rules.totalTimeElement] = this.rules.formatTime(this.record.totalMs);
    }

    load() {
      const empty = { values: {}, totalMs: 0, lastExit: undefined, sessions: 0 };
      try {
        return Object.assign(empty, JSON.parse(this.storage.getItem(this.storageKey()) || "{}"));
      } catch (e) {
        return empty;
      }
    }

    /** Store what the course has set: never the LMS's own read-only values or per-session ones. */
    save(lastExit) {
      const values = {};
      Object.keys(this.values).forEach((element) => {
        const rule = this.ruleOf(element);
        if (rule && rule.access === "rw") values[element] = this.values[element];
      });
      this.record = Object.assign({}, this.record, { values, lastExit });
      this.storage.setItem(this.sessionKey || this.storageKey(), JSON.stringify(this.record));
      this.unsaved = false;
    }

    startSession() {
      this.sessionKey = this.storageKey(); // a session stores where it began, whatever is shown next
      const record = this.load();
      const fresh = this.rules.newAttempt(record.lastExit);
      if (fresh && record.sessions) this.note("newAttempt", record.lastExit);
      const kept = fresh ? {} : record.values;
      let entry = "";
      if (!record.sessions || fresh) entry = "ab-initio";
      else if (record.lastExit === "suspend" || record.lastExit === "logout") entry = "resume";
      this.record = Object.assign(record, { values: kept, sessions: record.sessions + 1 });
      if (fresh) this.record.totalMs = 0;
      this.values = Object.assign(this.rules.initialValues(this.launch), kept);
      this.values[this.rules.entryElement] = entry;
      this.values[this.rules.totalTimeElement] = this.rules.formatTime(this.record.totalMs);
      this.state = "running";
      this.unsaved = false;
    }

    endSession() {
      const session = this.values[this.rules.sessionTimeElement];
      this.record.totalMs += this.rules.parseTime(session);
      this.values[this.rules.totalTimeElement] = this.rules.formatTime(this.record.totalMs);
      this.save(this.values[this.rules.exitElement] || "");
      this.state = "ended";
    }

    /** A call from a new page is a new launch; an old page still running was closed unended. */
    noticeLaunch(caller) {
      if (caller === this.document) return;
      if (this.document !== undefined && this.state === "running") this.note("abandoned");
      this.document = caller;
      this.showSaved();
    }

    /** Forget every stored value, as if the learner had never opened the course. The page now in
        the frame is about to be replaced: its last calls (while it unloads) are ignored. */
    reset() {
      const current = this.currentDocument();
      this.retired = current === null ? undefined : current;
      this.storage.removeItem(this.storageKey());
      this.calls = [];
      this.notes = [];
      this.document = undefined;
      this.lastError = 0;
      this.lastDiagnostic = "";
      this.showSaved();
      this.changed();
    }

    // --- The data model ----------------------------------------------------------------------------

    /** The rule for an element, with "n" for each index: {access, check}, or null if undefined. */
    ruleOf(element) {
      const generic = element.split(".").map((part) => (/^\d+$/.test(part) ? "n" : part)).join(".");
      const rule = this.rules.elements[generic];
      return rule ? { generic, access: rule[0], check: rule[1] } : null;
    }

    read(element) {
      if (typeof element !== "string" || element === "") throw new ApiError("getFailure", "no element named");
      const keyword = this.keyword(element);
      if (keyword !== null) return keyword;
      const rule = this.ruleOf(element);
      if (!rule) throw new ApiError("undefinedElement", `${element} is not in the data model`);
      this.checkIndexes(element, "get");
      if (rule.access === "wo") throw new ApiError("writeOnly", `${element} is write-only`);
      if (!(element in this.values)) {
        if (this.rules.codes.unset) throw new ApiError("unset", `${element} has no value yet`);
        return "";
      }
      return this.values[element];
    }

    write(element, value) {
      if (typeof element !== "string" || element === "") throw new ApiError("undefinedElement", "no element named");
      if (/\._(children|count|version)$/.test(element)) {
        if (this.keyword(element) === null) throw new ApiError("undefinedElement", `${element} is not in the data model`);
        throw new ApiError("keyword", `${element} is a keyword and cannot be set`);
      }
      const rule = this.ruleOf(element);
      if (!rule) throw new ApiError("undefinedElement", `${element} is not in the data model`);
      if (rule.access === "ro") throw new ApiError("readOnly", `${element} is read-only`);
      this.checkIndexes(element, "set");
      this.checkDependencies(element, rule.generic);
      const check = rule.check === "response" ? this.responseCheck(element) : rule.check;
      const problem = check ? check(value) : null;
      if (problem) throw new ApiError(problem, `${shown(value)} is not a valid value for ${element}`);
      this.checkUnique(element, rule.generic, value);
      this.values[element] = value;
      this.unsaved = true;
      if (element === this.rules.suspendElement && value.length > this.rules.suspendLimit * 0.9) {
        this.note("suspendNearLimit", `${value.length} / ${this.rules.suspendLimit}`);
      }
    }

    /** _children, _count and _version: answered by the LMS, never stored. */
    keyword(element) {
      const match = /^(.*)\._(children|count|version)$/.exec(element);
      if (!match) return null;
      const parent = match[1];
      const generic = parent.split(".").map((part) => (/^\d+$/.test(part) ? "n" : part)).join(".");
      if (match[2] === "version") {
        if (element !== "cmi._version") return null;
        return this.values["cmi._version"];
      }
      const known = this.rules.elements[generic] || this.rules.arrays.includes(generic) || this.rules.children[generic];
      if (match[2] === "children") {
        if (this.rules.children[generic]) return this.rules.children[generic];
        if (known) throw new ApiError("noChildren", `${parent} has no children`);
        return null;
      }
      if (this.rules.arrays.includes(generic)) return String(this.count(parent));
      if (known) throw new ApiError("notArray", `${parent} is not an array`);
      return null;
    }

    count(prefix) {
      const indexes = new Set();
      Object.keys(this.values).forEach((element) => {
        if (element.startsWith(`${prefix}.`)) {
          const next = element.slice(prefix.length + 1).split(".")[0];
          if (/^\d+$/.test(next)) indexes.add(next);
        }
      });
      return indexes.size;
    }

    /** Array items are added in order: index n may be set only when items 0 … n-1 exist. */
    checkIndexes(element, how) {
      const parts = element.split(".");
      parts.forEach((part, position) => {
        if (!/^\d+$/.test(part)) return;
        const prefix = parts.slice(0, position).join(".");
        const count = this.count(prefix);
        const index = Number(part);
        if (how === "set" && index > count) {
          throw new ApiError("index", `${prefix} has ${count} items; the next must be number ${count}, not ${index}`);
        }
        if (how === "get" && index >= count) {
          throw new ApiError("getFailure", `${prefix} has ${count} items; there is no number ${index}`);
        }
      });
    }

    /** SCORM 2004: an interaction or objective needs its id first, a response its interaction's type. */
    checkDependencies(element, generic) {
      Object.keys(this.rules.dependencies).forEach((arrayName) => {
        const field = this.rules.dependencies[arrayName];
        if (!generic.startsWith(`${arrayName}.`) || generic === `${arrayName}.${field}`) return;
        const item = element.split(".").slice(0, arrayName.split(".").length).join(".");
        if (this.values[`${item}.${field}`] === undefined) {
          throw new ApiError("dependency", `set ${item}.${field} before ${element}`);
        }
      });
      if (this.rules.standard === "scorm2004" && this.isResponse(generic)) {
        const item = element.split(".").slice(0, 3).join(".");
        if (this.values[`${item}.type`] === undefined) {
          throw new ApiError("dependency", `set ${item}.type before ${element}`);
        }
      }
    }

    /** SCORM 2004 objective ids are unique, in the course and within one interaction. */
    checkUnique(element, generic, value) {
      if (this.rules.standard !== "scorm2004") return;
      if (generic !== "cmi.objectives.n.id" && generic !== "cmi.interactions.n.objectives.n.id") return;
      const list = element.split(".").slice(0, -2).join(".");
      const taken = Object.keys(this.values).some((other) => other !== element && other.startsWith(`${list}.`)
        && other.endsWith(".id") && other.split(".").length === element.split(".").length && this.values[other] === value);
      if (taken) throw new ApiError("index", `${shown(value)} is already used in ${list}`);
    }

    isResponse(generic) {
      return this.rules.responseElements.some((suffix) => generic === `cmi.interactions.n.${suffix}`);
    }

    responseCheck(element) {
      const item = element.split(".").slice(0, 3).join(".");
      const type = this.values[`${item}.type`];
      return this.rules.responses[type] || this.rules.responses.other;
    }

    // --- Calls, log and listeners ------------------------------------------------------------------

    requireEmpty(parameter) {
      if (parameter !== "") throw new ApiError("argument", `the parameter must be "", not ${shown(parameter)}`);
    }

    requireRunning(name) {
      if (this.state === "running") return;
      const situation = this.state === "ended" ? "afterEnd" : "notRunning";
      const what = this.state === "ended" ? "after the session ended" : `before ${this.rules.calls.initialize}`;
      throw new ApiError(situation, `${this.rules.calls[name]} ${what}`);
    }

    codeOf(problem, name) {
      const code = this.rules.codes[problem.situation];
      return typeof code === "object" ? code[name] : code;
    }

    call(name, args, failed, work) {
      const caller = this.caller;
      if (this.retired !== undefined && caller === this.retired) return failed;
      this.noticeLaunch(caller);
      let result = failed;
      let code = 0;
      let diagnostic = "";
      try {
        result = work();
      } catch (problem) {
        if (!(problem instanceof ApiError)) throw problem;
        code = this.codeOf(problem, name);
        diagnostic = problem.detail;
      }
      this.lastError = code;
      this.lastDiagnostic = diagnostic;
      this.calls.push({
        time: new Date(), name: this.rules.calls[name], args, result, code,
        error: code ? this.rules.errors[code] : "", diagnostic
      });
      if (this.calls.length > MAX_CALLS) this.calls.shift();
      this.changed();
      return result;
    }

    note(kind, detail) {
      this.notes.push({ time: new Date(), kind, detail: detail || "" });
    }

    onChange(listener) {
      this.listeners.push(listener);
    }

    changed() {
      this.listeners.forEach((listener) => listener(this));
    }

    /** The object a page finds: the standard's function names, bound to this LMS and to the page
        (`caller`) that looked it up. */
    api(caller) {
      const names = this.rules.calls;
      const from = (work) => (...args) => {
        this.caller = caller;
        return work(...args);
      };
      return {
        [names.initialize]: from((parameter) => this.initialize(parameter)),
        [names.terminate]: from((parameter) => this.terminate(parameter)),
        [names.getValue]: from((element) => this.getValue(element)),
        [names.setValue]: from((element, value) => this.setValue(element, value)),
        [names.commit]: from((parameter) => this.commit(parameter)),
        [names.getLastError]: from(() => this.getLastError()),
        [names.getErrorString]: from((code) => this.getErrorString(code)),
        [names.getDiagnostic]: from((code) => this.getDiagnostic(code))
      };
    }
  };
})(window.Preview = window.Preview || {});
