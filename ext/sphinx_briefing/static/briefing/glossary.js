"use strict";

/*
 * glossary.js: keeps the preview cards of glossary mentions usable.
 *
 * Each entry's card is written once per page, in
 * <template id="briefing-card-ID"> at the end of the body (html/cards.py);
 * a mention names it in data-briefing-card. When the pointer or the
 * keyboard focus first reaches a mention, this script copies the card
 * (span.briefing-preview) into the link; from then on glossary.css shows it
 * below the link on hover and keyboard focus, at the link's inline-start
 * edge. CSS alone cannot keep it on screen: a name near the inline-end edge
 * of a line (the left in RTL) would push the card past the edge of a phone.
 * When a card opens, this script
 *   - shifts it sideways (--briefing-preview-shift) to stay inside the
 *     viewport, and opens it above the link when there is no room below;
 *   - lets Escape close it without moving the pointer or the focus
 *     (WCAG 1.4.13), until the pointer or the focus leaves the link;
 *   - holds back the link's title while the pointer is on it, so the
 *     browser's own tooltip does not cover the card (the title stays for
 *     keyboard and assistive technology users).
 */
(() => {
  const MENTION = "a.briefing-mention";
  const MARGIN = 8; // px kept free between the card and the viewport edge
  const ABOVE = "briefing-preview-above";
  const DISMISSED = "briefing-preview-dismissed";
  const SHIFT = "--briefing-preview-shift";

  const CARD_PREFIX = "briefing-card-";

  const cardOf = (link) => link.querySelector(":scope > .briefing-preview");

  /** The link's card: already in it, or copied from the page's template. */
  const attach = (link) => {
    const card = cardOf(link);
    if (card || !link.dataset.briefingCard) {
      return card;
    }
    const template = document.getElementById(CARD_PREFIX + link.dataset.briefingCard);
    const content = template && template.content && template.content.firstElementChild;
    return content ? link.appendChild(content.cloneNode(true)) : null;
  };

  const place = (link) => {
    const card = cardOf(link);
    if (!card) {
      return;
    }
    card.style.removeProperty(SHIFT);
    link.classList.remove(ABOVE);
    let box = card.getBoundingClientRect();
    if (!box.width) {
      return; // not open
    }
    const viewWidth = document.documentElement.clientWidth;
    const viewHeight = window.innerHeight;
    // Below the link, unless it would leave the viewport and there is
    // room above (or at least more room above than below).
    if (box.bottom > viewHeight - MARGIN) {
      const linkBox = link.getBoundingClientRect();
      const needed = box.bottom - linkBox.bottom;
      const roomAbove = linkBox.top - MARGIN;
      const roomBelow = viewHeight - MARGIN - linkBox.bottom;
      if (roomAbove >= needed || roomAbove > roomBelow) {
        link.classList.add(ABOVE);
        box = card.getBoundingClientRect();
      }
    }
    let shift = 0;
    if (box.left < MARGIN) {
      shift = MARGIN - box.left;
    } else if (box.right > viewWidth - MARGIN) {
      shift = Math.max(viewWidth - MARGIN - box.right, MARGIN - box.left);
    }
    if (shift) {
      card.style.setProperty(SHIFT, `${Math.round(shift)}px`);
    }
  };

  // Place now (the :hover / :focus state already applies) and once more
  // before the next paint, in case the browser updates it later.
  const open = (link) => {
    attach(link);
    place(link);
    window.requestAnimationFrame(() => place(link));
  };

  /** The mention the pointer or focus moves into or out of (not between its parts). */
  const crossing = (event) => {
    const link = event.target.closest && event.target.closest(MENTION);
    if (!link || (event.relatedTarget && link.contains(event.relatedTarget))) {
      return null;
    }
    return link;
  };

  const holdTitle = (link) => {
    const title = link.getAttribute("title");
    if (title) {
      link.dataset.briefingTitle = title;
      link.removeAttribute("title");
    }
  };

  const restoreTitle = (link) => {
    if (link.dataset.briefingTitle !== undefined) {
      link.setAttribute("title", link.dataset.briefingTitle);
      delete link.dataset.briefingTitle;
    }
  };

  document.addEventListener("pointerover", (event) => {
    const link = crossing(event);
    if (link) {
      link.classList.remove(DISMISSED);
      holdTitle(link);
      open(link);
    }
  });

  document.addEventListener("pointerout", (event) => {
    const link = crossing(event);
    if (link) {
      link.classList.remove(DISMISSED);
      restoreTitle(link);
    }
  });

  document.addEventListener("focusin", (event) => {
    const link = crossing(event);
    if (link) {
      link.classList.remove(DISMISSED);
      open(link);
    }
  });

  document.addEventListener("focusout", (event) => {
    const link = crossing(event);
    if (link) {
      link.classList.remove(DISMISSED);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll(MENTION).forEach((link) => {
      if (link.matches(":hover, :focus-visible")) {
        link.classList.add(DISMISSED);
      }
    });
  });

  // The page scrolled or was resized under an open card: place it again.
  const reopen = () => {
    document.querySelectorAll(`${MENTION}:hover, ${MENTION}:focus-visible`).forEach(place);
  };
  window.addEventListener("resize", reopen, { passive: true });
  window.addEventListener("scroll", reopen, { passive: true });
})();
