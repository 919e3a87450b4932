/* What the learner has done, the course status it leads to, and how it is saved as suspend data:
     2~f~t<attempts>.<score>.<p|f>.<0|1>.<seed>~q<question>=<options>~x<question>~o<seed>~s<lesson>~r<lesson>~c<check>=<options>~d<dilemma>=<choice>~e
   "2": the format's version (1, whose lessons were merely opened, is read without them); "t": the test
   (attempts used, last score, passed or failed, handed in, the seed of this attempt's option order); "q":
   the current draw; "x": questions shown in earlier draws; "o": the seed of the knowledge checks' option
   order; "f": completed; "s": lessons done (read to the end, checks answered); "r": read to the end,
   checks still open; "e": the end, so a text an LMS cut short is noticed and only its last, cut item is
   set aside. Options are base-36 digits ("02": the first and third), always the author's indexes.
   Lessons and questions go by the builder's short hash keys, not by position, so a new version of a
   course still finds what it kept and skips what it no longer has. Whatever is read back is range-checked. */
((Etos) => {
  "use strict";
  const VERSION = "2";
  const digits = (answer) => answer.map((index) => index.toString(36)).join("");
  const newSeed = () => Math.floor(Math.random() * 4294967296);
  const readSeed = (text) => (/^[0-9a-z]{1,7}$/.test(text || "") ? parseInt(text, 36) % 4294967296 : 0);
  const readCount = (text) => (/^\d{1,3}$/.test(text || "") ? Number(text) : null); // 0–999, or null

  Etos.Progress = class {
    constructor(data) {
      this.data = data;
      this.done = new Set(); // lesson ids: read to the end, every knowledge check answered
      this.reached = new Set(); // lesson ids: read to the end
      this.checks = {}; // question id → option indexes
      this.dilemmas = {}; // dilemma id → [choice index]
      this.seed = newSeed(); // the knowledge checks' option order, one for the learner
      // draw: [{id, answer}]; seen: ids shown in earlier draws; seed: this attempt's option order
      this.test = { attempts: 0, score: null, passed: null, submitted: false, seed: 0, draw: [], seen: [] };
      this.completed = false;
      const test = data.test ? data.test.questions : [];
      const groups = {
        s: data.lessons, r: data.lessons, c: Object.values(data.checks), q: test, x: test,
        d: Object.keys(data.dilemmas).map((id) => ({ id, key: data.dilemmas[id].key, options: { length: data.dilemmas[id].choices } }))
      };
      this.keys = {}; // section → Map(id → key)
      this.ids = {}; // section → Map(key → id)
      this.options = {}; // section → Map(id → how many options)
      Object.entries(groups).forEach(([section, items]) => {
        this.keys[section] = new Map(items.map((item) => [item.id, item.key]));
        this.ids[section] = new Map(items.map((item) => [item.key, item.id]));
        this.options[section] = new Map(items.map((item) => [item.id, item.options ? item.options.length : 0]));
      });
    }

    /** The learner reached the end of a lesson. */
    reach(lessonId) {
      this.reached.add(lessonId);
      this.settle();
    }

    /** A lesson read to the end whose knowledge checks are all answered is done; once done, it stays. */
    settle() {
      this.data.lessons.forEach((lesson) => {
        if (this.reached.has(lesson.id) && (lesson.checks || []).every((id) => this.checks[id])) this.done.add(lesson.id);
      });
      if (this.data.lessons.every((lesson) => this.done.has(lesson.id))) this.completed = true;
    }

    attemptsLeft() {
      if (!this.data.test) return 0;
      const allowed = this.data.test.attempts;
      return allowed ? Math.max(0, allowed - this.test.attempts) : Infinity;
    }

    /** The course's own view of its status; never read back from the LMS. */
    status() {
      const lessons = this.data.lessons;
      const test = this.data.test;
      const t = test ? this.test : { passed: null, score: null, submitted: false };
      const attemptsLeft = this.attemptsLeft();
      const completed = this.completed || lessons.every((lesson) => this.done.has(lesson.id));
      const finished = test ? t.passed === true || (t.passed === false && !attemptsLeft) : completed;
      const steps = lessons.filter((lesson) => this.done.has(lesson.id)).length + (test && finished ? 1 : 0);
      const progress = steps / (lessons.length + (test ? 1 : 0) || 1);
      return { completed, passed: t.passed, score: t.score, finished, progress, attemptsLeft, submitted: t.submitted };
    }

    /** Over the LMS's limit (SCORM 1.2 keeps 4,096 characters) practice answers give way, dilemmas
        first: the test and the lessons done always stay. */
    encode(limit = Infinity) {
      const list = (section, entries) => entries.length ? section + entries.map(([id, value]) =>
        this.keys[section].get(id) + (value === undefined ? "" : `=${value}`)).join(".") : "";
      const ids = (section, set) => list(section, [...set].map((id) => [id]));
      const t = this.test;
      const answers = (map) => Object.entries(map).map(([id, answer]) => [id, digits(answer)]);
      const checks = answers(this.checks);
      const build = (c, d) => [
        VERSION,
        this.completed && "f", // first: what an LMS that cuts the text short keeps longest
        this.data.test && `t${t.attempts}.${t.score === null ? "" : t.score}.${t.passed === null ? "" : (t.passed ? "p" : "f")}.${t.submitted ? 1 : 0}.${t.seed.toString(36)}`,
        this.data.test && list("q", t.draw.map((q) => [q.id, digits(q.answer)])),
        this.data.test && ids("x", t.seen.filter((id) => !t.draw.some((q) => q.id === id))),
        `o${this.seed.toString(36)}`,
        ids("s", this.done),
        ids("r", [...this.reached].filter((id) => !this.done.has(id))),
        list("c", c), list("d", d), "e"
      ].filter(Boolean).join("~");
      let text = build(checks, answers(this.dilemmas));
      for (let keep = checks.length; text.length > limit && keep > -10; keep -= 10) text = build(checks.slice(0, Math.max(keep, 0)), []);
      return text;
    }

    load(text) {
      const sections = (text || "").split("~");
      const version = sections[0];
      if (version !== VERSION && version !== "1") {
        if (text) console.warn("Etos: saved progress in an unknown format was set aside.");
        return;
      }
      const cut = sections[sections.length - 1] !== "e";
      // Option indexes the question has, each once, in the author's order.
      const answer = (kind, id, value) => [...new Set([...(value || "")].map((char) => parseInt(char, 36)))]
        .filter((n) => n >= 0 && n < this.options[kind].get(id)).sort((a, b) => a - b);
      sections.slice(1).forEach((section, i) => {
        const kind = section[0];
        const items = section.length > 1 ? section.slice(1).split(".") : [];
        if (cut && i === sections.length - 2 && (items.pop(), "tq".includes(kind))) return;
        if (kind === "o") this.seed = readSeed(items[0]);
        if (kind === "t") return this.loadTest(items);
        if (kind === "f") this.completed = true;
        const known = items.map((item) => item.split("=")).filter(([key]) => this.ids[kind] && this.ids[kind].has(key))
          .map(([key, value]) => [this.ids[kind].get(key), value]);
        if (version === "1" && "sr".includes(kind)) return; // lessons merely opened: not read
        if (kind === "s" || kind === "r") known.forEach(([id]) => this[kind === "s" ? "done" : "reached"].add(id));
        if (kind === "x") this.test.seen = [...new Set([...this.test.seen, ...known.map(([id]) => id)])];
        if (kind === "c" || kind === "d") {
          known.forEach(([id, value]) => {
            const chosen = answer(kind, id, value);
            if (chosen.length) this[kind === "c" ? "checks" : "dilemmas"][id] = kind === "d" ? chosen.slice(0, 1) : chosen;
          });
        }
        if (kind === "q") {
          const drawn = known.filter(([id], index) => known.findIndex(([other]) => other === id) === index);
          this.test.draw = drawn.slice(0, this.data.test.draw).map(([id, value]) => ({ id, answer: answer("q", id, value) }));
        }
      });
      this.done.forEach((id) => this.reached.add(id));
      this.test.seen = [...new Set([...this.test.seen, ...this.test.draw.map((q) => q.id)])];
    }

    /** Attempts and score are small whole numbers; anything else (NaN, Infinity, -1, 101) is no result. */
    loadTest([attempts, score, passed, submitted, seed]) {
      const points = readCount(score);
      const valid = points !== null && points <= 100 && (passed === "p" || passed === "f");
      Object.assign(this.test, { attempts: readCount(attempts) || 0, score: valid ? points : null,
        passed: valid ? passed === "p" : null, submitted: submitted === "1", seed: readSeed(seed) });
    }
  };
})(window.Etos = window.Etos || {});
