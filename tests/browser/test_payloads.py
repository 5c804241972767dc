"""Hostile input runs nowhere: script, handler, quote-break, URL, Jinja, Typst and bidi payloads
in every field an author or a pasted web page can fill, built into HTML and PDF and opened in
Chromium with dialog and console listeners on every page, the search page (payloads as
queries) and the Cite panel."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sphinx.testing.util import SphinxTestApp

from tests.helpers import BuildFn, serve, warnings_of

#: Each payload sets ``window.__pwned`` and opens a dialog if it ever runs.
MARKUP = [
    "<script>window.__pwned='script';alert('script')</script>",
    "<img src=x onerror=\"window.__pwned='img';alert('img')\">",
    "\"><svg onload=\"window.__pwned='svg';alert('svg')\">",
    "'><svg/onload=window.__pwned='svg2';alert('svg2')>",
    "</title><script>window.__pwned='title';alert('title')</script>",
    "{{ 7*7 }}{% raw %}",
    '#panic("typst") ] ) #let x = 1',
    "\u202eevil\u202c",
]
TEXT = " ".join(MARKUP)
URLS = [
    "javascript:window.__pwned='url';alert('url')",
    " JaVaScRiPt:alert('case')",
    "java\tscript:alert('tab')",
    "data:text/html,<script>alert('data')</script>",
    "vbscript:msgbox('vb')",
]

ARTICLE = (
    f"{MARKUP[0]} عنوان {MARKUP[2]}\n"
    "\n"
    f"وكالات – نص المقال {TEXT} وقال سيرغي لافروف كلامًا.\n"
    "\n"
    f"عنوان فرعي {MARKUP[1]}\n"
    "\n"
    f"فقرة ثانية {MARKUP[3]} {MARKUP[4]}.\n"
)


def toml(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04x}" for c in escaped) + '"'


def sidecar(url: str) -> str:
    return (
        "[article]\n"
        'slug = "payload"\n'
        f"headline = {toml(MARKUP[1] + ' ' + MARKUP[4])}\n"
        f"source = {toml(MARKUP[2])}\n"
        f"outlet = {toml(MARKUP[3])}\n"
        f"url = {toml(url)}\n"
    )


ENTRY = f"""id = "payload-entry"
type = "organization"

[names]
ar = {toml(MARKUP[0])}
en = {toml(MARKUP[2])}

[aliases]
ar = ["كلامًا"]

[description]
short_ar = {toml(MARKUP[1])}
short_en = {toml(MARKUP[3])}
long_ar = {toml(TEXT)}
long_en = {toml(TEXT)}

[[relations]]
type = "part-of"
target = "north-korea"
note_ar = {toml(MARKUP[4])}
note_en = {toml(MARKUP[0])}

[[sources]]
title = {toml(MARKUP[2])}
publisher = {toml(MARKUP[1])}
url = "javascript:window.__pwned='source';alert('source')"
"""


def po_catalogue() -> str:
    """A translation of the payload article's last paragraph that is itself a payload."""
    original = f"فقرة ثانية {MARKUP[3]} {MARKUP[4]}."

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f"msgid {quote(original)}\nmsgstr {quote(TEXT)}\n"
    )


def files() -> dict[str, bytes | str]:
    """The payload article with every hostile URL in its sidecar, one short article more per
    other URL, a payload glossary entry and a payload translation."""
    found: dict[str, bytes | str] = {
        "articles/payload.txt": ARTICLE,
        "articles/payload.meta.toml": sidecar(URLS[0]),
        "glossary/payload-entry.toml": ENTRY,
        "locales/en/LC_MESSAGES/articles.po": po_catalogue(),
    }
    for number, url in enumerate(URLS[1:], start=1):
        found[f"articles/payload-{number}.txt"] = f"خبر {number}\n\nوكالات – نص قصير عن لافروف.\n"
        found[f"articles/payload-{number}.meta.toml"] = (
            f'[article]\nslug = "payload-{number}"\nurl = {toml(url)}\n'
        )
    return found


