"use strict";

/*
 * cite.js: the "Cite" panel of numbered paragraphs and section headings.
 *
 * The writer puts a button.briefing-cite (data-cite="briefing:<slug>:p7")
 * after every paragraph and section number. The ready-made citations of
 * the page are not in the page (an article of thousands of paragraphs
 * would carry megabytes of them): they are in one script per page,
 * _briefing/cite/<name>.js, which sets
 *   window.BRIEFING_CITATIONS["<name>"] = {
 *     "styles": ["chicago", "apa", ..., "csl-json"],
 *     "items": [["<key>", "<chicago>", "<apa>", ...], ...]
 *   };
 * The page names that script in
 *   <script id="briefing-cite-data" type="application/json">
 *     {"src": "../_briefing/cite/<name>.js", "key": "<name>"}
 *   </script>
 * and cite.js loads it on demand: when the pointer or the focus first
 * reaches a cite button, or at the latest on the first activation. A plain
 * script (not JSON fetched) so the panel works from file:// too. The page
 * also carries the panel's words in the edition's language (LABELS_ID).
 * Activating a button (click, Enter, Space) opens one shared modal
 * <dialog> with the citation in every style, each with a copy button
 * (at once when the citations are loaded, else as soon as they are).
 * The dialog takes the page's direction, but the citations always read
 * left to right (dir="ltr"), in the Arabic book too: every style here
 * (Chicago, APA, MLA, BibTeX, RIS, CSL-JSON) is a Latin-script format
 * whose punctuation and order of parts are those of a left-to-right line,
 * with Arabic titles and names embedded as runs. Laid out right to left
 * (by its first letter, often an Arabic author's name), a citation showed
 * its parts in another order than the text the copy button copies.
 *
 * Keyboard: the dialog keeps the focus (Tab and Shift+Tab cycle through
 * its buttons and citation texts), Escape closes it from anywhere inside,
 * and every way of closing it (Escape, the close button, a click on the
 * backdrop, the cancel event, a programmatic close) returns the focus to
 * the button that opened it in the same task, so nothing can observe the
 * dialog closed with the focus lost.
 *
 * Safety: the page's pointer is read with JSON.parse(textContent) and its
 * address must be one of the book's citation scripts; the citations are
 * copied into objects without a prototype and shown with textContent only;
 * no HTML is ever built from them. Nothing is loaded from the network (the
 * script is a file of the book), so the panel works offline and from
 * file://.
 */
