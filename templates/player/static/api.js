/* Finding the LMS: the SCORM API discovery algorithm, and the choice of adapter.
   The standard comes from <html data-standard>, never from URL parameters. */
((Etos) => {
  "use strict";
  const MAX_DEPTH = 10; // frames to climb before giving up

  function climb(win, name) {
    for (let depth = 0; win && depth <= MAX_DEPTH; depth++) {
      try {
        if (win[name]) return win[name];
        if (!win.parent || win.parent === win) return null;
        win = win.parent;
      } catch (e) {
        return null; // a frame of another origin: nothing more to find this way
      }
    }
    return null;
  }

  /** Parents first, then the window that opened us (an LMS that launches a popup). */
  Etos.findApi = (name, win = window) => {
    let api = climb(win, name);
    try {
      if (!api && win.top.opener) api = climb(win.top.opener, name);
      if (!api && win.opener) api = climb(win.opener, name);
    } catch (e) {
      // an opener of another origin
    }
    return api || null;
  };

  /** The adapter for this package: the LMS's when one is found, the browser's storage otherwise. */
  Etos.connect = (standard, courseId) => {
    const dialect = Etos.dialects[standard];
    const api = dialect && Etos.findApi(dialect.apiName);
    if (api) return new Etos.LmsAdapter(api, dialect);
    if (dialect) console.info("Etos: no SCORM API found; progress is kept in this browser.");
    return new Etos.LocalAdapter(courseId);
  };
})(window.Etos = window.Etos || {});
