/* The page's data, read once, and the player's words in it. */
((Etos) => {
"use strict";
let data = null;
Etos.data = () => data || (data = JSON.parse(document.getElementById("etos-data").textContent));
Etos.t = (code, params = {}) => Etos.data().texts[code].replace(/\{(\w+)\}/g, (whole, name) => (name in params ? params[name] : whole));
})(window.Etos = window.Etos || {});
