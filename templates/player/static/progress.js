/* What the learner has done, the course status it leads to, and how it is saved as suspend data:
     1~t<attempts>.<score>.<p|f>.<0|1>~q<question>=<options>~f~s<lesson>.<lesson>~c<check>=<options>~d<dilemma>=<choice>~e
   "1": the format's version; "t": the test (attempts used, last score, passed or failed, handed in);
   "q": the current draw; "f": completed; "e": the end, so a text an LMS cut short is noticed and only
   its last, cut item is set aside. Options are base-36 digits ("02": the first and third). Lessons and
   questions go by the builder's short hash keys, not by position, so a new version of a course still
   finds what it kept and skips what it no longer has. */
((Etos) => {
  "use strict";
  const VERSION = "1";
  const digits = (answer) => answer.map((index) => index.toString(36)).join("");
  const parseDigits = (text) => [...(text || "")].map((char) => parseInt(char, 36)).filter((n) => n >= 0);

  Etos.Progress = class {
    constructor(data) {
      this.data = data;
      this.seen = new Set(); // lesson ids
      this.checks = {}; // question id → option indexes
      this.dilemmas = {}; // dilemma id → [choice index]
      this.test = { attempts: 0, score: null, passed: null, submitted: false, draw: [] }; // draw: [{id, answer}]
      this.completed = false;
      const groups = {
        s: data.lessons,
        c: Object.values(data.checks),
        d: Object.keys(data.dilemmas).map((id) => ({ id, key: data.dilemmas[id].key })),
        q: data.test ? data.test.questions : []
      };
      this.keys = {}; // section → Map(id → key)
      this.ids = {}; // section → Map(key → id)
      Object.entries(groups).forEach(([section, items]) => {
        this.keys[section] = new Map(items.map((item) => [item.id, item.key]));
        this.ids[section] = new Map(items.map((item) => [item.key, item.id]));
      });
    }

    see(lessonId) {
      this.seen.add(lessonId);
      if (!this.data.test && this.data.lessons.every((lesson) => this.seen.has(lesson.id))) this.completed = true;
    }

    attemptsLeft() {
      const allowed = this.data.test.attempts;
      return allowed ? Math.max(0, allowed - this.test.attempts) : Infinity;
    }

    /** The course's own view of its status; never read back from the LMS. */
    status() {
      const lessons = this.data.lessons;
      const seen = lessons.filter((lesson) => this.seen.has(lesson.id)).length;
      const t = this.data.test ? this.test : { passed: null, score: null };
      const finished = this.data.test ? t.passed === true || (t.passed === false && !this.attemptsLeft()) : this.completed;
      const progress = finished ? 1 : seen / (lessons.length + (this.data.test ? 1 : 0));
      return { completed: finished, passed: t.passed, score: t.score, finished, progress };
    }

    /** Over the LMS's limit (SCORM 1.2 keeps 4,096 characters) practice answers give way, dilemmas
        first: the test and the lessons seen always stay. */
    encode(limit = Infinity) {
      const list = (section, entries) => entries.length ? section + entries.map(([id, value]) =>
        this.keys[section].get(id) + (value === undefined ? "" : `=${value}`)).join(".") : "";
      const t = this.test;
      const answers = (map) => Object.entries(map).map(([id, answer]) => [id, digits(answer)]);
      const checks = answers(this.checks);
      const build = (c, d) => [
        VERSION,
        this.data.test && `t${t.attempts}.${t.score === null ? "" : t.score}.${t.passed === null ? "" : (t.passed ? "p" : "f")}.${t.submitted ? 1 : 0}`,
        this.data.test && list("q", t.draw.map((q) => [q.id, digits(q.answer)])),
        this.completed && "f",
        list("s", [...this.seen].map((id) => [id])),
        list("c", c), list("d", d), "e"
      ].filter(Boolean).join("~");
      let text = build(checks, answers(this.dilemmas));
      for (let keep = checks.length; text.length > limit && keep > -10; keep -= 10) text = build(checks.slice(0, Math.max(keep, 0)), []);
      return text;
    }

    load(text) {
      const sections = (text || "").split("~");
      if (sections[0] !== VERSION) {
        if (text) console.warn("Etos: saved progress in an unknown format was set aside.");
        return;
      }
      const cut = sections[sections.length - 1] !== "e";
      sections.slice(1).forEach((section, i) => {
        const kind = section[0];
        const items = section.length > 1 ? section.slice(1).split(".") : [];
        if (cut && i === sections.length - 2 && (items.pop(), "tq".includes(kind))) return;
        const known = items.map((item) => item.split("=")).filter(([key]) => this.ids[kind] && this.ids[kind].has(key))
          .map(([key, value]) => [this.ids[kind].get(key), value]);
        if (kind === "s") known.forEach(([id]) => this.seen.add(id));
        if (kind === "c" || kind === "d") known.forEach(([id, value]) => { this[kind === "c" ? "checks" : "dilemmas"][id] = parseDigits(value); });
        if (kind === "q") this.test.draw = known.map(([id, value]) => ({ id, answer: parseDigits(value) }));
        if (kind === "f") this.completed = true;
        if (kind === "t") {
          const [attempts, score, passed, submitted] = items;
          Object.assign(this.test, { attempts: Number(attempts) || 0, score: score ? Number(score) : null,
            passed: passed ? passed === "p" : null, submitted: submitted === "1" });
        }
      });
    }
  };
})(window.Etos = window.Etos || {});
