/* cmi5: the AU's side of the launch and its statements, with LmsAdapter's methods (../SCRIPTS.md).
   Statements wait in order until the LRS takes them; meanwhile the tracker hears that nothing is
   saved. In Browse and Review only initialized and terminated. */
((Etos) => {
"use strict";
const CMI5 = "https://w3id.org/xapi/cmi5/context/";
const ADL = "http://adlnet.gov/expapi/";
const STATE = "etos-progress"; // the AU's own document in the State API
const RETRY_MS = [2000, 5000, 10000, 30000];
// Why a launch failed, for the learner (partials/connection.html.j2): "1" and "2" are cmi5's error codes.
const REASONS = { missing: "launch_missing", 1: "launch_used", 2: "launch_refused" };

const uuid = () => ([1e7] + -1e3 + -4e3 + -8e3 + -1e11).replace(/[018]/g, (c) =>
  (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
/** A document of the State API for this launch. */
const stateOf = (l, stateId) => ({ activityId: l.activityId, agent: l.actor, registration: l.registration, stateId });

Etos.Cmi5Adapter = class {
  constructor(lrs, launch, launchData, saved) {
    Object.assign(this, { lrs, launch, launchData, saved: saved || {}, queue: [], tries: 0 });
    this.dialect = {}; // no limit on the saved text
    this.mode = { Browse: "browse", Review: "review" }[launchData.launchMode] || "normal";
    const h = this.saved.held || {};
    this.held = { status: h.passed ? "passed" : (h.failed ? "failed" : ""), score: Etos.check.score(h.score), finished: Boolean(h.passed || h.completed) };
    this.done = { completed: Boolean(h.completed), passed: Boolean(h.passed), failed: false, score: h.score };
    this.failedBefore = Boolean(h.failed);
    this.mastery = Number.isFinite(launchData.masteryScore) ? launchData.masteryScore : null;
    this.state = null; // the progress document not yet stored
    this.failing = this.sending = this.ended = false;
  }

  /** cmi5-defined statements are about the AU and carry the cmi5 category, moveOn ones that too;
      a cmi5-allowed one has an `object` of its own, the AU its parent. */
  statement(verb, result, object) {
    const au = { id: this.launch.activityId, objectType: "Activity" };
    const context = Object.assign(JSON.parse(JSON.stringify(this.launchData.contextTemplate || {})), { registration: this.launch.registration });
    const activities = context.contextActivities = context.contextActivities || {};
    if (object) {
      activities.parent = (activities.parent || []).concat(au);
    } else {
      activities.category = (activities.category || []).concat({ id: `${CMI5}categories/cmi5` },
        ["completed", "passed", "failed"].includes(verb) ? [{ id: `${CMI5}categories/moveon` }] : []);
    }
    if ((verb === "passed" || verb === "failed") && this.mastery !== null) {
      (context.extensions = context.extensions || {})[`${CMI5}extensions/masteryscore`] = this.mastery;
    }
    // No result (initialized): JSON.stringify leaves it out.
    this.queue.push({ id: uuid(), actor: this.launch.actor, verb: { id: `${ADL}verbs/${verb}`, display: { "en-US": verb } },
      object: object || au, context, result, timestamp: new Date().toISOString() });
  }

  duration() {
    return Etos.time.duration(Date.now() - this.startedAt);
  }

  start() {
    this.startedAt = Date.now();
    this.statement("initialized");
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
      this.statement("completed", { completion: true, duration: this.duration() });
    }
    const score = Etos.check.score(status.score);
    if (status.test && status.submitted && score !== null && !d.passed && score !== d.score) {
      const scaled = score / 100;
      const passed = this.mastery === null ? status.passed === true : scaled >= this.mastery;
      if (passed || !d.failed) {
        const verb = passed ? "passed" : "failed";
        d[verb] = true;
        this.statement(verb, { score: { scaled, raw: score, min: 0, max: 100 }, success: passed, duration: this.duration() });
      }
      d.score = score;
    }
    this.held.finished = d.passed || d.completed;
    this.state = { location, suspend, held: Object.assign({}, d, { failed: d.failed || this.failedBefore }) };
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
    this.statement("answered", { response: a.response.join("[,]"), success: a.result },
      { id: `${this.launch.activityId}/fraga/${a.id}`, objectType: "Activity", definition });
  }

  /** Starts sending what waits; false while the LRS is refusing. */
  commit() {
    if (!this.ended) this.flush();
    return !this.failing;
  }

  post(statements, keepalive) {
    return this.lrs.send("POST", "statements", null, statements, keepalive);
  }

  put(state, keepalive) {
    return this.lrs.send("PUT", "activities/state", stateOf(this.launch, STATE), state, keepalive);
  }

  /** Statements first, in order, then the progress; one request at a time. The queue keeps what
      no request carries; what one carried in vain goes back to its head. */
  async flush() {
    if (this.sending) return;
    const statements = this.queue.splice(0);
    const state = this.state;
    if (!statements.length && !state) return;
    this.sending = (async () => {
      let ok = !statements.length || await this.post(statements);
      if (!ok) this.queue.unshift(...statements);
      if (ok && state) ok = await this.put(state);
      if (ok && this.state === state) this.state = null;
      return ok;
    })();
    const ok = await this.sending;
    this.sending = false;
    this.told(ok);
    if (ok && !this.ended && (this.queue.length || this.state)) this.flush(); // finish sent the rest
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
    this.statement("terminated", { duration: this.duration() });
    this.ended = true;
    clearTimeout(this.retry);
    // What a request under way carries is not sent again: the page may be gone before it answers.
    this.finished = Promise.all([this.sending, this.post(this.queue, true), this.state && this.put(this.state, true)]);
    return this.finished;
  }
};

function launch(courseId) {
  const query = new URLSearchParams(window.location.search);
  const l = {};
  for (const name of ["endpoint", "fetch", "actor", "registration", "activityId"]) {
    l[name] = query.get(name);
    if (!l[name]) throw new Error("missing");
  }
  l.actor = JSON.parse(l.actor);
  const lrs = new Etos.Lrs(l.endpoint);
  lrs.fetchToken(l.fetch);
  const launchData = lrs.state(stateOf(l, "LMS.LaunchData"));
  if (!launchData) throw new Error("other");
  // cmi5 11.0: the AU MUST retrieve the learner preferences at startup. In the background, and not
  // read: the course has one language and no audio.
  lrs.send("GET", "agents/profile", { agent: l.actor, profileId: "cmi5LearnerPreferences" });
  const saved = lrs.state(stateOf(l, STATE));
  console.info(`Etos: cmi5 launch of ${courseId} in ${launchData.launchMode} mode.`);
  return new Etos.Cmi5Adapter(lrs, l, launchData, saved);
}

function offerExit(adapter) {
  const button = document.querySelector(".cmi5-exit");
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    document.dispatchEvent(new CustomEvent("etos:save"));
    await adapter.finish(adapter.last);
    window.location.assign(adapter.launchData.returnURL); // once the LRS has answered
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
