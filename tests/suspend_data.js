// Runs the player's suspend-data code (templates/player/static/progress.js) under Node, outside a
// browser, for tests/test_properties.py and benchmarks/bench_build.py.
// One JSON request per line on stdin: {"data": <player data>, "state": <progress>} (state: done, reached,
// checks, dilemmas, test, completed, seed; "reached" holds the lessons done too); one JSON answer per
// line on stdout: {"encoded": <suspend data>, "decoded": <the progress a fresh player reads back>}.
// Optional in a request: "limit" (the LMS's length limit handed to encode) and "cut" (how many characters
// an LMS keeps of what it was given, to play an LMS that truncates). With "text" instead of "state": that
// saved text read back, as a player reads whatever an LMS hands it.
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const vm = require("vm");

global.window = {};
const source = path.join(__dirname, "..", "templates", "player", "static", "progress.js");
vm.runInThisContext(fs.readFileSync(source, "utf8"), { filename: source });
const { Progress } = window.Etos;

function decode(data, text) {
  const restored = new Progress(data);
  restored.load(text);
  const { done, reached, checks, dilemmas, test, completed, seed } = restored;
  return { done: [...done], reached: [...reached], checks, dilemmas, test, completed, seed };
}

function answer({ data, state, limit, cut, text }) {
  if (text !== undefined) return { decoded: decode(data, text) };
  const progress = new Progress(data);
  state.done.forEach((id) => progress.done.add(id));
  state.reached.forEach((id) => progress.reached.add(id));
  Object.assign(progress.checks, state.checks);
  Object.assign(progress.dilemmas, state.dilemmas);
  if (state.test) Object.assign(progress.test, state.test);
  progress.completed = state.completed;
  progress.seed = state.seed;
  const encoded = progress.encode(limit === undefined ? Infinity : limit);
  return { encoded, decoded: decode(data, cut === undefined ? encoded : encoded.slice(0, cut)) };
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let reply;
  try {
    reply = answer(JSON.parse(line));
  } catch (error) {
    reply = { error: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
