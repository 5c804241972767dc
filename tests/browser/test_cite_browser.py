"""Browser tests of the Cite panel (cite.js, cite.css) against the real build of docs/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests import ui_strings
from tests.helpers import CITE_POINTER, BookSite, page_citations

pytestmark = pytest.mark.browser

ARTICLE = "articles/lavrov-wonsan.html"
KEY = "briefing:lavrov-wonsan:p7"
BUTTON = f'p#p7 > button.briefing-cite[data-cite="{KEY}"]'
SECTION_KEY = "briefing:lavrov-wonsan:s3"
SECTION_BUTTON = f'section#s3 h2 > button.briefing-cite[data-cite="{SECTION_KEY}"]'
DIALOG = "dialog.briefing-cite-dialog"
STYLES = ("chicago", "apa", "mla", "bibtex", "ris", "csl-json")
CODE_STYLES = ("bibtex", "ris", "csl-json")
PROSE_STYLES = ("chicago", "apa", "mla")
#: The assignment in a page's citation script (``_briefing/cite/<name>.js``).
CITE_ASSIGNMENT = re.compile(r'(window\.BRIEFING_CITATIONS\["[0-9a-f]{16}"\] = )(.*)(;\n)$', re.S)
LOADED = "document.documentElement.classList.contains('briefing-cite-loaded')"


def _context(browser: Browser, width: int = 1400, height: int = 900) -> BrowserContext:
    return browser.new_context(
        viewport={"width": width, "height": height},
        permissions=["clipboard-read", "clipboard-write"],
    )


def _watch_network(page: Page, site: BookSite) -> list[str]:
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith((site.url, "data:")) else outside.append(request.url)
        ),
    )
    return outside


@pytest.fixture
def page(browser: Browser, book_site: BookSite) -> Iterator[Page]:
    context = _context(browser)
    page = context.new_page()
    outside = _watch_network(page, book_site)
    yield page
    context.close()
    assert outside == [], "the cite panel must work offline"


def _citations(site: BookSite) -> dict[str, dict[str, str]]:
    """The article's citations, as its citation script holds them (what the panel loads)."""
    return page_citations(site.outdir / ARTICLE)


def _load_citations(page: Page) -> None:
    """Let the panel fetch the citations (the pointer reaching a button does), and wait
    for them: after that a button opens the panel in the same task."""
    page.locator(BUTTON).hover()
    page.wait_for_function(LOADED)


def _headline(page: Page) -> str:
    return str(
        page.locator("article.bd-article h1").first.evaluate(
            "h => Array.from(h.childNodes).filter(n => n.nodeType === Node.TEXT_NODE)"
            ".map(n => n.textContent).join('').trim()"
        )
    )


def _active_is(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate("s => document.activeElement === document.querySelector(s)", selector)
    )


def _focus_in_dialog(page: Page) -> bool:
    return bool(
        page.evaluate(
            "s => document.querySelector(s).contains(document.activeElement)"
            " && document.activeElement !== document.querySelector(s)",
            DIALOG,
        )
    )


def _dialog_open(page: Page) -> bool:
    return bool(
        page.evaluate(
            "s => { const d = document.querySelector(s); return Boolean(d && d.open"
            " && d.matches(':modal')); }",
            DIALOG,
        )
    )


def _shown_text(page: Page, style: str) -> str:
    return str(page.locator(f"{DIALOG} pre[data-style='{style}']").evaluate("e => e.textContent"))


def _open_by_keyboard(page: Page) -> None:
    """Tab from the paragraph number to its cite button and press Enter."""
    page.locator("p#p7 > a.briefing-pnum").focus()
    page.keyboard.press("Tab")
    assert _active_is(page, BUTTON)
    page.keyboard.press("Enter")
    page.locator(DIALOG).wait_for(state="visible")


