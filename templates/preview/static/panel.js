/* The preview page: hosts both recording APIs, shows what the course sent, and reloads the course
   frame when the server reports a new build (Server-Sent Events from /api/events). */
((Preview) => {
  "use strict";

  const readJson = (id) => JSON.parse(document.getElementById(id).textContent);
  let state = readJson("preview-state");
  const t = readJson("preview-texts");
  const say = (key, values) => (t[key] || key).replace(/\{(\w+)\}/g, (_, name) => (values && name in values ? values[name] : `{${name}}`));

  const frame = () => document.getElementById("course-frame");
  const frameDocument = () => {
    try {
      return frame() ? frame().contentDocument : null;
    } catch (e) {
      return null;
    }
  };

  // --- The two LMSs, installed before the course frame exists ---------------------------------------

  const launch = () => ({
    courseId: state.course || "kurs",
    learnerId: "forhandsvisning",
    learnerName: "Författare, Förhandsvisning",
    masteryPercent: state.masteryPercent
  });
  const lmsFor = (standard) => new Preview.RecordingLms(Preview.rules[standard], launch(), frameDocument);
  Preview.lms = { scorm12: lmsFor("scorm12"), scorm2004: lmsFor("scorm2004") };
  Object.values(Preview.lms).forEach((lms) => {
    // Looked up by the course when it starts, so each page in the frame gets a handle of its own.
    Object.defineProperty(window, lms.rules.apiName, { enumerable: true, get: () => lms.api(frameDocument()) });
    lms.onChange(() => scheduleRender());
  });
  const active = () => Preview.lms[state.standard];
  // What the author last chose: the build under way if there is one, else the build on show.
  const chosen = () => state.building || state;

  // --- Small DOM helpers -------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.flat(Infinity).forEach((child) => {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    });
    return node;
  }

  function fill(id, ...children) {
    const target = document.getElementById(id);
    if (target) target.replaceChildren(...children.flat(Infinity));
  }

  const valueOrNothing = (value) => (value === undefined || value === "" ? el("span", { class: "nothing" }, say("nothing")) : value);
  const pair = (label, value, id) => [el("dt", {}, label), el("dd", id ? { id } : {}, valueOrNothing(value))];
  const clock = (date) => date.toTimeString().slice(0, 8);

  // --- Rendering the panel -----------------------------------------------------------------------

  let renderPending = false;
  function scheduleRender() {
    if (renderPending || document.readyState === "loading") return;
    renderPending = true;
    window.requestAnimationFrame(() => {
      renderPending = false;
      render();
    });
  }

  function render() {
    Preview.cmi5.watch(state.standard === "cmi5", scheduleRender);
    if (state.standard === "cmi5") {
      fill("panel-standard", `(${t.cmi5})`);
      renderBuild();
      fill("source-warnings", warningItems());
      return Preview.cmi5.render({ el, fill, pair, say });
    }
    fill("calls-heading", say("section_calls"));
    const lms = active();
    const v = lms.values;
    const r = lms.rules;
    fill("panel-standard", `(${t[r.standard]})`);
    renderBuild();

    const stateText = { waiting: "state_waiting", running: "state_running", ended: "state_ended" }[lms.state];
    const session = [el("p", { id: "lms-state" }, say(stateText, { initialize: r.calls.initialize, terminate: r.calls.terminate }))];
    if (lms.unsaved) session.push(el("p", { class: "unsaved" }, say("unsaved", { commit: r.calls.commit })));
    session.push(el("dl", { class: "values" },
      pair(say("label_entry"), v[r.entryElement]),
      pair(say("label_exit"), v[r.exitElement]),
      pair(say("label_session_time"), v[r.sessionTimeElement]),
      pair(say("label_total_time"), v[r.totalTimeElement])));
    fill("lms-session", session);

    const status = r.standard === "scorm12"
      ? [pair(say("label_lesson_status"), v["cmi.core.lesson_status"], "lms-lesson-status"),
        pair(say("label_score"), scoreText(v["cmi.core.score.raw"], v["cmi.core.score.min"], v["cmi.core.score.max"]))]
      : [pair(say("label_completion"), v["cmi.completion_status"], "lms-completion-status"),
        pair(say("label_success"), v["cmi.success_status"], "lms-success-status"),
        pair(say("label_scaled"), v["cmi.score.scaled"]),
        pair(say("label_score"), scoreText(v["cmi.score.raw"], v["cmi.score.min"], v["cmi.score.max"]))];
    fill("lms-status", status);

    const suspend = v[r.suspendElement] || "";
    fill("lms-location", el("dl", { class: "values" },
      pair(say("label_location"), v[r.locationElement], "lms-location-value"),
      pair(say("label_suspend"), suspend ? [el("span", { class: "size" }, say("characters", { length: suspend.length, limit: r.suspendLimit })),
        el("pre", { class: "suspend-data", id: "lms-suspend-data" }, readable(suspend))] : "")));

    fill("lms-interactions", interactionsTable(lms));
    fill("lms-errors", errorItems(lms));
    fill("source-warnings", warningItems());
    fill("lms-calls", lms.calls.length
      ? lms.calls.slice(-40).reverse().map(callItem)
      : [el("li", { class: "nothing" }, say("no_calls"))]);
  }

  function scoreText(raw, min, max) {
    if (raw === undefined || raw === "") return "";
    return min !== undefined && max !== undefined && min !== "" && max !== "" ? `${raw} (${min}–${max})` : raw;
  }

  /** Suspend data is often JSON: show it indented when it is. */
  function readable(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 1);
    } catch (e) {
      return text;
    }
  }

  function interactionsTable(lms) {
    const v = lms.values;
    const count = lms.count("cmi.interactions");
    if (!count) return el("p", { class: "nothing" }, say("no_interactions"));
    const rows = [];
    for (let n = 0; n < count; n++) {
      const p = `cmi.interactions.${n}.`;
      rows.push(el("tr", {},
        el("td", {}, String(n)), el("td", {}, v[p + "id"] || ""), el("td", {}, v[p + "type"] || ""),
        el("td", {}, v[p + lms.rules.learnerResponse] || ""), el("td", {}, v[p + "correct_responses.0.pattern"] || ""),
        el("td", { class: `result result-${v[p + "result"] || ""}` }, v[p + "result"] || "")));
    }
    const heading = ["col_number", "col_id", "col_type", "col_response", "col_correct", "col_result"]
      .map((key) => el("th", { scope: "col" }, say(key)));
    return el("table", { class: "interactions", id: "lms-interactions-table" },
      el("thead", {}, el("tr", {}, heading)), el("tbody", {}, rows));
  }

  function errorItems(lms) {
    const names = { terminate: lms.rules.calls.terminate, commit: lms.rules.calls.commit };
    const items = lms.notes.map((note) => el("li", { class: "note" }, `${clock(note.time)} `,
      say(`note_${note.kind}`, Object.assign({ detail: note.detail }, names))));
    const expected = (call) => (lms.rules.expected[call.name] || []).includes(call.code);
    lms.calls.filter((call) => call.code && !expected(call)).forEach((call) => {
      items.push(el("li", { class: "error" }, `${clock(call.time)} `,
        say("error_call", { name: call.name, code: call.code, error: call.error, diagnostic: call.diagnostic })));
    });
    return items.length ? items : [el("li", { class: "nothing" }, say("no_errors"))];
  }

  /** What etos check would warn about in the sources, so the author sees it while writing. */
  function warningItems() {
    const warnings = state.problems.filter((problem) => problem.severity === "warning");
    if (!warnings.length) return [el("li", { class: "nothing" }, say("no_warnings"))];
    return warnings.map((problem) => {
      const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ""}: ` : "";
      return el("li", {}, el("span", { class: "place" }, where), problem.message,
        problem.hint ? el("span", { class: "hint" }, problem.hint) : null);
    });
  }

  function callItem(call) {
    const args = call.args.map((arg) => (typeof arg === "string" ? JSON.stringify(arg.length > 80 ? `${arg.slice(0, 80)}…` : arg) : String(arg)));
    return el("li", { class: call.code ? "call failed" : "call" },
      el("span", { class: "time" }, clock(call.time)), " ",
      el("code", {}, `${call.name}(${args.join(", ")}) → ${JSON.stringify(call.result)}`),
      call.code ? el("span", { class: "code" }, ` ${call.code}`) : null);
  }

  function renderBuild() {
    let text;
    if (state.building) text = say("build_running");
    else if (state.ok) text = say("build_ok", { time: state.finishedAt, seconds: Number(state.seconds).toLocaleString(document.documentElement.lang, { maximumFractionDigits: 2 }) });
    else if (state.internalError) text = say("build_internal");
    else text = say("build_failed", { count: state.problems.filter((p) => p.severity === "error").length });
    const warnings = state.problems.filter((p) => p.severity === "warning").length;
    if (warnings) text += ` · ${say("build_warnings", { count: warnings })}`;
    const status = document.getElementById("build-status");
    if (status.textContent !== text) status.textContent = text;
    status.classList.toggle("failed", !state.ok && !state.building);
  }

  // --- Reacting to builds and to the author ------------------------------------------------------

  /* The author's place in the course survives a rebuild: the page shown and how far down it was
     scrolled are noted before the reload and restored once the player says it is ready. A source
     error in between keeps the place for when the course is back. */
  let place = null;

  function rememberPlace() {
    const doc = frameDocument();
    const page = doc && doc.querySelector("main > .page:not([hidden])");
    if (page) place = { page: page.id, scroll: frame().contentWindow.scrollY };
  }

  function restorePlace() {
    const wanted = place;
    const started = Date.now();
    const attempt = () => {
      const doc = frameDocument();
      if (!wanted || !doc || doc.body.classList.contains("error-page")) return;
      if (doc.documentElement.dataset.player !== "ready") {
        if (Date.now() - started < 5000) window.setTimeout(attempt, 50);
        return;
      }
      place = null;
      const target = doc.getElementById(wanted.page);
      if (target && target.hidden) {
        // Go there as a link in the course would, so the player's own navigation does the work.
        const link = doc.createElement("a");
        link.href = `#${wanted.page}`;
        link.hidden = true;
        doc.body.append(link);
        link.click();
        link.remove();
      }
      frame().contentWindow.scrollTo(0, wanted.scroll);
    };
    attempt();
  }

  function reloadCourse() {
    const win = frame() && frame().contentWindow;
    if (!win) return;
    rememberPlace();
    try {
      if (state.standard === "cmi5") throw new Error("a cmi5 launch is used once: the server launches afresh");
      win.location.reload();
    } catch (e) {
      frame().src = "/kurs/index.html";
    }
  }

  function receive(next) {
    // The answer to a choice may come after the event stream has told of a newer state already.
    if (next.version < state.version) return;
    const rebuilt = next.build !== state.build;
    const otherCourse = next.course !== state.course || next.masteryPercent !== state.masteryPercent;
    state = next;
    document.querySelectorAll("input[name=standard]").forEach((input) => {
      input.checked = input.value === chosen().standard;
    });
    if (otherCourse && next.ok) {
      // A page still running finishes in its own session; the next launch uses the new course.
      Object.values(Preview.lms).forEach((lms) => {
        Object.assign(lms.launch, launch());
        if (lms.state !== "running") lms.showSaved();
      });
    }
    if (rebuilt) reloadCourse();
    render();
  }

  /* A change is accepted only with the token the server put in this page, in a header of its own,
     which no page of another site can read or send. The server answers at once (202) with the
     build under way; the build itself arrives on the event stream like any other. */
  const token = document.querySelector("meta[name=etos-token]").content;

  function choose(choice) {
    fetch("/api/choose", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Etos-Token": token },
      body: JSON.stringify(choice)
    })
      .then((response) => (response.ok ? response.json().then(receive) : response.text().then(refused)))
      .catch(() => { /* the server has stopped; the build status stays as it was */ });
  }

  /** The server said no (a preview restarted since this page was loaded, say): show its words. */
  function refused(message) {
    document.querySelectorAll("input[name=standard]").forEach((input) => {
      input.checked = input.value === chosen().standard;
    });
    const status = document.getElementById("build-status");
    status.textContent = message.trim();
    status.classList.add("failed");
  }

  function listen() {
    const events = new EventSource("/api/events");
    events.addEventListener("build", (event) => receive(JSON.parse(event.data)));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[name=standard]").forEach((input) => {
      input.addEventListener("change", () => choose({ standard: input.value }));
    });
    const courses = document.getElementById("course-choice");
    if (courses) courses.addEventListener("change", () => choose({ course: courses.value }));
    frame().addEventListener("load", restorePlace);
    document.getElementById("reset").addEventListener("click", () => {
      if (state.standard === "cmi5") {
        fetch("/api/cmi5/reset", { method: "POST", headers: { "X-Etos-Token": token } }).then(() => {
          reloadCourse();
          place = null; // a new registration starts at the beginning
        });
      } else {
        active().reset();
        reloadCourse();
      }
      place = null;
      document.getElementById("build-status").textContent = say("reset_done");
    });
    render();
    listen();
  });
})(window.Preview = window.Preview || {});