@pytest.fixture(scope="module")
def hostile(built: BuildFn) -> SphinxTestApp:
    return built("seed", files=files())


@pytest.fixture(scope="module")
def hostile_site(hostile: SphinxTestApp) -> Iterator[tuple[Path, str]]:
    with serve(Path(hostile.outdir)) as url:
        yield Path(hostile.outdir), url


class Watch:
    """What a page did that it must not: dialogs opened, script errors, ``__pwned`` set."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]


def open_page(browser: Browser, url: str) -> tuple[Page, Watch]:
    page = browser.new_page()
    watch = Watch(page)
    page.goto(url, wait_until="load")
    return page, watch


def pwned(page: Page) -> object:
    return page.evaluate("() => window.__pwned ?? null")


def test_the_hostile_book_builds_and_warns_at_each_bad_url(hostile: SphinxTestApp) -> None:
    warnings = warnings_of(hostile)
    assert "Traceback" not in warnings
    for name in ["payload", *(f"payload-{n}" for n in range(1, len(URLS)))]:
        assert re.search(rf"{name}\.meta\.toml:\d+: WARNING: article\.url must be", warnings), name
    # The glossary entry keeps everything but its script address.
    assert re.search(r"payload-entry\.toml:\d+: WARNING: sources\.0\.url: .*left out", warnings)
    assert "payload-entry" in hostile.env.domaindata["briefing"]["entities"]


def test_no_page_runs_a_payload(browser: Browser, hostile_site: tuple[Path, str]) -> None:
    outdir, base = hostile_site
    pages = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html"))
    assert "articles/payload.html" in pages and len(pages) > 10
    for name in pages:
        page, watch = open_page(browser, base + name)
        # Hover cards and the Cite panel render on demand: show every card, open every panel.
        page.evaluate(
            "() => { document.querySelectorAll('template[id^=\"briefing-card-\"]')"
            ".forEach(t => document.body.append(t.content.cloneNode(true)));"
            " document.querySelectorAll('.briefing-preview, [hidden]')"
            ".forEach(e => { e.hidden = false; e.style.display = 'block'; }); }"
        )
        for button in page.locator("button.briefing-cite").all()[:3]:
            button.click()
            page.keyboard.press("Escape")
        page.wait_for_timeout(50)
        assert watch.dialogs == [], (name, watch.dialogs)
        assert pwned(page) is None, name
        page.close()


def test_no_link_to_a_script_url_is_written(hostile_site: tuple[Path, str]) -> None:
    outdir, _ = hostile_site
    bad = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*(?:javascript|vbscript|data):""", re.I)
    for path in outdir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not bad.search(html), path
        # Payload markup arrives as text, never as an element or attribute.
        assert "<svg onload" not in html and "<svg/onload" not in html, path
        assert "<img src=x" not in html, path
        assert "<script>window.__pwned" not in html, path


@pytest.mark.parametrize("query", [*MARKUP[:5], URLS[0]])
def test_payloads_as_search_queries_run_nothing(
    browser: Browser, hostile_site: tuple[Path, str], query: str
) -> None:
    _, base = hostile_site
    page, watch = open_page(browser, f"{base}search.html")
    page.goto(f"{base}search.html?q={_encode(query)}", wait_until="load")
    page.wait_for_function("() => document.querySelector('#search-results') !== null")
    page.wait_for_timeout(200)
    assert watch.dialogs == [] and pwned(page) is None
    page.close()


def _encode(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def test_the_pdf_has_no_script_link(built: BuildFn) -> None:
    app = built("seed", files=files(), buildername="briefing-pdf")
    pdf = (Path(app.outdir) / "briefing.pdf").read_bytes()
    assert b"javascript:" not in pdf.lower()
    assert b"/S /JavaScript" not in pdf and b"/JS " not in pdf
