/* cmi5: the AU's side of the launch and its statements, with LmsAdapter's methods (../SCRIPTS.md).
   Launch parameters from the URL, the token from `fetch`, LMS.LaunchData, the learner preferences and
   the saved progress from the State API. Statements wait in order until the LRS takes them; meanwhile
   the tracker hears that nothing is saved. In Browse and Review only initialized and terminated. */
((Etos) => {
"use strict";
const CMI5 = "https://w3id.org/xapi/cmi5/context/";
const ADL = "http://adlnet.gov/expapi/";
const STATE = "etos-progress"; // the AU's own document in the State API
const RETRY_MS = [2000, 5000, 10000, 30000];
// Why a launch failed, for the learner (partials/connection.html.j2): "1" and "2" are cmi5's error codes.
const REASONS = { missing: "launch_missing", 1: "launch_used", 2: "launch_expired" };

const uuid = () => ([1e7] + -1e3 + -4e3 + -8e3 + -1e11).replace(/[018]/g, (c) =>
  (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
const copy = (value) => JSON.parse(JSON.stringify(value || {}));
/** A document of the State API for this launch. */
const stateOf = (l, stateId) => ({ activityId: l.activityId, agent: l.actor, registration: l.registration, stateId });

Etos.Cmi5Adapter = class {
  constructor(lrs, launch, launchData, preferences, saved) {
    Object.assign(this, { lrs, launch, launchData, preferences });
    this.dialect = { name: "cmi5" }; // no limit on the saved text
    this.saved = saved || {};
    this.mode = { Browse: "browse", Review: "review" }[launchData.launchMode] || "normal";
    const h = this.saved.held || {};
    this.held = { status: h.passed ? "passed" : (h.failed ? "failed" : ""), score: Etos.check.score(h.score), finished: Boolean(h.passed || h.completed) };
    this.done = { completed: Boolean(h.completed), passed: Boolean(h.passed), failed: false, score: h.score };
    this.mastery = Number.isFinite(launchData.masteryScore) ? launchData.masteryScore : null;
    this.queue = [];
    this.state = null; // the progress document not yet stored
    this.failing = this.sending = this.ended = false;
    this.tries = 0;
  }

  /** cmi5-defined statements carry the cmi5 category, moveOn ones that too. */
  statement(verb, result, kind, object) {
    const context = Object.assign(copy(this.launchData.contextTemplate), { registration: this.launch.registration });
    const activities = context.contextActivities = context.contextActivities || {};
    if (kind) {
      activities.category = (activities.category || []).concat({ id: `${CMI5}categories/cmi5` },
        kind === "moveon" ? [{ id: `${CMI5}categories/moveon` }] : []);
    } else {
      activities.parent = (activities.parent || []).concat({ id: this.launch.activityId, objectType: "Activity" });
    }
    if (verb === "passed" || verb === "failed") {
      if (this.mastery !== null) (context.extensions = context.extensions || {})[`${CMI5}extensions/masteryscore`] = this.mastery;
    }
    const statement = { id: uuid(), actor: this.launch.actor, verb: { id: `${ADL}verbs/${verb}`, display: { "en-US": verb } },
      object: object || { id: this.launch.activityId, objectType: "Activity" }, context, timestamp: new Date().toISOString() };
    if (result) statement.result = result;
    this.queue.push(statement);
  }

  duration() {
    return Etos.time.duration(Date.now() - this.startedAt);
  }

  start() {
    this.startedAt = Date.now();
    this.statement("initialized", null, "cmi5");
    this.commit();
    return { location: String(this.saved.location || ""), suspend: String(this.saved.suspend || "") };
  }

  /** Completed once, passed once, failed once a session and never after passed. */
  save(snapshot) {
    const { location, suspend, status } = this.last = snapshot;
    if (this.ended || this.mode !== "normal") return !this.ended;
    const d = this.done;
    if (status.completed && !d.completed) {
      d.completed = true;
      this.statement("completed", { completion: true, duration: this.duration() }, "moveon");
    }
    const score = Etos.check.score(status.score);
    if (status.test && status.submitted && score !== null && !d.passed && score !== d.score) {
      const scaled = score / 100;
      const passed = this.mastery === null ? status.passed === true : scaled >= this.mastery;
      if (passed || !d.failed) {
        d[passed ? "passed" : "failed"] = true;
        this.statement(passed ? "passed" : "failed", { score: { scaled, raw: score, min: 0, max: 100 }, success: passed,
          duration: this.duration() }, "moveon");
      }
      d.score = score;
    }
    this.held.finished = d.passed || d.completed;
    this.state = { location, suspend, held: { completed: d.completed, passed: d.passed, failed: d.failed || Boolean((this.saved.held || {}).failed), score: d.score } };
    return !this.failing;
  }

  /** A test answer: a cmi5-allowed statement about a cmi.interaction activity. */
  record(a) {
    if (this.mode !== "normal" || this.ended) return;
    const lang = document.documentElement.lang; // the course's language, as the page says
    const definition = { type: `${ADL}activities/cmi.interaction`, description: { [lang]: a.description },
      interactionType: a.type, correctResponsesPattern: [a.correct.join("[,]")] };
    if (a.type === "choice") {
      definition.choices = a.question.responses.map((id, i) => ({ id, description: { [lang]: a.question.options[i] } }));
    }
    this.statement("answered", { response: a.response.join("[,]"), success: a.result, duration: Etos.time.duration(a.latencyMs) },
      null, { id: `${this.launch.activityId}/fraga/${a.id}`, objectType: "Activity", definition });
  }

  /** Starts sending what waits; false while the LRS is refusing. */
  commit() {
    if (!this.ended) this.flush();
    return !this.failing;
  }

  /** Statements first, in order, then the progress; one request at a time. */
  async flush(keepalive) {
    if (this.sending) return this.sending;
    const statements = this.queue.slice();
    const state = this.state;
    if (!statements.length && !state) return true;
    this.inFlight = statements.length;
    this.sending = (async () => {
      let ok = !statements.length || await this.lrs.send("POST", "statements", null, statements, keepalive);
      if (ok) this.queue.splice(0, statements.length);
      if (ok && state) ok = await this.lrs.send("PUT", "activities/state", stateOf(this.launch, STATE), state, keepalive);
      if (ok && this.state === state) this.state = null;
      return ok;
    })();
    const ok = await this.sending;
    this.sending = false;
    this.inFlight = 0;
    this.told(ok);
    if (ok && (this.queue.length || this.state) && !keepalive) return this.flush();
    return ok;
  }

  /** The tracker hears of a change through a save of its own ("etos:save"). */
  told(ok) {
    const was = this.failing;
    this.failing = !ok;
    clearTimeout(this.retry);
    if (!ok && !this.ended) this.retry = setTimeout(() => this.flush(), RETRY_MS[Math.min(this.tries++, RETRY_MS.length - 1)]);
    if (ok) this.tries = 0;
    if (was !== this.failing && !this.ended) document.dispatchEvent(new CustomEvent("etos:save"));
  }

  /** terminated last, with all that waits, in requests that outlive the page. */
  finish(snapshot) {
    if (this.ended) return this.finished;
    this.save(snapshot);
    this.statement("terminated", { duration: this.duration() }, "cmi5");
    this.ended = true;
    clearTimeout(this.retry);
    // What a request under way carries is not sent again: the page may be gone before it answers.
    const rest = this.queue.slice(this.inFlight || 0);
    this.finished = Promise.all([this.sending, this.lrs.send("POST", "statements", null, rest, true),
      this.state && this.lrs.send("PUT", "activities/state", stateOf(this.launch, STATE), this.state, true)]);
    return this.finished;
  }

  /** To the LMS's returnURL once the LRS has answered. */
  async exit(snapshot) {
    await this.finish(snapshot);
    window.location.assign(this.launchData.returnURL);
  }
};

function launch(courseId) {
  const query = new URLSearchParams(window.location.search);
  const names = ["endpoint", "fetch", "actor", "registration", "activityId"];
  if (!names.every((name) => query.get(name))) throw new Error("missing");
  const l = {};
  names.forEach((name) => { l[name] = query.get(name); });
  l.actor = JSON.parse(l.actor);
  const lrs = new Etos.Lrs(l.endpoint);
  lrs.fetchToken(l.fetch);
  const launchData = lrs.document("activities/state", stateOf(l, "LMS.LaunchData"));
  if (!launchData) throw new Error("other");
  let preferences = null;
  try {
    preferences = lrs.document("agents/profile", { agent: l.actor, profileId: "cmi5LearnerPreferences" });
  } catch (e) { /* optional: the course has one language and no sound */ }
  const saved = lrs.document("activities/state", stateOf(l, STATE));
  console.info(`Etos: cmi5 launch of ${courseId} in ${launchData.launchMode} mode.`);
  return new Etos.Cmi5Adapter(lrs, l, launchData, preferences, saved);
}

function offerExit(adapter) {
  const button = document.querySelector(".cmi5-exit");
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    document.dispatchEvent(new CustomEvent("etos:save"));
    adapter.exit(adapter.last);
  });
}

Etos.dialects = Etos.dialects || {};
Etos.dialects.cmi5 = {
  connect(courseId) {
    try {
      const adapter = launch(courseId);
      if (adapter.launchData.returnURL) offerExit(adapter);
      return adapter;
    } catch (e) {
      console.warn(`Etos: cmi5 launch failed (${e.message}); progress is kept in this browser.`);
      document.querySelector(".connection-reason").textContent = Etos.t(REASONS[e.message] || "launch_other");
      return new Etos.LocalAdapter(courseId);
    }
  }
};
})(window.Etos = window.Etos || {});
