/* Values for an LMS or LRS: numbers in range (else null, never sent), time as SCORM 1.2 and 2004 (and xAPI) want. */
((Etos) => {
"use strict";
const within = (n, min, max) => Number.isFinite(n) && n >= min && n <= max;

Etos.check = {
  within,
  score: (n) => (within(n, 0, 100) ? Math.round(n * 100) / 100 : null),
  share: (n) => (within(n, 0, 1) ? Math.round(n * 10000) / 10000 : null),
  read: (text) => (/^\d{1,3}(\.\d+)?$/.test(text) ? Etos.check.score(Number(text)) : null)
};

const pad = (number, width = 2) => String(number).padStart(width, "0");

function parts(ms) {
  const cs = Math.round(Math.min(Math.max(ms, 0), 3.6e10 - 10) / 10) || 0; // hundredths, under 10,000 h
  return { h: Math.floor(cs / 360000), m: Math.floor(cs / 6000) % 60, s: Math.floor(cs / 100) % 60, cs: cs % 100 };
}

Etos.time = {
  /** SCORM 1.2 CMITimespan */
  timespan(ms, hundredths) {
    const t = parts(hundredths ? ms : Math.round(ms / 1000) * 1000);
    return `${pad(t.h, 4)}:${pad(t.m)}:${pad(t.s)}${hundredths ? `.${pad(t.cs)}` : ""}`;
  },
  /** SCORM 2004 timeinterval */
  duration(ms) {
    const t = parts(ms);
    return `PT${t.h}H${t.m}M${t.s}.${pad(t.cs)}S`;
  },
  /** SCORM 1.2 CMITime */
  clock: (date) => [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => pad(n)).join(":"),
  /** SCORM 2004 time(second,10,0): at most hundredths. */
  stamp: (date) => `${date.toISOString().slice(0, 22)}Z`
};
})(window.Etos = window.Etos || {});
