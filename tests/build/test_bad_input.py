"""Bad article input: a clear warning at file:line, never a traceback, never lost text."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tests.helpers import BuildFn, warnings_of

GOOD = "عنوان الخبر\nوكالات – نص الخبر الأول.\n"


def page_of(app: SphinxTestApp, name: str) -> BeautifulSoup:
    html = (app.outdir / "articles" / f"{name}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def warning_lines(app: SphinxTestApp) -> list[str]:
    return [line for line in warnings_of(app).splitlines() if "WARNING" in line]


def test_empty_file_warns_and_still_builds(build: BuildFn) -> None:
    app = build(files={"articles/empty.txt": b""})
    (line,) = warning_lines(app)
    assert re.search(r"articles/empty\.txt:1: WARNING: article is empty", line)
    assert line.endswith("[briefing.empty]")
    assert (app.outdir / "articles" / "empty.html").is_file()


def test_whitespace_only_file_is_empty(build: BuildFn) -> None:
    app = build(files={"articles/blank.txt": " \n\t\n   \n"})
    assert any("articles/blank.txt:1: WARNING: article is empty" in w for w in warning_lines(app))


def test_bom_and_crlf_are_accepted_silently(build: BuildFn) -> None:
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    app = build(files={"articles/bom.txt": data})
    assert warning_lines(app) == []
    page = page_of(app, "bom")
    assert (
        page.select_one("section.briefing-article h1")
        .get_text(strip=True)
        .startswith("عنوان الخبر")
    )
    assert "\ufeff" not in str(page) and "\r" not in page.select_one("p#p1").get_text()


def test_nul_bytes_are_removed_with_a_warning(build: BuildFn) -> None:
    app = build(files={"articles/nul.txt": "عنوان\nنص\x00 الخبر.\n".encode()})
    (line,) = warning_lines(app)
    assert re.search(r"articles/nul\.txt:2: WARNING: NUL bytes removed \[briefing\.nul\]", line)
    assert page_of(app, "nul").select_one("p#p1").get_text().endswith("نص الخبر.")


def test_windows_1256_is_decoded_with_a_warning(build: BuildFn) -> None:
    app = build(files={"articles/legacy.txt": GOOD.encode("cp1256")})
    (line,) = warning_lines(app)
    assert re.search(r"articles/legacy\.txt:1: WARNING: .*Windows-1256", line)
    assert line.endswith("[briefing.encoding]")
    assert page_of(app, "legacy").select_one("p#p1").get_text().endswith("نص الخبر الأول.")


def test_one_stray_byte_garbles_only_its_own_line(build: BuildFn) -> None:
    data = (
        "عنوان الخبر\nوكالات – قال Andr".encode()
        + b"\xe9"
        + " لافروف كلامًا.\nفقرة ثانية سليمة.\n".encode()
    )
    app = build(files={"articles/stray.txt": data})
    (line,) = warning_lines(app)
    assert re.search(
        r"articles/stray\.txt:2: WARNING: invalid UTF-8 bytes on this line \(0xe9\)", line
    )
    page = page_of(app, "stray")
    assert page.select_one("h1").get_text().startswith("عنوان الخبر")
    assert "Andr\ufffd لافروف كلامًا." in page.select_one("p#p1").get_text()
    assert page.select_one("p#p2").get_text().endswith("فقرة ثانية سليمة.")


def test_a_utf16_article_with_its_byte_order_mark_is_read(build: BuildFn) -> None:
    app = build(files={"articles/notepad.txt": GOOD.replace("\n", "\r\n").encode("utf-16")})
    (line,) = warning_lines(app)
    assert re.search(r"articles/notepad\.txt:1: WARNING: UTF-16 \(byte-order mark\)", line)
    assert page_of(app, "notepad").select_one("p#p1").get_text().endswith("نص الخبر الأول.")


def test_undecodable_file_is_a_clear_error_not_a_traceback(build: BuildFn) -> None:
    app = build(files={"articles/binary.txt": b"\x89PNG\r\n\x1a\n\xff\xd8\xff\x00\x10"})
    warnings = warnings_of(app)
    assert re.search(r"articles/binary\.txt:1: WARNING: not valid UTF-8 \(byte 0x89", warnings)
    assert "Traceback" not in warnings
    # The rest of the book still builds.
    assert (app.outdir / "index.html").is_file()


def test_bidi_overrides_are_neutralised(build: BuildFn) -> None:
    text = "عنوان\nالسعر \u202e0051\u202c دولار.\nسطر \u2066عادي\u2069 آخر.\n"
    app = build(files={"articles/bidi.txt": text})
    lines = warning_lines(app)
    assert len(lines) == 2
    assert re.search(
        r"articles/bidi\.txt:2: WARNING: bidi control characters removed \(U\+202C, U\+202E\)",
        lines[0],
    )
    assert "articles/bidi.txt:3:" in lines[1]
    html = (app.outdir / "articles" / "bidi.html").read_text(encoding="utf-8")
    assert not set(html) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "السعر 0051 دولار." in page_of(app, "bidi").select_one("p#p1").get_text()


def test_html_in_article_is_text_not_markup(build: BuildFn) -> None:
    text = (
        "عنوان <b>غامق</b>\n"
        "نص <script>alert('x')</script> و<img src=x onerror=alert(1)> و&amp; هنا.\n"
    )
    app = build(files={"articles/html.txt": text})
    assert warning_lines(app) == []
    page = page_of(app, "html")
    body = page.select_one("section.briefing-article")
    assert body.select("script") == [] and body.select("img") == [] and body.select("b") == []
    para = page.select_one("p#p1").get_text()
    assert "<script>alert('x')</script>" in para and "&amp;" in para
    raw = (app.outdir / "articles" / "html.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "onerror=alert" not in raw
    assert "&lt;" in raw


def test_bad_sidecar_names_file_and_key(build: BuildFn) -> None:
    app = build(
        files={
            "articles/side.txt": GOOD,
            "articles/side.meta.toml": '[article]\nslug = "ok"\npublisher = "x"\n',
        }
    )
    warnings = warnings_of(app)
    # The line of the key itself, and the rest of the sidecar still applies.
    assert re.search(
        r"articles/side\.meta\.toml:3: WARNING: unknown key article\.publisher", warnings
    )
    assert "[briefing.sidecar]" in warnings
    assert (app.outdir / "articles" / "side.html").is_file()
    assert app.env.domaindata["briefing"]["articles"]["articles/side"]["slug"] == "ok"


def test_broken_toml_sidecar(build: BuildFn) -> None:
    app = build(files={"articles/side.txt": GOOD, "articles/side.meta.toml": "[article\n"})
    assert re.search(r"side\.meta\.toml:1: WARNING: unreadable: Expected ']'", warnings_of(app))
    assert (app.outdir / "articles" / "side.html").is_file()


def test_warnings_can_be_suppressed_by_kind(build: BuildFn) -> None:
    app = build(
        files={"articles/nul.txt": "عنوان\nنص\x00.\n".encode()},
        confoverrides={"suppress_warnings": ["briefing.nul"]},
    )
    assert warning_lines(app) == []
