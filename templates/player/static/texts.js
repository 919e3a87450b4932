/* The player's words in the course's language (builder/messages/player.py, via the page's data). */
((Etos) => {
  "use strict";
  let texts = null;
  Etos.t = (code, params = {}) => {
    texts = texts || JSON.parse(document.getElementById("etos-data").textContent).texts;
    return texts[code].replace(/\{(\w+)\}/g, (whole, name) => (name in params ? params[name] : whole));
  };
})(window.Etos = window.Etos || {});
