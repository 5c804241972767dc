"""``briefing add``: importing an article (text, saved web page, Markdown, stdin) into seeds/."""

from __future__ import annotations

import io
import re
import sys
import tomllib
from pathlib import Path

import pytest

from sphinx_briefing.cli import add
from sphinx_briefing.text import article, sidecar
from tests.helpers import run_cli

ARTICLE = (
    "روسيا وكوريا الشمالية تعززان التعاون\n"
    "موسكو – رويترز – عقد وزير الخارجية الروسي سيرجي لافروف مباحثات في وونسان مع الزعيم "
    "كيم جونغ أون، ونقل إليه تحيات الرئيس فلاديمير بوتين.\n"
    "وأكد الجانبان ضرورة استمرار التعاون الوثيق بين موسكو وبيونغ يانغ في المجالات كافة.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين البلدين | أخبار المثال</title>
<meta property="og:site_name" content="أخبار المثال">
<meta property="og:title" content="لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين البلدين">
<meta property="article:published_time" content="2025-07-12T10:00:00Z">
<meta name="author" content="سامي الحسن">
<link rel="canonical" href="https://example.org/news/1">
</head>
<body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/world">العالم</a></li>
<li><a href="/sport">رياضة</a></li></ul></nav>
<main>
<article>
<h1>لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين البلدين</h1>
<p>عقد وزير الخارجية الروسي سيرجي لافروف مباحثات في مدينة وونسان الساحلية في كوريا الشمالية
مع الزعيم كيم جونغ أون، ونقل إليه تحيات الرئيس فلاديمير بوتين.</p>
<p>وأكد الجانبان ضرورة استمرار التعاون الوثيق بين موسكو وبيونغ يانغ في المجالات السياسية
والاقتصادية والعسكرية خلال المرحلة المقبلة.</p>
<p>وأعرب كيم جونغ أون خلال اللقاء عن دعم حكومته الكامل للإجراءات التي تتخذها روسيا، بحسب ما
نقلته وكالة الأنباء المركزية الكورية.</p>
<p>وتأتي الزيارة في إطار تقارب متزايد بين البلدين منذ توقيع معاهدة الشراكة الاستراتيجية
الشاملة العام الماضي.</p>
</article>
</main>
<footer><p>جميع الحقوق محفوظة © أخبار المثال 2025</p><a href="/privacy">سياسة الخصوصية</a></footer>
</body>
</html>
"""

MARKDOWN = """\
# روسيا وكوريا الشمالية: **تحالف** يتعمق

موسكو – رويترز – عقد وزير الخارجية الروسي [سيرجي لافروف](https://example.org/lavrov) مباحثات
في *وونسان* مع الزعيم كيم جونغ أون، ونقل إليه تحيات الرئيس بوتين.

![صورة اللقاء](lavrov.png)

## أسباب التقارب

تتعدد أسباب التقارب بين البلدين، ومنها ما يلي:

- دعم عسكري متبادل
- تعاون اقتصادي في مجال الطاقة
  والموانئ
1. تنسيق سياسي في الأمم المتحدة

وختم الوزير زيارته بالتأكيد على أن __العلاقات__ بين البلدين `تاريخية`.
"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    return folder


def briefing_add(seeds: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("add", *args, "--seeds", str(seeds))
    return result.returncode, result.stdout, result.stderr


def only_article(seeds: Path) -> tuple[Path, dict[str, str]]:
    """The one article in ``seeds``, its sidecar read back with no problems."""
    texts = sorted(seeds.glob("*.txt"))
    assert len(texts) == 1, texts
    assert sorted(p.name for p in seeds.iterdir()) == sorted(
        [texts[0].name, texts[0].stem + ".meta.toml"]
    )
    read = sidecar.read(texts[0], line_count=texts[0].read_text("utf-8").count("\n") + 1)
    assert read.problems == []
    assert read.meta.slug == texts[0].stem
    data = tomllib.loads(sidecar.sidecar_path(texts[0]).read_text("utf-8"))
    return texts[0], data["article"]


def paragraphs(path: Path) -> list[str]:
    parsed = article.parse(path.read_text("utf-8"))
    return [b.text for b in parsed.blocks if b.kind is article.Kind.PARAGRAPH]


def test_utf8_text_is_kept_as_it_is(tmp_path: Path, seeds: Path) -> None:
    given = tmp_path / "new.txt"
    given.write_text(ARTICLE, encoding="utf-8")
    status, out, err = briefing_add(seeds, str(given), "--date", "2025-07-12")
    assert status == 0, err
    assert err == ""
    path, meta = only_article(seeds)
    assert path.read_bytes() == ARTICLE.encode("utf-8")
    assert path.stem.startswith("2025-07-12-rwsya-wkwrya-alshmalya")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem) and len(path.stem) <= 60
    assert meta["published"] == "2025-07-12"
    assert meta["source"] == "رويترز"  # the dateline's agency
    assert meta["language"] == "ar"
    assert meta["url"] == ""
    assert len(paragraphs(path)) == 2
    assert f"briefing outline {path}" in out
    assert "make html" in out
    assert "  published: 2025-07-12  [--date]" in out.splitlines()
    assert sidecar.sidecar_path(path).read_text("utf-8").startswith("# Inferred by `briefing add`")


def test_windows_1256_text_is_decoded_with_a_warning(tmp_path: Path, seeds: Path) -> None:
    given = tmp_path / "old.txt"
    given.write_bytes(ARTICLE.encode("cp1256"))
    status, _out, err = briefing_add(seeds, str(given), "--name", "old-article")
    assert status == 0, err
    assert "warning: not UTF-8 anywhere in the file; decoded as Windows-1256" in err
    path, meta = only_article(seeds)
    assert path.name == "old-article.txt"
    assert path.read_text("utf-8") == ARTICLE
    assert meta["slug"] == "old-article"


def test_saved_web_page_gives_main_text_and_metadata(tmp_path: Path, seeds: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    status, out, err = briefing_add(seeds, str(page))
    assert status == 0, err
    path, meta = only_article(seeds)
    assert path.stem.startswith("2025-07-12-lafrwf-ybhth")
    text = path.read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "لافروف يبحث مع كيم جونغ أون في وونسان التعاون بين البلدين"
    assert lines[1] == "بقلم: سامي الحسن"  # the page's author, as the byline the book reads
    for chrome in ("الرئيسية", "رياضة", "جميع الحقوق محفوظة", "سياسة الخصوصية"):
        assert chrome not in text
    assert meta == {
        "slug": path.stem,
        "headline": "",  # the text's first line is the headline
        "source": "",
        "outlet": "أخبار المثال",
        "published": "2025-07-12",
        "language": "ar",
        "url": "https://example.org/news/1",
    }
    assert len(paragraphs(path)) == 4
    parsed = article.parse(text)
    assert parsed.found["author"] == "سامي الحسن"
    assert "  url: https://example.org/news/1  [the page's canonical address]" in out


def test_page_title_becomes_the_headline_when_the_text_has_none(
    tmp_path: Path, seeds: Path
) -> None:
    body = "".join(
        f"<p>{sentence} وتحدث المسؤولون عن تفاصيل كثيرة في المؤتمر الصحفي الذي عقد في العاصمة.</p>"
        for sentence in ("عقد الوزيران اجتماعا مطولا.", "وناقش الطرفان ملفات عدة.")
    )
    page = tmp_path / "page.htm"
    page.write_text(
        '<html lang="ar"><head><title>اجتماع وزاري في موسكو</title></head>'
        f"<body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    status, _out, err = briefing_add(seeds, str(page), "--url", "https://example.org/a?b=1")
    assert status == 0, err
    path, meta = only_article(seeds)
    assert meta["headline"] == "اجتماع وزاري في موسكو"
    assert meta["url"] == "https://example.org/a?b=1"
    assert path.stem == "ajtma-wzary-fy-mwskw"


def test_markdown_is_stripped_to_plain_lines(tmp_path: Path, seeds: Path) -> None:
    given = tmp_path / "article.md"
    given.write_text(MARKDOWN, encoding="utf-8")
    status, _out, err = briefing_add(seeds, str(given))
    assert status == 0, err
    path, meta = only_article(seeds)
    assert path.read_text("utf-8").splitlines() == [
        "روسيا وكوريا الشمالية: تحالف يتعمق",
        "موسكو – رويترز – عقد وزير الخارجية الروسي سيرجي لافروف مباحثات في وونسان مع الزعيم كيم "
        "جونغ أون، ونقل إليه تحيات الرئيس بوتين.",
        "أسباب التقارب",
        "تتعدد أسباب التقارب بين البلدين، ومنها ما يلي:",
        "دعم عسكري متبادل",
        "تعاون اقتصادي في مجال الطاقة والموانئ",
        "تنسيق سياسي في الأمم المتحدة",
        "",
        "وختم الوزير زيارته بالتأكيد على أن العلاقات بين البلدين تاريخية.",
    ]
    assert meta["source"] == "رويترز"
    parsed = article.parse(path.read_text("utf-8"))
    assert parsed.headline is not None and parsed.headline.line == 1
    kinds = [b.kind for b in parsed.blocks]
    assert kinds.count(article.Kind.HEADING) == 1
    assert kinds.count(article.Kind.LIST_ITEM) == 3
    assert len(paragraphs(path)) == 3


def test_markdown_inline_markup() -> None:
    assert add.inline("**جريء** و*مائل* و _مائل_ و~~محذوف~~") == "جريء ومائل و مائل ومحذوف"
    assert add.inline("[النص](https://example.org/x_(y)) و <https://a.org>") == (
        "النص و https://a.org"
    )
    assert add.inline("snake_case_name و 5 \\* 3 و &amp;") == "snake_case_name و 5 * 3 و &"
    assert add.inline("![صورة](a.png)نص <b>عريض</b>") == "نص عريض"


def test_markdown_structure_the_reader_would_miss_is_forced(seeds: Path, tmp_path: Path) -> None:
    given = tmp_path / "list.md"
    given.write_text(
        "# عنوان المقال\n\nفقرة أولى طويلة بما يكفي لتكون نصا عاديا في المقال الإخباري.\n\n"
        "## الخلاصة.\n\n* بند أول في القائمة بلا نقطتين قبله\n* بند ثان\n",
        encoding="utf-8",
    )
    status, _out, err = briefing_add(seeds, str(given))
    assert status == 0, err
    path, _meta = only_article(seeds)
    read = sidecar.read(path)
    parsed = article.parse(path.read_text("utf-8"), read.meta.layout)
    assert [b.kind for b in parsed.blocks][2:] == [
        article.Kind.HEADING,
        article.Kind.LIST_ITEM,
        article.Kind.LIST_ITEM,
    ]


def test_standard_input_is_read_as_plain_text(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    status, _out, err = briefing_add(seeds, "-", "--source", 'وكالة "الأنباء" \\ الرسمية')
    assert status == 0, err
    path, meta = only_article(seeds)
    assert path.read_text("utf-8") == ARTICLE
    assert meta["source"] == 'وكالة "الأنباء" \\ الرسمية'  # escaped in TOML, read back as given
    assert "from <stdin>" in sidecar.sidecar_path(path).read_text("utf-8")


def test_mostly_latin_text_is_not_arabic(tmp_path: Path, seeds: Path) -> None:
    given = tmp_path / "en.txt"
    given.write_text(
        "Lavrov meets Kim in Wonsan\nRussia's foreign minister held talks in Wonsan.\n",
        encoding="utf-8",
    )
    status, _out, err = briefing_add(seeds, str(given))
    assert status == 0, err
    path, meta = only_article(seeds)
    assert meta["language"] == "en"
    assert path.stem == "lavrov-meets-kim-in-wonsan"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("image.png", PNG, "image.png: a PNG image, not an article"),
        ("image.txt", PNG, "image.txt: a PNG image, not an article"),
        ("empty.txt", b"", "empty.txt: empty, no article text"),
        ("blank.txt", b" \n\t\r\n  \n", "blank.txt: empty, no article text"),
        ("blank.md", b"<!-- x -->\n\n---\n", "blank.md: no article text"),
        (
            "chrome.html",
            '<html lang="ar"><body><nav><a href="/">الرئيسية</a></nav>'
            "<footer>جميع الحقوق محفوظة</footer></body></html>".encode(),
            "chrome.html: no article text found in the page",
        ),
        ("broken.html", b"<<<>>>\xff\xfe", "broken.html: not a web page that can be read"),
        ("image.html", PNG, "image.html: a PNG image, not an article"),
    ],
)
def test_bad_input_writes_nothing(
    tmp_path: Path, seeds: Path, name: str, data: bytes, message: str
) -> None:
    given = tmp_path / name
    given.write_bytes(data)
    status, out, err = briefing_add(seeds, str(given))
    assert status == 2
    assert out == ""
    assert err.startswith(f"briefing: {tmp_path / message}")
    assert len(err.splitlines()) == 1
    assert list(seeds.iterdir()) == []


def test_an_existing_name_is_never_overwritten(tmp_path: Path, seeds: Path) -> None:
    given = tmp_path / "new.txt"
    given.write_text(ARTICLE, encoding="utf-8")
    for taken in ("taken.txt", "taken.meta.toml"):
        (seeds / taken).write_text("شيء آخر\n", encoding="utf-8")
        status, out, err = briefing_add(seeds, str(given), "--name", "taken")
        assert status == 2 and out == ""
        assert err == f"briefing: {seeds / taken} already exists; choose another name with --name\n"
        assert (seeds / taken).read_text("utf-8") == "شيء آخر\n"
        assert sorted(p.name for p in seeds.iterdir()) == [taken]
        (seeds / taken).unlink()


def test_the_same_text_already_in_seeds_is_recognised(tmp_path: Path, seeds: Path) -> None:
    (seeds / "known.txt").write_bytes(ARTICLE.encode("cp1256"))
    given = tmp_path / "again.txt"
    given.write_text("\n\n" + ARTICLE.replace(" ", "  \t").replace("\n", "\r\n"), "utf-8")
    status, out, err = briefing_add(seeds, str(given))
    assert status == 2 and out == ""
    assert err == f"briefing: {given}: already in {seeds}/ as known.txt\n"
    assert sorted(p.name for p in seeds.iterdir()) == ["known.txt"]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--date", "2025-02-30", "--date '2025-02-30' is not a real date"),
        ("--date", "12/07/2025", "--date '12/07/2025' is not a real date"),
        ("--url", "javascript:alert(1)", "--url 'javascript:alert(1)' is not an http or https"),
        ("--url", "java\tscript:alert(1)", "--url 'java\\tscript:alert(1)' is not an http"),
        ("--url", "ftp://example.org/a", "--url 'ftp://example.org/a' is not an http or https"),
        ("--name", "Not_A_Slug", "--name 'Not_A_Slug': use lower-case ASCII"),
    ],
)
def test_bad_options_are_one_line_errors(
    tmp_path: Path, seeds: Path, option: str, value: str, message: str
) -> None:
    given = tmp_path / "new.txt"
    given.write_text(ARTICLE, encoding="utf-8")
    status, out, err = briefing_add(seeds, str(given), option, value)
    assert status == 2 and out == ""
    assert err.startswith(f"briefing: {message}")
    assert len(err.splitlines()) == 1
    assert list(seeds.iterdir()) == []


def test_a_missing_seeds_folder_or_file_is_an_error(tmp_path: Path) -> None:
    given = tmp_path / "new.txt"
    given.write_text(ARTICLE, encoding="utf-8")
    status, _out, err = briefing_add(tmp_path / "nowhere", str(given))
    assert status == 2
    assert err.startswith(f"briefing: {tmp_path / 'nowhere'}: no such directory")
    status, _out, err = briefing_add(tmp_path, str(tmp_path / "missing.txt"))
    assert status == 2
    assert err == f"briefing: {tmp_path / 'missing.txt'}: No such file or directory\n"


def test_toml_strings_escape_everything_toml_forbids() -> None:
    tricky = 'a "quote" \\ back\tslash\nnew\x00line\x7f\u200f'
    assert tomllib.loads(f"v = {add.toml_string(tricky)}")["v"] == tricky
