"use strict";

/*
 * briefing.js: small fixes on top of sphinx-book-theme / pydata-sphinx-theme.
 *
 * Sidebar toggles (pydata-sphinx-theme #2451): the theme binds only the
 * first `.primary-toggle` / `.secondary-toggle` in the document, which are
 * the buttons in the top header that sphinx-book-theme hides. The visible
 * buttons (in the article header) therefore do nothing. We bind every toggle
 * and reproduce what the themes intend:
 *   - primary, wide screens (>= 960px): collapse / expand the sidebar in
 *     place with the book theme's `.pst-sidebar-hidden` class;
 *   - primary below 960px and secondary below 1200px: open the sidebar as a
 *     modal drawer, by moving the sidebar's nodes and classes into its
 *     <dialog> (#pst-*-sidebar-modal) and calling showModal(); closing (Esc,
 *     click on the backdrop) moves them back.
 * Our listeners run in the capture phase and stop the event, so a theme that
 * later binds the same buttons cannot act twice.
 */
(() => {
  const PRIMARY_INLINE = "(min-width: 960px)"; // pydata $breakpoint-sidebar-primary
  const SECONDARY_INLINE = "(min-width: 1200px)"; // pydata $breakpoint-sidebar-secondary
  const HIDDEN_CLASS = "pst-sidebar-hidden"; // sphinx-book-theme

  const moveNodesAndClasses = (from, to) => {
    Array.from(from.childNodes).forEach((node) => to.appendChild(node));
    Array.from(from.classList).forEach((cls) => {
      from.classList.remove(cls);
      to.classList.add(cls);
    });
  };

  const hideTooltip = (button) => {
    const bs = window.bootstrap;
    if (bs && bs.Tooltip && typeof bs.Tooltip.getInstance === "function") {
      const tip = bs.Tooltip.getInstance(button);
      if (tip) {
        tip.hide();
      }
    }
  };

  const setExpanded = (buttons, expanded) => {
    buttons.forEach((b) => b.setAttribute("aria-expanded", String(expanded)));
  };

  /** Wire one sidebar (primary or secondary) to its toggle buttons. */
  const setupSidebar = ({ buttons, sidebar, dialog, inlineQuery, collapsible }) => {
    if (!buttons.length || !sidebar) {
      return;
    }
    const inline = window.matchMedia(inlineQuery);
    let returnFocusTo = null;

    const dialogIsOpen = () => Boolean(dialog && dialog.open);

    const syncExpanded = () => {
      if (dialogIsOpen()) {
        setExpanded(buttons, true);
      } else if (inline.matches) {
        setExpanded(buttons, !sidebar.classList.contains(HIDDEN_CLASS));
      } else {
        setExpanded(buttons, false);
      }
    };

    const openDrawer = (button) => {
      if (!dialog || dialog.open) {
        return;
      }
      returnFocusTo = button;
      hideTooltip(button);
      moveNodesAndClasses(sidebar, dialog);
      dialog.showModal();
      syncExpanded();
    };

    const closeDrawer = () => {
      if (dialogIsOpen()) {
        dialog.close(); // the "close" listener below restores the sidebar
      }
    };

    buttons.forEach((button) => {
      button.setAttribute("aria-controls", sidebar.id);
      button.addEventListener(
        "click",
        (event) => {
          event.preventDefault();
          event.stopImmediatePropagation();
          hideTooltip(button);
          if (inline.matches) {
            if (collapsible) {
              sidebar.classList.toggle(HIDDEN_CLASS);
              syncExpanded();
            }
            return;
          }
          openDrawer(button);
        },
        true,
      );
    });

    if (dialog) {
      // Bootstrap moves a tooltip's title to data-bs-original-title; some buttons only
      // carry an aria-label. The first non-empty one names the drawer.
      const label = buttons
        .flatMap((b) => [
          b.getAttribute("title"),
          b.getAttribute("data-bs-original-title"),
          b.getAttribute("aria-label"),
        ])
        .find((text) => text && text.trim());
      if (label) {
        dialog.setAttribute("aria-label", label.trim());
      }

      // Click on the ::backdrop (outside the dialog box) closes the drawer.
      dialog.addEventListener("click", (event) => {
        if (!dialog.open) {
          return;
        }
        const r = dialog.getBoundingClientRect();
        const outside =
          event.clientX < r.left ||
          event.clientX > r.right ||
          event.clientY < r.top ||
          event.clientY > r.bottom;
        if (outside) {
          closeDrawer();
        }
      });

      // sphinx_highlight.js swallows Escape, so handle it ourselves.
      dialog.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          closeDrawer();
        }
      });

      // Put the nodes back (the theme may already have done it: then the
      // dialog is empty and this is a no-op).
      dialog.addEventListener("close", () => {
        if (dialog.childNodes.length || dialog.classList.length) {
          moveNodesAndClasses(dialog, sidebar);
        }
        syncExpanded();
        if (returnFocusTo && document.contains(returnFocusTo)) {
          returnFocusTo.focus({ preventScroll: true });
          hideTooltip(returnFocusTo);
        }
        returnFocusTo = null;
      });
    }

    // Growing past the breakpoint while the drawer is open: close it, the
    // sidebar is shown in place again.
    inline.addEventListener("change", () => {
      if (inline.matches) {
        closeDrawer();
      }
      syncExpanded();
    });

    syncExpanded();
  };

  const init = () => {
    setupSidebar({
      buttons: Array.from(document.querySelectorAll("button.primary-toggle")),
      sidebar: document.getElementById("pst-primary-sidebar"),
      dialog: document.getElementById("pst-primary-sidebar-modal"),
      inlineQuery: PRIMARY_INLINE,
      collapsible: true,
    });
    setupSidebar({
      buttons: Array.from(document.querySelectorAll("button.secondary-toggle")),
      sidebar: document.getElementById("pst-secondary-sidebar"),
      dialog: document.getElementById("pst-secondary-sidebar-modal"),
      inlineQuery: SECONDARY_INLINE,
      collapsible: false,
    });
  };

  // Deferred: the DOM is parsed, and we run before the theme scripts bind
  // their own handlers on DOMContentLoaded.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
