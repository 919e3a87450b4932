/* Scores in range and time, for an LMS or LRS (../SCRIPTS.md). */
((Etos) => {
"use strict";
const within = (n, min, max) => Number.isFinite(n) && n >= min && n <= max;

Etos.check = {
  within,
  score: (n) => (within(n, 0, 100) ? Math.round(n * 100) / 100 : null),
  read: (text) => (/^\d{1,3}(\.\d+)?$/.test(text) ? Etos.check.score(Number(text)) : null)
};

const pad = (number, width = 2) => String(number).padStart(width, "0");

Etos.time = {
  pad,
  /** Hours, minutes, seconds and hundredths, under 10,000 h. */
  parts(ms) {
    const cs = Math.round(Math.min(Math.max(ms, 0), 3.6e10 - 10) / 10) || 0;
    return { h: Math.floor(cs / 360000), m: Math.floor(cs / 6000) % 60, s: Math.floor(cs / 100) % 60, cs: cs % 100 };
  },
  /** SCORM 2004 timeinterval, xAPI duration */
  duration(ms) {
    const t = Etos.time.parts(ms);
    return `PT${t.h}H${t.m}M${t.s}.${pad(t.cs)}S`;
  }
};
})(window.Etos = window.Etos || {});