def test_cite_buttons_are_ready(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    assert page.evaluate("document.documentElement.classList.contains('briefing-cite-ready')")
    data = _citations(book_site)
    buttons = page.locator(
        "section.briefing-article p.briefing-para > button.briefing-cite,"
        " section.briefing-article h2 > button.briefing-cite"
    )
    assert buttons.count() == 12 + 7  # every paragraph and every section heading
    for key in buttons.evaluate_all("bs => bs.map(b => b.dataset.cite)"):
        assert key in data
    # Copies of the headings in the tables of contents keep no button (no stray tab stop).
    in_links = page.locator("a button.briefing-cite")
    for i in range(in_links.count()):
        assert in_links.nth(i).is_hidden()
    # Only one panel, built on demand.
    assert page.locator(DIALOG).count() == 0


def test_keyboard_opens_the_panel_with_the_embedded_citations(
    page: Page, book_site: BookSite
) -> None:
    page.goto(book_site.url + ARTICLE)
    data = _citations(book_site)[KEY]
    headline = _headline(page)
    assert headline

    page.locator("p#p7 > a.briefing-pnum").focus()
    page.keyboard.press("Tab")
    assert _active_is(page, BUTTON)
    # A focused cite button is always visible, with a focus ring.
    page.wait_for_function(
        "s => getComputedStyle(document.querySelector(s)).opacity === '1'", arg=BUTTON
    )
    assert page.locator(BUTTON).evaluate("b => getComputedStyle(b).outlineStyle") != "none"

    page.keyboard.press("Enter")
    page.locator(DIALOG).wait_for(state="visible")
    assert _dialog_open(page)
    assert _focus_in_dialog(page)

    dialog = page.locator(DIALOG)
    heading_id = dialog.get_attribute("aria-labelledby")
    assert heading_id
    heading = page.locator(f"#{heading_id}")
    assert heading.inner_text().strip() == "استشهد بهذا الجزء"
    assert dialog.locator("button.briefing-cite-close").get_attribute("aria-label") == "إغلاق"

    chicago = _shown_text(page, "chicago")
    assert chicago == data["chicago"]
    assert headline in chicago
    assert "¶7" in chicago
    for style in STYLES:
        pre = dialog.locator(f"pre[data-style='{style}']")
        assert _shown_text(page, style) == data[style]
        # Every style is a Latin-script format: left to right, in the Arabic book too.
        assert pre.get_attribute("dir") == "ltr"
        assert pre.is_visible()
    assert _shown_text(page, "bibtex").startswith("@incollection{briefing:lavrov-wonsan:p7")
    copies = dialog.locator("button.briefing-cite-copy")
    assert copies.count() == len(STYLES)
    assert [copies.nth(i).inner_text().strip() for i in range(len(STYLES))] == ["نسخ"] * len(STYLES)
    # Each copy button is named after its style for screen readers ("نسخ BibTeX").
    for i, style in enumerate(STYLES):
        label_ids = (copies.nth(i).get_attribute("aria-labelledby") or "").split()
        names = [page.locator(f"#{ident}").inner_text().strip() for ident in label_ids]
        assert names[0] == "نسخ" and names[-1].lower().replace("-", "") == style.replace("-", "")


def test_panel_interface_speaks_arabic(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    _open_by_keyboard(page)
    # Everything except the citations themselves and the style names (proper names).
    texts = page.evaluate(
        """s => {
          const d = document.querySelector(s);
          const out = [];
          const walk = (node) => {
            if (node.nodeType === Node.TEXT_NODE) {
              if (node.textContent.trim()) out.push(node.textContent.trim());
              return;
            }
            if (node.matches('pre, h3')) return;
            for (const name of ['aria-label', 'title']) {
              if (node.getAttribute(name)) out.push(node.getAttribute(name));
            }
            node.childNodes.forEach(walk);
          };
          walk(d);
          return out;
        }""",
        DIALOG,
    )
    assert texts
    for text in texts:
        assert not ui_strings.LATIN_WORD.search(text), text
    assert any(ui_strings.ARABIC.search(text) for text in texts)


def test_copy_puts_exactly_the_text_on_the_clipboard(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    data = _citations(book_site)[KEY]
    page.locator(BUTTON).click()
    page.locator(DIALOG).wait_for(state="visible")
    status = page.locator(f"{DIALOG} [role='status']")
    assert status.get_attribute("aria-live") == "polite"
    for style in ("bibtex", "chicago"):
        page.evaluate("navigator.clipboard.writeText('-')")
        button = page.locator(f"{DIALOG} button.briefing-cite-copy[data-style='{style}']")
        button.click()
        page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== '-')")
        assert page.evaluate("navigator.clipboard.readText()") == data[style]
        page.wait_for_function(
            "s => document.querySelector(s).textContent.trim() === 'تم النسخ'",
            arg=f"{DIALOG} [role='status']",
        )
        assert button.inner_text().strip() == "تم النسخ"
    # The confirmation is brief.
    page.wait_for_function(
        "s => document.querySelector(s).textContent.trim() === ''",
        arg=f"{DIALOG} [role='status']",
        timeout=5000,
    )
    assert _dialog_open(page)


def test_copy_falls_back_without_the_clipboard_api(page: Page, book_site: BookSite) -> None:
    """As on file://, where writeText may be missing or refused: a hidden textarea."""
    page.add_init_script(
        "window.__writeText = Clipboard.prototype.writeText;"
        "Clipboard.prototype.writeText = () =>"
        " Promise.reject(new DOMException('refused', 'NotAllowedError'));"
    )
    page.goto(book_site.url + ARTICLE)
    data = _citations(book_site)[KEY]
    page.evaluate("window.__writeText.call(navigator.clipboard, '-')")
    page.locator(BUTTON).click()
    button = page.locator(f"{DIALOG} button.briefing-cite-copy[data-style='ris']")
    button.click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== '-')")
    assert page.evaluate("navigator.clipboard.readText()") == data["ris"]
    assert button.inner_text().strip() == "تم النسخ"
    # The helper textarea is gone and the focus stayed on the copy button.
    assert page.locator("textarea.briefing-cite-clipboard").count() == 0
    assert page.evaluate("document.activeElement.dataset.style") == "ris"


def test_escape_closes_and_focus_returns(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    _open_by_keyboard(page)
    # From the citation text itself: sphinx_highlight.js swallows Escape outside controls.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('pre[data-style=\"chicago\"]')")
    page.keyboard.press("Escape")
    page.locator(DIALOG).wait_for(state="hidden")
    assert not _dialog_open(page)
    expect(page.locator(BUTTON)).to_be_focused()

    # Opened without focusing the button (Safari does not focus buttons on click).
    page.evaluate("document.activeElement.blur()")
    page.locator(BUTTON).dispatch_event("click")
    page.locator(DIALOG).wait_for(state="visible")
    assert _focus_in_dialog(page)
    page.keyboard.press("Escape")
    page.locator(DIALOG).wait_for(state="hidden")
    expect(page.locator(BUTTON)).to_be_focused()

    # The close button does the same; the panel is shared and reused.
    page.locator(SECTION_BUTTON).click()
    page.locator(DIALOG).wait_for(state="visible")
    assert page.locator(DIALOG).count() == 1
    assert _shown_text(page, "chicago") == _citations(book_site)[SECTION_KEY]["chicago"]
    assert "§3" in _shown_text(page, "chicago")
    page.locator(f"{DIALOG} button.briefing-cite-close").click()
    page.locator(DIALOG).wait_for(state="hidden")
    expect(page.locator(SECTION_BUTTON)).to_be_focused()


@pytest.mark.parametrize(
    "how",
    [
        "d.querySelector('pre').dispatchEvent(new KeyboardEvent('keydown',"
        " {key: 'Escape', bubbles: true, cancelable: true}))",
        "d.dispatchEvent(new Event('cancel', {cancelable: true}))",
        "d.querySelector('button.briefing-cite-close').click()",
        "d.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 1, clientY: 1}))",
        "d.close()",
    ],
    ids=["escape", "cancel", "close-button", "backdrop", "programmatic"],
)
def test_focus_returns_in_the_same_task_as_the_close(
    page: Page, book_site: BookSite, how: str
) -> None:
    """Whatever closes the panel, the opener has the focus before any other task runs (the
    focus used to come back only in the close event, a task later, so a check could see the
    panel closed and the focus lost)."""
    page.goto(book_site.url + ARTICLE)
    _load_citations(page)
    page.evaluate("document.activeElement.blur()")
    state = page.evaluate(
        f"""([s, b]) => {{
          const opener = document.querySelector(b);
          opener.dispatchEvent(new MouseEvent('click', {{bubbles: true, cancelable: true}}));
          const d = document.querySelector(s);
          const wasOpen = d.open && d.contains(document.activeElement);
          {how};
          return {{wasOpen, open: d.open, back: document.activeElement === opener}};
        }}""",
        [DIALOG, BUTTON],
    )
    assert state == {"wasOpen": True, "open": False, "back": True}
    # The close event, a task later, changes nothing.
    expect(page.locator(BUTTON)).to_be_focused()
    assert not _dialog_open(page)


def _focus_name(page: Page) -> str:
    """Which element of the panel has the focus: "close", "copy:<style>" or "text:<style>"
    (or "OUT:<tag>" when the focus has left the panel)."""
    return str(
        page.evaluate(
            """s => {
              const d = document.querySelector(s);
              const a = document.activeElement;
              if (!a || a === d || !d.contains(a)) return 'OUT:' + (a ? a.tagName : 'null');
              if (a.matches('button.briefing-cite-close')) return 'close';
              if (a.matches('button.briefing-cite-copy')) return 'copy:' + a.dataset.style;
              if (a.matches('pre.briefing-cite-text')) return 'text:' + a.dataset.style;
              return 'other:' + a.tagName;
            }""",
            DIALOG,
        )
    )


def test_tab_stays_in_the_panel_and_escape_always_closes(page: Page, book_site: BookSite) -> None:
    """Issue #20: after twelve Tab presses the focus left the panel, and Escape no longer
    closed it. Tab and Shift+Tab cycle through the panel's tab stops, in order."""
    page.goto(book_site.url + ARTICLE)
    _open_by_keyboard(page)
    stops = ["close"] + [f"{kind}:{style}" for style in STYLES for kind in ("copy", "text")]
    start = stops.index("copy:chicago")
    assert _focus_name(page) == stops[start]
    for i in range(1, 31):
        page.keyboard.press("Tab")
        assert _focus_in_dialog(page), (i, _focus_name(page))
        assert _focus_name(page) == stops[(start + i) % len(stops)], i
    for i in range(29, -1, -1):
        page.keyboard.press("Shift+Tab")
        assert _focus_in_dialog(page), (i, _focus_name(page))
        assert _focus_name(page) == stops[(start + i) % len(stops)], i
    assert _dialog_open(page)
    page.keyboard.press("Escape")
    page.locator(DIALOG).wait_for(state="hidden")
    assert not _dialog_open(page)
    expect(page.locator(BUTTON)).to_be_focused()

    # Escape closes it from every tab stop, the close button and the code blocks included.
    for stop in ("close", "text:bibtex", "copy:csl-json", "text:csl-json"):
        page.locator(BUTTON).click()
        page.locator(DIALOG).wait_for(state="visible")
        while _focus_name(page) != stop:
            page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        page.locator(DIALOG).wait_for(state="hidden")
        expect(page.locator(BUTTON)).to_be_focused()


def _reading_order_breaks(page: Page, style: str) -> list[str]:
    """The Latin words of a shown citation that the eye meets out of the order in which they
    are copied (reading left to right, line by line): none when the panel shows what the copy
    button copies. Arabic runs inside the line are read right to left, as in any text."""
    boxes: list[dict[str, Any]] = page.locator(f"{DIALOG} pre[data-style='{style}']").evaluate(
        """pre => {
          const node = pre.firstChild;
          const out = [];
          for (const m of node.textContent.matchAll(/[A-Za-z]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const rects = Array.from(range.getClientRects());
            const first = rects[0];
            const last = rects[rects.length - 1];
            out.push({word: m[0], top: first.top, left: first.left,
                      endTop: last.top, right: last.right});
          }
          return out;
        }"""
    )
    assert len(boxes) >= 3, style
    breaks = []
    for before, after in pairwise(boxes):
        same_line = abs(after["top"] - before["endTop"]) < 2
        if same_line and after["left"] < before["right"] - 0.5:
            breaks.append(f"{before['word']} > {after['word']}")
        elif not same_line and after["top"] < before["endTop"]:
            breaks.append(f"{before['word']} ^ {after['word']}")
    return breaks


def test_citations_read_left_to_right_as_copied(page: Page, book_site: BookSite) -> None:
    """Issue #20: the Arabic book showed its Latin-script citations right to left (by their
    first letter, an Arabic name), so their parts stood in another order than in the copied
    text. Every style is shown left to right, and what is shown is what is copied."""
    page.goto(book_site.url + ARTICLE)
    data = _citations(book_site)[KEY]
    assert ui_strings.ARABIC.match(data["chicago"])  # starts with an Arabic author's name
    page.locator(BUTTON).click()
    page.locator(DIALOG).wait_for(state="visible")
    assert page.locator(DIALOG).evaluate("d => getComputedStyle(d).direction") == "rtl"
    for style in STYLES:
        pre = page.locator(f"{DIALOG} pre[data-style='{style}']")
        assert pre.evaluate("e => getComputedStyle(e).direction") == "ltr", style
        assert pre.evaluate("e => getComputedStyle(e).unicodeBidi") != "plaintext", style
        assert _reading_order_breaks(page, style) == [], style
    for style in (*PROSE_STYLES, "ris"):
        page.evaluate("navigator.clipboard.writeText('-')")
        page.locator(f"{DIALOG} button.briefing-cite-copy[data-style='{style}']").click()
        page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== '-')")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == data[style]
        assert _shown_text(page, style) == copied


def test_cite_buttons_sit_beside_the_numbers(page: Page, book_site: BookSite) -> None:
    page.goto(book_site.url + ARTICLE)
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('p.briefing-para')).map(p => {
          const r = (e) => { const b = e.getBoundingClientRect();
            return {x: b.left, y: b.top, w: b.width, h: b.height}; };
          const text = document.createRange();
          text.setStartAfter(p.querySelector(':scope > button.briefing-cite'));
          text.setEnd(p, p.childNodes.length);
          return {id: p.id, para: r(p), text: r(text),
                  num: r(p.querySelector(':scope > a.briefing-pnum')),
                  cite: r(p.querySelector(':scope > button.briefing-cite'))};
        })"""
    )
    assert len(boxes) == 12

    def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
        return (
            a["x"] < b["x"] + b["w"] - 0.5
            and b["x"] < a["x"] + a["w"] - 0.5
            and a["y"] < b["y"] + b["h"] - 0.5
            and b["y"] < a["y"] + a["h"] - 0.5
        )

    sidebar = page.locator("#pst-primary-sidebar").bounding_box()
    assert sidebar is not None
    all_numbers = [b["num"] for b in boxes]
    for b in boxes:
        cite, num = b["cite"], b["num"]
        assert not overlap(cite, b["text"]), b["id"]
        assert not any(overlap(cite, n) for n in all_numbers), b["id"]
        # RTL margin: the button is outside the number, to its right, on the same line.
        assert cite["x"] >= num["x"] + num["w"], b["id"]
        assert abs((cite["y"] + cite["h"] / 2) - (num["y"] + num["h"] / 2)) < 4, b["id"]
        assert cite["x"] + cite["w"] <= sidebar["x"], b["id"]  # clear of the navigation


def test_panel_fits_a_phone(browser: Browser, book_site: BookSite) -> None:
    context = _context(browser, 400, 800)
    page = context.new_page()
    outside = _watch_network(page, book_site)
    page.goto(book_site.url + ARTICLE)
    cite = page.locator(BUTTON).bounding_box()
    num = page.locator("p#p7 > a.briefing-pnum").bounding_box()
    assert cite is not None and num is not None
    assert cite["x"] >= 0 and cite["x"] + cite["width"] <= 400
    assert cite["x"] + cite["width"] <= num["x"]  # inline, after the number (RTL)
    page.locator(BUTTON).click()
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible")
    box = dialog.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 400
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    # Citations wrap: no sideways scrolling inside the card.
    for style in STYLES:
        pre = dialog.locator(f"pre[data-style='{style}']")
        assert pre.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), style
    # The last copy button can be reached by scrolling the card.
    last = dialog.locator("button.briefing-cite-copy[data-style='csl-json']")
    last.scroll_into_view_if_needed()
    last_box = last.bounding_box()
    assert last_box is not None and 0 <= last_box["y"] <= 800 - last_box["height"]
    context.close()
    assert outside == []


def test_citations_are_not_in_the_page_and_load_on_demand(page: Page, book_site: BookSite) -> None:
    """The page names its citation script and carries none of the citations (an article of
    thousands of paragraphs made pages of megabytes); the panel loads the script on first
    use, once, and leaves no element behind."""
    html = (book_site.outdir / ARTICLE).read_text(encoding="utf-8")
    assert "briefing-citations" not in html and "@incollection" not in html
    (pointer,) = CITE_POINTER.findall(html)
    assert "</" not in pointer and "<!--" not in pointer
    src = json.loads(pointer)["src"]
    assert re.fullmatch(r"\.\./_briefing/cite/[0-9a-f]{16}\.js", src), src

    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if "/_briefing/cite/" in r.url else None)
    page.goto(book_site.url + ARTICLE)
    scripts = page.evaluate("document.querySelectorAll('script').length")
    assert page.evaluate("document.documentElement.classList.contains('briefing-cite-ready')")
    assert loads == [] and not page.evaluate(LOADED)
    page.locator(BUTTON).click()  # the first use loads them, then opens the panel
    page.locator(DIALOG).wait_for(state="visible")
    assert _shown_text(page, "chicago") == _citations(book_site)[KEY]["chicago"]
    assert loads == [book_site.url + src.removeprefix("../")]
    assert page.evaluate("document.querySelectorAll('script').length") == scripts
    assert page.locator(f"{DIALOG} script, {DIALOG} img, {DIALOG} iframe, {DIALOG} a").count() == 0
    page.keyboard.press("Escape")
    page.locator(SECTION_BUTTON).click()
    page.locator(DIALOG).wait_for(state="visible")
    assert len(loads) == 1


def test_the_panel_works_from_file(browser: Browser, book_site: BookSite) -> None:
    """Opened from disk (file://), the citation script loads all the same."""
    context = _context(browser)
    page = context.new_page()
    page.goto((book_site.outdir / ARTICLE).as_uri())
    page.locator(BUTTON).click()
    page.locator(DIALOG).wait_for(state="visible")
    assert _shown_text(page, "ris") == _citations(book_site)[KEY]["ris"]
    context.close()


def test_hostile_citation_text_stays_text(page: Page, book_site: BookSite) -> None:
    """Markup inside the data is shown as text, never parsed."""
    payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'

    def tamper(route: Route) -> None:
        response = route.fetch()
        body = response.text()
        match = CITE_ASSIGNMENT.search(body)
        assert match is not None
        data: dict[str, Any] = json.loads(match.group(2))
        chicago = data["styles"].index("chicago") + 1
        for row in data["items"]:
            if row[0] == KEY:
                row[chicago] = payload
        proto = ["__proto__"] + [""] * len(data["styles"])
        proto[chicago] = payload
        data["items"].append(proto)
        text = json.dumps(data, ensure_ascii=False)
        body = body[: match.start(2)] + text + body[match.end(2) :]
        route.fulfill(response=response, body=body)

    page.route("**/_briefing/cite/*.js", tamper)
    page.goto(book_site.url + ARTICLE)
    _load_citations(page)
    scripts = page.evaluate("document.querySelectorAll('script').length")
    page.locator(BUTTON).click()
    page.locator(DIALOG).wait_for(state="visible")
    assert _shown_text(page, "chicago") == payload
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(f"{DIALOG} img, {DIALOG} script").count() == 0
    assert page.evaluate("document.querySelectorAll('script').length") == scripts
    assert page.evaluate("({}).chicago") is None
