/* What the learner has done, how far that takes the course's status, and how it is saved.

   Saved as SCORM suspend data, format 1: sections separated by "~", the first being the version.
     1~s<lesson keys>~c<check key>=<options>~d<dilemma key>=<choice>~t<attempts>.<score>.<p|f>.<0|1>~q<question key>=<options>~f
   Items are separated by "."; options are base-36 digits ("02" = the first and third option);
   "t" holds the test (attempts used, last score, passed or failed, last draw submitted), "q" the
   questions of the current draw with their answers, "f" that the course was once completed.
   Keys are short hashes of ids made by the builder, so a new version of the course still finds what
   it kept, and skips what it no longer has. */
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
      this.dilemmas = {}; // dilemma id → choice index
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
      Object.keys(groups).forEach((section) => {
        this.keys[section] = new Map(groups[section].map((item) => [item.id, item.key]));
        this.ids[section] = new Map(groups[section].map((item) => [item.key, item.id]));
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
      if (!this.data.test) {
        const done = this.completed;
        return { completed: done, passed: null, score: null, finished: done, progress: done ? 1 : seen / lessons.length };
      }
      const t = this.test;
      const finished = t.passed === true || (t.passed === false && this.attemptsLeft() === 0);
      const progress = finished ? 1 : seen / (lessons.length + 1);
      return { completed: finished, passed: t.passed, score: t.score, finished, progress };
    }

    encode() {
      const list = (section, entries) => (entries.length ? section : "") + entries.map(([id, value]) =>
        this.keys[section].get(id) + (value === undefined ? "" : "=" + value)).join(".");
      const sections = [
        VERSION,
        list("s", [...this.seen].map((id) => [id])),
        list("c", Object.keys(this.checks).map((id) => [id, digits(this.checks[id])])),
        list("d", Object.keys(this.dilemmas).map((id) => [id, this.dilemmas[id].toString(36)]))
      ];
      if (this.data.test) {
        const t = this.test;
        const passed = t.passed === null ? "" : (t.passed ? "p" : "f");
        sections.push(`t${t.attempts}.${t.score === null ? "" : t.score}.${passed}.${t.submitted ? 1 : 0}`,
          list("q", t.draw.map((q) => [q.id, digits(q.answer)])));
      }
      if (this.completed) sections.push("f");
      return sections.filter(Boolean).join("~");
    }

    load(text) {
      const sections = (text || "").split("~");
      if (sections[0] !== VERSION) {
        if (text) console.warn("Etos: saved progress in an unknown format was set aside.");
        return;
      }
      sections.slice(1).forEach((section) => {
        const kind = section.charAt(0);
        const items = section.length > 1 ? section.slice(1).split(".") : [];
        const known = () => items.map((item) => item.split("="))
          .map(([key, value]) => [this.ids[kind] && this.ids[kind].get(key), value])
          .filter(([id]) => id);
        if (kind === "s") known().forEach(([id]) => this.seen.add(id));
        if (kind === "c") known().forEach(([id, value]) => { this.checks[id] = parseDigits(value); });
        if (kind === "d") known().forEach(([id, value]) => { this.dilemmas[id] = parseInt(value, 36); });
        if (kind === "q") this.test.draw = known().map(([id, value]) => ({ id, answer: parseDigits(value) }));
        if (kind === "f") this.completed = true;
        if (kind === "t") {
          const [attempts, score, passed, submitted] = items;
          this.test.attempts = parseInt(attempts, 10) || 0;
          this.test.score = score ? Number(score) : null;
          this.test.passed = passed ? passed === "p" : null;
          this.test.submitted = submitted === "1";
        }
      });
    }
  };
})(window.Etos = window.Etos || {});
