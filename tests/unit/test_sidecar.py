"""Sidecars are untrusted: every value checked, each problem located, defaults kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_briefing.text import sidecar
from sphinx_briefing.text.article import Layout
from sphinx_briefing.text.urls import safe_url


def read(tmp_path: Path, toml: str, line_count: int | None = 10) -> sidecar.Sidecar:
    article = tmp_path / "news.txt"
    article.write_text("عنوان\n\nنص.\n", encoding="utf-8")
    (tmp_path / "news.meta.toml").write_text(toml, encoding="utf-8")
    return sidecar.read(article, Layout(), line_count)


def problems(found: sidecar.Sidecar) -> list[tuple[int, str]]:
    return [(p.line, p.field) for p in found.problems]


def test_a_good_sidecar_has_no_problem(tmp_path: Path) -> None:
    found = read(
        tmp_path,
        '[article]\nslug = "news"\nlanguage = "ar"\npublished = 2025-07-12\n'
        'url = "https://example.org/a?b=1"\n[layout]\nheadings = [3]\n',
    )
    assert found.problems == []
    assert found.meta.published == "2025-07-12"
    assert found.meta.url == "https://example.org/a?b=1"
    assert found.meta.layout.headings == frozenset({3})


def test_a_language_name_is_not_a_code(tmp_path: Path) -> None:
    found = read(tmp_path, '[article]\nslug = "news"\nlanguage = "Arabic"\n')
    assert problems(found) == [(3, "article.language")]
    assert "ISO 639" in found.problems[0].message and "'Arabic'" in found.problems[0].message
    assert found.meta.language == "ar"


@pytest.mark.parametrize("value", ["2025-13-45", "2025-02-30", "12-07-2025", "soon", "2025-7-1"])
def test_impossible_dates_are_refused(tmp_path: Path, value: str) -> None:
    found = read(tmp_path, f'[article]\npublished = "{value}"\n')
    assert problems(found) == [(2, "article.published")]
    assert found.meta.published == ""


@pytest.mark.parametrize("value", ["2025", "2025-07", "2024-02-29"])
def test_partial_and_leap_dates_are_kept(tmp_path: Path, value: str) -> None:
    found = read(tmp_path, f'[article]\nevent_date = "{value}"\n')
    assert found.problems == [] and found.meta.event_date == value


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\\tscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "//example.org/x",
        "https://",
        'https://example.org/\\"onmouseover=\\"x',
    ],
)
def test_only_http_addresses_are_kept(tmp_path: Path, url: str) -> None:
    found = read(tmp_path, f'[article]\nslug = "news"\nurl = "{url}"\n')
    assert problems(found) == [(3, "article.url")]
    assert found.meta.url == ""


def test_layout_lines_past_the_end_and_bad_limits_are_dropped(tmp_path: Path) -> None:
    found = read(
        tmp_path,
        "[layout]\nheadings = [2, 40]\nparagraphs = [0, 3]\nheading_max_words = -4\n",
        line_count=10,
    )
    assert problems(found) == [
        (2, "layout.headings"),
        (3, "layout.paragraphs"),
        (4, "layout.heading_max_words"),
    ]
    assert "past the article's last line (10)" in found.problems[0].message
    assert found.meta.layout.headings == frozenset({2})
    assert found.meta.layout.paragraphs == frozenset({3})
    assert found.meta.layout.heading_max_words == Layout().heading_max_words


def test_unknown_keys_and_wrong_types_are_located(tmp_path: Path) -> None:
    found = read(tmp_path, '[article]\nslug = "ok"\npublisher = "x"\nheadline = 3\n[extra]\n')
    assert problems(found) == [(3, "article.publisher"), (4, "article.headline"), (5, "extra")]
    assert found.meta.slug == "ok" and found.meta.headline == ""


def test_unreadable_toml_keeps_every_default(tmp_path: Path) -> None:
    found = read(tmp_path, '[article]\nslug = "ok"\nheadline = "no end\n')
    assert len(found.problems) == 1 and found.problems[0].line == 3
    assert found.problems[0].message.startswith("unreadable: ")
    assert found.meta == sidecar.ArticleMeta(slug="news")


def test_a_bad_slug_falls_back_to_the_file_name(tmp_path: Path) -> None:
    found = read(tmp_path, '[article]\nslug = "Not A Slug"\n')
    assert problems(found) == [(2, "article.slug")]
    assert found.meta.slug == "news"


@given(st.text())
def test_safe_url_never_returns_a_script_scheme(url: str) -> None:
    kept = safe_url(url)
    if kept is not None:
        assert kept.lower().startswith(("http://", "https://"))
        assert not any(c in kept for c in "\t\n\r <>\"'`")


def test_layout_keep_and_omit_override_the_reading(tmp_path: Path) -> None:
    article = tmp_path / "page.txt"
    article.write_text(
        "عنوان الخبر في سطر واحد\nاقرأ أيضا\nقال الوزير اليوم في مؤتمر صحفي إن المحادثات مثمرة.\n"
        "سطر يريد المحرر حذفه من الكتاب تماما.\n",
        encoding="utf-8",
    )
    (tmp_path / "page.meta.toml").write_text("[layout]\nkeep = [2]\nomit = [4]\n", encoding="utf-8")
    found = sidecar.read(article, Layout(), 4)
    assert found.problems == []
    from sphinx_briefing.text.article import Kind, parse

    kinds = {b.line: b.kind for b in parse(article.read_text("utf-8"), found.meta.layout).blocks}
    assert kinds[2] is not Kind.OMITTED  # kept: an «اقرأ أيضا» the editor wants shown
    assert kinds[4] is Kind.OMITTED  # set aside by the editor
