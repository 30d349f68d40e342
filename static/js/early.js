/*
 * Loaded in <head> before the page is drawn (not deferred): with JavaScript on, the stylesheet
 * lays out the enhanced page (the header's folded menu) from the first paint, so nothing moves
 * once site.js runs. A file rather than an inline script, which the Content-Security-Policy
 * forbids.
 */
document.documentElement.classList.replace("no-js", "js");
