/* What the learner has done, its status and its suspend data (../SCRIPTS.md). */
((Etos) => {
"use strict";
const digits = (answer) => answer.map((index) => index.toString(36)).join("");
const readSeed = (text) => (/^[0-9a-z]{1,7}$/.test(text || "") ? parseInt(text, 36) % 2 ** 32 : 0);
const readCount = (text) => (/^\d{1,3}$/.test(text || "") ? Number(text) : null); // 0–999, or null

Etos.Progress = class {
  constructor(data) {
    this.data = data;
    this.done = new Set(); // lesson ids: read, every check answered
    this.reached = new Set(); // lesson ids: read
    this.checks = {}; // question id → option indexes
    this.dilemmas = {}; // dilemma id → [choice index]
    this.seed = Math.floor(Math.random() * 2 ** 32); // the knowledge checks' option order
    this.test = { attempts: 0, score: null, passed: null, submitted: false, seed: 0, draw: [], seen: [] };
    this.completed = false;
    const test = data.test ? data.test.questions : [];
    const dilemmas = Object.entries(data.dilemmas).map(([id, d]) => ({ id, key: d.key, options: { length: d.choices } }));
    const groups = { s: data.lessons, r: data.lessons, c: Object.values(data.checks), q: test, x: test, d: dilemmas };
    this.keys = {}; // section → Map(id → key)
    this.items = {}; // section → Map(key → [id, option count])
    Object.entries(groups).forEach(([section, items]) => {
      this.keys[section] = new Map(items.map((item) => [item.id, item.key]));
      this.items[section] = new Map(items.map((item) => [item.key, [item.id, (item.options || []).length]]));
    });
  }

  /** Done stays done. */
  settle() {
    const lessons = this.data.lessons;
    lessons.forEach((l) => this.reached.has(l.id) && (l.checks || []).every((id) => this.checks[id]) && this.done.add(l.id));
    if (lessons.every((l) => this.done.has(l.id))) this.completed = true;
  }

  attemptsLeft() {
    const test = this.data.test;
    return !test ? 0 : (test.attempts ? Math.max(0, test.attempts - this.test.attempts) : Infinity);
  }

  /** Never read back from the LMS. */
  status() {
    const { lessons, test } = this.data;
    const t = test ? this.test : { passed: null, score: null, submitted: false };
    const attemptsLeft = this.attemptsLeft();
    const completed = this.completed || lessons.every((l) => this.done.has(l.id));
    const finished = test ? t.passed || (t.passed === false && !attemptsLeft) : completed;
    const steps = lessons.filter((l) => this.done.has(l.id)).length + (test && finished ? 1 : 0);
    const progress = steps / (lessons.length + (test ? 1 : 0) || 1);
    return { completed, passed: t.passed, score: t.score, finished, progress, attemptsLeft, submitted: t.submitted };
  }

  /** Over the LMS's limit, dilemmas and then checks give way. */
  encode(limit = Infinity) {
    const list = (section, entries) => entries.length ? section + entries.map(([id, value]) =>
      this.keys[section].get(id) + (value === undefined ? "" : `=${value}`)).join(".") : "";
    const ids = (section, items) => list(section, [...items].map((id) => [id]));
    const t = this.test;
    const answers = (map) => Object.entries(map).map(([id, answer]) => [id, digits(answer)]);
    const checks = answers(this.checks);
    const build = (c, d) => ["2", this.completed && "f", ...(this.data.test ? [
      `t${t.attempts}.${t.score === null ? "" : t.score}.${t.passed === null ? "" : (t.passed ? "p" : "f")}.${t.submitted ? 1 : 0}.${t.seed.toString(36)}`,
      list("q", t.draw.map((q) => [q.id, digits(q.answer)])),
      ids("x", t.seen.filter((id) => !t.draw.some((q) => q.id === id)))] : []),
      `o${this.seed.toString(36)}`, ids("s", this.done), ids("r", [...this.reached].filter((id) => !this.done.has(id))),
      list("c", c), list("d", d), "e"
    ].filter(Boolean).join("~");
    let text = build(checks, answers(this.dilemmas));
    for (let keep = checks.length; text.length > limit && keep > -10; keep -= 10) text = build(checks.slice(0, Math.max(keep, 0)), []);
    return text;
  }

  load(text) {
    const sections = (text || "").split("~");
    const old = sections[0] === "1";
    if (sections[0] !== "2" && !old) {
      if (text) console.warn("Etos: saved progress in an unknown format was set aside.");
      return;
    }
    const cut = sections[sections.length - 1] !== "e";
    const t = this.test;
    sections.slice(1).forEach((section, i) => {
      const kind = section[0];
      const items = section.length > 1 ? section.slice(1).split(".") : [];
      if (cut && i === sections.length - 2 && (items.pop(), "tq".includes(kind))) return;
      if (kind === "f") this.completed = true;
      if (kind === "o") this.seed = readSeed(items[0]);
      if (kind === "t") this.loadTest(items);
      if (old && "sr".includes(kind)) return; // lessons merely opened: not read
      const known = new Map();
      items.map((item) => item.split("=")).forEach(([key, value]) => {
        const [id, count] = (this.items[kind] && this.items[kind].get(key)) || [];
        const answer = [...new Set([...(value || "")].map((char) => parseInt(char, 36)))].filter((n) => n < count);
        if (id && !known.has(id)) known.set(id, answer.sort((a, b) => a - b));
      });
      known.forEach((answer, id) => {
        if (kind === "s" || kind === "r") this[kind === "s" ? "done" : "reached"].add(id);
        if (kind === "x") t.seen.push(id);
        if (kind === "c" && answer.length) this.checks[id] = answer;
        if (kind === "d" && answer.length) this.dilemmas[id] = answer.slice(0, 1);
      });
      if (kind === "q") t.draw = [...known].slice(0, this.data.test.draw).map(([id, answer]) => ({ id, answer }));
    });
    this.done.forEach((id) => this.reached.add(id));
    t.seen = [...new Set([...t.seen, ...t.draw.map((q) => q.id)])];
  }

  /** Anything but small whole numbers (NaN, -1, 101) is none. */
  loadTest([attempts, score, passed, submitted, seed]) {
    const points = readCount(score);
    const valid = points !== null && points <= 100 && (passed === "p" || passed === "f");
    Object.assign(this.test, { attempts: readCount(attempts) || 0, score: valid ? points : null,
      passed: valid ? passed === "p" : null, submitted: submitted === "1", seed: readSeed(seed) });
  }
};
})(window.Etos = window.Etos || {});
