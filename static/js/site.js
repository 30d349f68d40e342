/*
 * Progressive enhancement only: every page works without this file.
 * Loaded with `defer` from the same origin (the Content-Security-Policy forbids inline script).
 */
(function () {
    "use strict";

    /*
     * Disclosure menus ("Vos services en 1 clic"): without JavaScript the toggle is a plain
     * link to the list on the home page; with it, a real button that opens the list below,
     * closes with Escape (focus returns to the button) or a click/focus outside.
     */
    function setupDisclosure(container) {
        var button = container.querySelector("[data-disclosure-button]");
        var panel = container.querySelector("[data-disclosure-panel]");
        if (!button || !panel) {
            return;
        }

        function setOpen(open) {
            button.setAttribute("aria-expanded", open ? "true" : "false");
            panel.hidden = !open;
        }

        button.addEventListener("click", function () {
            setOpen(button.getAttribute("aria-expanded") !== "true");
        });
        container.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                setOpen(false);
                button.focus();
            }
        });
        document.addEventListener("click", function (event) {
            if (!container.contains(event.target)) {
                setOpen(false);
            }
        });
        container.addEventListener("focusout", function (event) {
            if (event.relatedTarget && !container.contains(event.relatedTarget)) {
                setOpen(false);
            }
        });
    }

    document.querySelectorAll("[data-disclosure]").forEach(setupDisclosure);

    /*
     * The header's "Menu" button (small screens): it shows or hides the search form and the
     * main menu, which the stylesheet folds away while it is closed (from the first paint,
     * once early.js has marked the page .js). Escape closes it and gives the focus back to
     * the button. From 48em the button is not shown and nothing is folded; without
     * JavaScript nothing is.
     */
    function setupMenu(header) {
        var button = header.querySelector("[data-menu-button]");
        if (!button) {
            return;
        }

        function setOpen(open) {
            button.setAttribute("aria-expanded", open ? "true" : "false");
            header.classList.toggle("site-header--open", open);
        }

        button.addEventListener("click", function () {
            setOpen(button.getAttribute("aria-expanded") !== "true");
        });
        header.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                setOpen(false);
                button.focus();
            }
        });
    }

    document.querySelectorAll("[data-site-header]").forEach(setupMenu);

    /* "Copier le lien": shown only where the Clipboard API exists; the plain links work anyway. */
    if (navigator.clipboard) {
        document.querySelectorAll("[data-copy-link]").forEach(function (button) {
            var item = button.closest("[data-copy-link-item]");
            var status = item.querySelector("[data-copy-status]");
            item.hidden = false;
            button.addEventListener("click", function () {
                navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(
                    function () { status.textContent = "Lien copié."; },
                    function () { status.textContent = "Copie impossible : copiez l'adresse de la page."; }
                );
            });
        });
    }
})();
