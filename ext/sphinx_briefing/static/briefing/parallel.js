"use strict";

/*
 * parallel.js: the parallel view of the Arabic book.
 *
 * Every paragraph and heading carries its translation in the page
 * (div.briefing-translation, lang="en" dir="ltr"); parallel.css hides them
 * unless <html> has the class briefing-parallel-on. The toggle
 * (button.briefing-parallel-toggle, aria-pressed) switches that class, and
 * the reader's choice is kept in local storage, so it holds on every page
 * and after a reload.
 *
 * The script is loaded synchronously in <head> (not deferred): it sets the
 * class before the body is drawn, so a reader who turned the view on never
 * sees the page flash without the translations. The buttons are wired once
 * the document is parsed.
 */
(() => {
  const KEY = "briefing-parallel"; // local storage: "on" or "off"
  const ON = "briefing-parallel-on"; // on <html>: translations shown
  const READY = "briefing-parallel-ready"; // on <html>: the toggle can work
  const BUTTON = "button.briefing-parallel-toggle";
  const root = document.documentElement;

  /** The stored choice; storage may be unavailable (privacy modes, file://). */
  const stored = () => {
    try {
      return window.localStorage.getItem(KEY) === "on";
    } catch (error) {
      return false;
    }
  };

  const store = (on) => {
    try {
      window.localStorage.setItem(KEY, on ? "on" : "off");
    } catch (error) {
      // Not remembered, but the view still switches for this page.
    }
  };

  const apply = (on) => {
    root.classList.toggle(ON, on);
    document.querySelectorAll(BUTTON).forEach((button) => {
      button.setAttribute("aria-pressed", String(on));
    });
  };

  root.classList.toggle(ON, stored());
  root.classList.add(READY);

  const wire = () => {
    apply(root.classList.contains(ON));
    document.querySelectorAll(BUTTON).forEach((button) => {
      // A <button>: Enter and Space activate it as a click.
      button.addEventListener("click", () => {
        const on = !root.classList.contains(ON);
        apply(on);
        store(on);
      });
    });
  };

  // Another tab changed the choice: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) {
      apply(event.newValue === "on");
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire, { once: true });
  } else {
    wire();
  }
})();
