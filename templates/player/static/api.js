/* The SCORM API discovery algorithm, and the adapter for <html data-standard> (never URL parameters). */
((Etos) => {
"use strict";
function climb(win, name) {
  for (let depth = 0; win && depth <= 10; depth++) {
    try {
      if (win[name]) return win[name];
      if (win.parent === win) return null;
      win = win.parent;
    } catch (e) {
      return null; // a frame of another origin
    }
  }
  return null;
}

/** Parent frames first, then the opener (an LMS that launches a popup). */
Etos.findApi = (name, win = window) => {
  try {
    return climb(win, name) || (win.top.opener && climb(win.top.opener, name)) || (win.opener && climb(win.opener, name)) || null;
  } catch (e) {
    return null; // an opener of another origin
  }
};

Etos.connect = (standard, courseId) => {
  const dialect = (Etos.dialects || {})[standard];
  if (dialect && dialect.connect) return dialect.connect(courseId); // cmi5: a launch of its own
  const api = dialect && Etos.findApi(dialect.apiName);
  if (api) return new Etos.LmsAdapter(api, dialect);
  if (dialect) console.warn("Etos: no SCORM API found; progress is kept in this browser.");
  return new Etos.LocalAdapter(courseId);
};
})(window.Etos = window.Etos || {});
