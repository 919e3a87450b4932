/* Time in the formats the two SCORM versions want. */
((Etos) => {
  "use strict";
  const pad = (number, width) => String(number).padStart(width, "0");

  function parts(ms) {
    const cs = Math.round(Math.min(Math.max(ms, 0), 3.6e10 - 10) / 10) || 0; // hundredths, under 10,000 h
    return { h: Math.floor(cs / 360000), m: Math.floor(cs / 6000) % 60, s: Math.floor(cs / 100) % 60, cs: cs % 100 };
  }

  Etos.time = {
    /** SCORM 1.2 CMITimespan: HHHH:MM:SS, or HHHH:MM:SS.SS with hundredths. */
    timespan(ms, hundredths) {
      const t = parts(hundredths ? ms : Math.round(ms / 1000) * 1000);
      const text = `${pad(t.h, 4)}:${pad(t.m, 2)}:${pad(t.s, 2)}`;
      return hundredths ? `${text}.${pad(t.cs, 2)}` : text;
    },
    /** SCORM 2004 timeinterval: an ISO 8601 duration, PT#H#M#S. */
    duration(ms) {
      const t = parts(ms);
      return `PT${t.h}H${t.m}M${t.s}.${pad(t.cs, 2)}S`;
    },
    /** SCORM 1.2 CMITime: the time of day, HH:MM:SS. */
    clock: (date) => [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => pad(n, 2)).join(":"),
    /** SCORM 2004 time(second,10,0): ISO 8601 in UTC, at most hundredths of a second. */
    stamp: (date) => `${date.toISOString().slice(0, 22)}Z`
  };
})(window.Etos = window.Etos || {});
