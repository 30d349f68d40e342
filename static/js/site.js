/*
 * Progressive enhancement only: every page works without this file.
 * Loaded with `defer` from the same origin (the Content-Security-Policy forbids inline script).
 */
(function () {
    "use strict";
    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");
})();