(() => {
  const DATA_ID = "briefing-cite-data";
  const GLOBAL = "BRIEFING_CITATIONS"; // what the citation scripts fill
  /* The only scripts the pointer may name: the book's own, by a relative path. */
  const SRC_PATTERN = /^(?:\.\.\/)*_briefing\/cite\/[0-9a-f]{16}\.js$/;
  const KEY_PATTERN = /^[0-9a-f]{16}$/;
  const BUTTON = "button.briefing-cite";
  const READY = "briefing-cite-ready"; // on <html>: the buttons can work
  const LOADED = "briefing-cite-loaded"; // on <html>: the citations are here
  const COPIED_FOR_MS = 2000;
  const FAILED_FOR_MS = 8000;

  /* Citation styles, in the order shown. Their names are proper names and
   * stay in Latin script; the machine formats read left to right. */
  const STYLES = [
    { key: "chicago", label: "Chicago", code: false },
    { key: "apa", label: "APA", code: false },
    { key: "mla", label: "MLA", code: false },
    { key: "bibtex", label: "BibTeX", code: true },
    { key: "ris", label: "RIS", code: true },
    { key: "csl-json", label: "CSL-JSON", code: true },
  ];

  /* The interface words, in the edition's language: the page carries them
   * (from the extension's catalogue) in
   *   <script id="briefing-cite-labels" type="application/json">
   *     {"heading": "...", "paragraph": "... %s ...", ...}
   *   </script>
   * These English words are only the fallback of a page without them. */
  const LABELS_ID = "briefing-cite-labels";
  const DEFAULT_LABELS = {
    heading: "Cite this part",
    close: "Close",
    copy: "Copy",
    copied: "Copied",
    copyFailed: "Could not copy: select the text and copy it by hand.",
    paragraph: "Paragraph %s of the article",
    section: "Section %s of the article",
    article: "The whole article",
  };

  /** The page's interface words, each a non-empty string (else the default). */
  const loadLabels = () => {
    const labels = Object.assign(Object.create(null), DEFAULT_LABELS);
    const scripts = document.querySelectorAll(`script#${LABELS_ID}`);
    if (scripts.length !== 1) {
      return labels;
    }
    let parsed = null;
    try {
      parsed = JSON.parse(scripts[0].textContent);
    } catch (error) {
      return labels;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      return labels;
    }
    Object.keys(DEFAULT_LABELS).forEach((name) => {
      if (typeof parsed[name] === "string" && parsed[name]) {
        labels[name] = parsed[name];
      }
    });
    return labels;
  };

  /** A numbered label ("Paragraph %s of the article") with its number. */
  const numbered = (label, n) => label.split("%s").join(n);

  let citations = null; // {key: {style: text}} once loaded
  let loading = null; // the Promise of the citations, while and once asked for
  let waiting = null; // the button activated before the citations came
  let TEXT = null; // the interface words: read when the dialog is built
  let dialog = null; // built once, on first use
  let parts = null; // the dialog's elements we update
  let opener = null; // the button that opened the dialog
  let shown = null; // the citations now in the dialog: {style: text}
  let statusTimer = 0;
  const copyTimers = new Map(); // copy button -> timer restoring its label

  /** The page's pointer to its citation script: {src, key}, or null. */
  const readSource = () => {
    const scripts = document.querySelectorAll(`script#${DATA_ID}`);
    if (scripts.length !== 1) {
      return null; // none, or an ambiguous page: offer nothing
    }
    let parsed = null;
    try {
      parsed = JSON.parse(scripts[0].textContent);
    } catch (error) {
      return null;
    }
    if (
      !parsed ||
      typeof parsed.src !== "string" ||
      typeof parsed.key !== "string" ||
      !SRC_PATTERN.test(parsed.src) ||
      !KEY_PATTERN.test(parsed.key)
    ) {
      return null;
    }
    return { src: parsed.src, key: parsed.key };
  };

  /** The rows a citation script gave, as {key: {style: text}} without a
   * prototype, known styles and non-empty strings only. */
  const cleanCitations = (data) => {
    const clean = Object.create(null);
    if (!data || !Array.isArray(data.styles) || !Array.isArray(data.items)) {
      return clean;
    }
    const known = new Set(STYLES.map(({ key }) => key));
    data.items.forEach((row) => {
      if (!Array.isArray(row) || typeof row[0] !== "string" || !row[0]) {
        return;
      }
      const entry = Object.create(null);
      data.styles.forEach((style, i) => {
        const text = row[i + 1];
        if (known.has(style) && typeof text === "string" && text) {
          entry[style] = text;
        }
      });
      if (Object.keys(entry).length) {
        clean[row[0]] = entry;
      }
    });
    return clean;
  };

  /** Hide the buttons with nothing to show, once the citations are known. */
  const hideUnknown = () => {
    document.querySelectorAll(BUTTON).forEach((button) => {
      const key = button.getAttribute("data-cite");
      if (!key || !Object.prototype.hasOwnProperty.call(citations, key)) {
        button.hidden = true;
      }
    });
  };

  /** Load the page's citation script (once): a Promise of the citations. A
   * failed load (a missing file) is tried again on the next activation. */
  const loadCitations = () => {
    if (loading) {
      return loading;
    }
    const source = readSource();
    if (!source) {
      citations = Object.create(null);
      loading = Promise.resolve(citations);
      return loading;
    }
    loading = new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = source.src;
      script.async = true;
      script.addEventListener("load", () => {
        const store = window[GLOBAL];
        const data = store && typeof store === "object" ? store[source.key] : null;
        citations = cleanCitations(data);
        if (store && typeof store === "object") {
          delete store[source.key]; // kept here only, cleaned
        }
        script.remove();
        document.documentElement.classList.add(LOADED);
        hideUnknown();
        resolve(citations);
      });
      script.addEventListener("error", () => {
        script.remove();
        loading = null;
        resolve(null);
      });
      document.head.appendChild(script);
    });
    return loading;
  };

  const entryFor = (key) =>
    citations && key && Object.prototype.hasOwnProperty.call(citations, key)
      ? citations[key]
      : null;

  /** "Paragraph 7 of the article" / "الفقرة 7", "Section 3 …", "The whole
   * article" for the dialog's subtitle. */
  const partName = (key) => {
    const match = /:([ps])(\d+)$/.exec(key);
    if (!match) {
      return TEXT.article;
    }
    return numbered(match[1] === "p" ? TEXT.paragraph : TEXT.section, match[2]);
  };

  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  };

  /* ---------------------------------------------------------------- copy */

  /** Copy through a hidden textarea (file://, older browsers). */
  const legacyCopy = (text, host) => {
    const area = el("textarea", {
      readonly: "",
      "aria-hidden": "true",
      tabindex: "-1",
      class: "briefing-cite-clipboard",
    });
    area.value = text;
    // Inside the modal dialog: the rest of the page is inert while it is open.
    host.appendChild(area);
    const active = document.activeElement;
    area.focus({ preventScroll: true });
    area.select();
    area.setSelectionRange(0, text.length);
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    area.remove();
    if (active && typeof active.focus === "function") {
      active.focus({ preventScroll: true });
    }
    return ok;
  };

  const copyText = async (text, host) => {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (error) {
        // Denied or unavailable (file://, no permission): try the old way.
      }
    }
    return legacyCopy(text, host);
  };

  const announce = (message, duration) => {
    const status = parts.status;
    window.clearTimeout(statusTimer);
    status.textContent = "";
    // Set in a later task, so a repeated message is spoken again.
    statusTimer = window.setTimeout(() => {
      status.textContent = message;
      statusTimer = window.setTimeout(() => {
        status.textContent = "";
      }, duration);
    }, 50);
  };

  const resetCopyButton = (button) => {
    window.clearTimeout(copyTimers.get(button));
    copyTimers.delete(button);
    button.textContent = TEXT.copy;
    button.classList.remove("is-copied");
  };

  const onCopy = async (button) => {
    const style = button.getAttribute("data-style");
    const block = parts.blocks.get(style);
    const text = shown && style ? shown[style] : undefined;
    if (!block || typeof text !== "string") {
      return;
    }
    const ok = await copyText(text, dialog);
    if (!ok) {
      announce(TEXT.copyFailed, FAILED_FOR_MS);
      // Select the text so the reader can copy it by hand.
      const range = document.createRange();
      range.selectNodeContents(block.pre);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    announce(TEXT.copied, COPIED_FOR_MS);
    resetCopyButton(button);
    button.textContent = TEXT.copied;
    button.classList.add("is-copied");
    copyTimers.set(
      button,
      window.setTimeout(() => resetCopyButton(button), COPIED_FOR_MS),
    );
  };

  /* -------------------------------------------------------------- dialog */

  const pageDir = () => (document.documentElement.dir === "ltr" ? "ltr" : "rtl");

  /** Close the dialog and, in the same task, give the focus back to the
   * button that opened it. Safe to call when it is already closed (the
   * close event of a close made elsewhere). */
  const closeDialog = () => {
    if (!dialog) {
      return;
    }
    const back = opener;
    opener = null;
    window.clearTimeout(statusTimer);
    parts.status.textContent = "";
    if (dialog.open) {
      dialog.close();
    }
    if (back && back.isConnected && !back.hidden) {
      back.focus({ preventScroll: true });
    }
  };

  /** The dialog's tab stops, in order: visible, enabled, not tabindex=-1. */
  const tabStops = () =>
    Array.from(
      dialog.querySelectorAll("button, [href], input, select, textarea, [tabindex]"),
    ).filter(
      (node) =>
        node.tabIndex >= 0 &&
        !node.disabled &&
        !node.closest("[hidden], [inert]") &&
        node.getClientRects().length > 0,
    );

  /** While the dialog is open: Escape closes it whatever has the focus
   * (sphinx_highlight.js calls preventDefault() on every Escape, which
   * would stop the dialog's own cancel), and Tab / Shift+Tab cycle through
   * its tab stops, never out of it (after the last one the browser would
   * move the focus to the page's body or its own toolbar, where Escape no
   * longer reaches the dialog). Listened to on the document, in the
   * capture phase, so it holds wherever the focus is. */
  const onKeydown = (event) => {
    if (!dialog || !dialog.open || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      closeDialog();
      return;
    }
    if (event.key !== "Tab") {
      return;
    }
    event.preventDefault();
    const stops = tabStops();
    if (!stops.length) {
      return;
    }
    const at = stops.indexOf(document.activeElement);
    let next = 0;
    if (at === -1) {
      next = event.shiftKey ? stops.length - 1 : 0;
    } else {
      next = (at + (event.shiftKey ? stops.length - 1 : 1)) % stops.length;
    }
    stops[next].focus();
  };

  const build = () => {
    TEXT = loadLabels();
    const d = el("dialog", {
      class: "briefing-cite-dialog",
      "aria-labelledby": "briefing-cite-title",
      "aria-describedby": "briefing-cite-subject",
      dir: pageDir(),
    });
    const header = el("div", { class: "briefing-cite-header" });
    const titles = el("div", { class: "briefing-cite-titles" });
    titles.appendChild(el("h2", { id: "briefing-cite-title" }, TEXT.heading));
    const subject = el("p", { id: "briefing-cite-subject", class: "briefing-cite-subject" });
    titles.appendChild(subject);
    header.appendChild(titles);
    const close = el("button", {
      type: "button",
      class: "briefing-cite-close",
      "aria-label": TEXT.close,
      title: TEXT.close,
    });
    close.appendChild(el("span", { "aria-hidden": "true" }, "×"));
    header.appendChild(close);
    d.appendChild(header);

    const list = el("div", { class: "briefing-cite-styles" });
    const blocks = new Map();
    STYLES.forEach(({ key, label, code }) => {
      const labelId = `briefing-cite-label-${key}`;
      const copyId = `briefing-cite-copy-${key}`;
      const block = el("div", {
        class: `briefing-cite-style briefing-cite-style-${key}`,
        role: "group",
        "aria-labelledby": labelId,
      });
      const head = el("div", { class: "briefing-cite-style-head" });
      head.appendChild(el("h3", { id: labelId, lang: "en", dir: "ltr" }, label));
      const copy = el(
        "button",
        {
          type: "button",
          id: copyId,
          class: "briefing-cite-copy",
          "data-style": key,
          // "نسخ Chicago": one name per button for screen readers.
          "aria-labelledby": `${copyId} ${labelId}`,
        },
        TEXT.copy,
      );
      head.appendChild(copy);
      block.appendChild(head);
      const pre = el("pre", {
        class: "briefing-cite-text",
        "data-style": key,
        // Left to right in every edition: see the top of this file.
        dir: "ltr",
        // Focusable: it may scroll, and the keyboard can select in it.
        tabindex: "0",
      });
      if (code) {
        pre.classList.add("briefing-cite-code");
        pre.setAttribute("translate", "no");
      }
      block.appendChild(pre);
      list.appendChild(block);
      blocks.set(key, { block, pre, copy });
    });
    d.appendChild(list);

    const status = el("p", {
      class: "briefing-cite-status",
      role: "status",
      "aria-live": "polite",
      "aria-atomic": "true",
    });
    d.appendChild(status);

    close.addEventListener("click", closeDialog);
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button.briefing-cite-copy");
      if (button) {
        onCopy(button);
      }
    });
    document.addEventListener("keydown", onKeydown, true);
    // The browser's own close request (Escape when nothing stopped it, a
    // phone's back gesture): close it ourselves, focus included.
    d.addEventListener("cancel", (event) => {
      event.preventDefault();
      closeDialog();
    });
    // A click on the ::backdrop (outside the card) closes the dialog.
    d.addEventListener("click", (event) => {
      if (event.target !== d) {
        return;
      }
      const r = d.getBoundingClientRect();
      if (
        event.clientX < r.left ||
        event.clientX > r.right ||
        event.clientY < r.top ||
        event.clientY > r.bottom
      ) {
        closeDialog();
      }
    });
    // Closed some other way (another script's d.close(), a form): this
    // event comes a task later, so tidy up and return the focus now. A
    // close of ours has already done so (opener is null), and the dialog
    // may have been opened again since.
    d.addEventListener("close", () => {
      if (!d.open && opener) {
        closeDialog();
      }
    });

    document.body.appendChild(d);
    parts = { subject, blocks, status };
    return d;
  };

  /** Open the panel for ``button``: at once when the citations are here,
   * else when they come (for the last button activated meanwhile). */
  const activate = (button) => {
    if (citations) {
      open(button);
      return;
    }
    waiting = button;
    loadCitations().then((found) => {
      if (found && waiting === button && button.isConnected && !button.hidden) {
        waiting = null;
        open(button);
      }
    });
  };

  const open = (button) => {
    const key = button.getAttribute("data-cite") || "";
    const entry = entryFor(key);
    if (!entry) {
      return;
    }
    if (!dialog) {
      dialog = build();
    }
    if (dialog.open) {
      closeDialog();
    }
    parts.subject.textContent = partName(key);
    let first = null;
    shown = entry;
    parts.blocks.forEach(({ block, pre, copy }, style) => {
      const text = entry[style];
      block.hidden = !text;
      pre.textContent = text || "";
      resetCopyButton(copy);
      if (text && !first) {
        first = copy;
      }
    });
    window.clearTimeout(statusTimer);
    parts.status.textContent = "";
    opener = button;
    // The browser returns the focus to what had it when the dialog opened,
    // synchronously, even when another script closes the dialog: make that
    // the button (a click does not focus it in Safari).
    if (document.activeElement !== button) {
      button.focus({ preventScroll: true });
    }
    dialog.showModal();
    const list = dialog.querySelector(".briefing-cite-styles");
    list.scrollTop = 0;
    if (first) {
      first.focus();
    }
  };

  const init = () => {
    const buttons = document.querySelectorAll(BUTTON);
    if (!buttons.length) {
      return;
    }
    if (typeof HTMLDialogElement !== "function" || !readSource()) {
      return; // no <dialog>, or no citations: leave the buttons hidden (see cite.css)
    }
    buttons.forEach((button) => {
      if (!button.getAttribute("data-cite") || button.closest("a")) {
        // Nothing to show for it, or a copy of a heading inside a TOC link.
        button.hidden = true;
      }
    });
    document.documentElement.classList.add(READY);
    // Fetch the citations as soon as a button is about to be used.
    const prefetch = (event) => {
      if (event.target.closest && event.target.closest(BUTTON)) {
        loadCitations();
      }
    };
    document.addEventListener("pointerover", prefetch, { passive: true });
    document.addEventListener("focusin", prefetch);
    // Escape before the citations came: the reader changed their mind, open nothing.
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Escape") {
          waiting = null;
        }
      },
      true,
    );
    document.addEventListener("click", (event) => {
      const button = event.target.closest && event.target.closest(BUTTON);
      if (button && !button.hidden) {
        event.preventDefault();
        activate(button);
      }
    });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
