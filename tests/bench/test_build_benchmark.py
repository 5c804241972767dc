"""benchmarks/build.py and its corpus: the baseline is equivalent, the report well formed.

Speed is measured by the benchmark itself, never asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docutils.core import publish_doctree
from docutils.nodes import paragraph
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import REPO

BENCHMARKS = REPO / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import corpus  # noqa: E402

#: Arabic and Latin letters, digits, spaces and every character rST gives a meaning to.
TEXT = st.text(
    alphabet=st.sampled_from("ابتموسكوًّ abcXYZ019 *`_|:[]<>\\-+#.()=~^\"'!?،؛"),
    min_size=1,
    max_size=60,
).map(lambda s: " ".join(s.split()))


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_escaped_text_reads_back_as_one_plain_paragraph(text: str) -> None:
    if not text:
        return
    doctree = publish_doctree(
        corpus.rst_block(text), settings_overrides={"report_level": 5, "halt_level": 5}
    )
    assert [type(child) for child in doctree.children] == [paragraph]
    assert doctree.children[0].astext() == text
    assert len(doctree.children[0].children) == 1  # plain text, no inline markup


@pytest.mark.parametrize(
    "text", ["a)", "1. x", "(i) y", "- z", "#. w", "A. b", ".. c", "::", "\\", "\\\\"]
)
def test_escaping_known_block_openers(text: str) -> None:
    test_escaped_text_reads_back_as_one_plain_paragraph.hypothesis.inner_test(text)


def test_generated_articles_are_deterministic() -> None:
    from sphinx_briefing import glossary

    loaded = glossary.load(corpus.ENTRIES)
    seed = corpus.SEED.read_text(encoding="utf-8")
    first = corpus.make_corpus(5, seed, loaded)
    assert first == corpus.make_corpus(5, seed, loaded)
    assert len(set(first)) == 5
    files = corpus.glossary_files(60, first)
    assert len(files) == 60
    assert files == corpus.glossary_files(60, first)


def test_synthetic_entries_are_valid_and_never_match(tmp_path: Path) -> None:
    from sphinx_briefing import glossary
    from sphinx_briefing.text.linker import Linker

    texts = corpus.make_corpus(
        10, corpus.SEED.read_text(encoding="utf-8"), glossary.load(corpus.ENTRIES)
    )
    for name, text in corpus.glossary_files(200, texts).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = glossary.load(tmp_path)
    assert loaded.problems == []
    assert len(loaded.entries) == 200
    found = {
        m.entity
        for text in texts
        for line in text.splitlines()
        for m in Linker(loaded.aliases("ar")).find(line)
    }
    assert found and not any(entity.startswith("synthetic-") for entity in found)


def test_build_benchmark_runs_and_writes_the_pinned_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "build.py"),
            "--sizes",
            "3:40",
            "--runs",
            "1",
            "--no-pdf",
            "--no-linker",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # The script itself stops when the two builds link a different number of mentions.
    assert result.returncode == 0, result.stderr + result.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    (run,) = report["runs"]
    pinned = {
        "articles",
        "glossary",
        "ext_wall_s",
        "baseline_wall_s",
        "ratio",
        "j2_wall_s",
        "noop_rebuild_s",
        "one_article_rebuild_s",
        "one_entry_rebuild_s",
        "peak_rss_mb",
    }
    assert pinned <= set(run)
    assert (run["articles"], run["glossary"]) == (3, 40)
    assert run["entry_links"] > 10
    assert run["ratio"] == run["ext_wall_s"] / run["baseline_wall_s"]
    for key in pinned - {"articles", "glossary"}:
        assert isinstance(run[key], float) and run[key] > 0
    assert report["linker"] == []
    assert "articles glossary" in result.stdout  # the table


def test_the_baseline_links_a_family_name_only_after_the_full_name_as_the_extension() -> None:
    # The extension links a bare «كيم» only once the article has named Kim Jong Un in full
    # (in any section before it, headings included); the baseline must link the same
    # mentions, or the benchmark's link check fails on a large book.
    from sphinx_briefing import glossary
    from sphinx_briefing.text.linker import Linker

    linker = Linker(glossary.load(REPO / "docs" / "glossary" / "entries").aliases("ar"))
    later = "عنوان\n\nقال كيم إن البلدين متفقان.\n\nلقاء في وونسان\n\nوصل كيم جونغ أون.\n"
    before = "عنوان\n\nوصل كيم جونغ أون.\n\nلقاء في وونسان\n\nقال كيم إن البلدين متفقان.\n"
    assert corpus.article_rst("a", later, linker, orphan=False).count("<kim-jong-un>") == 1
    rst = corpus.article_rst("a", before, linker, orphan=False)
    assert rst.count("<kim-jong-un>") == 2
    assert "\\ :ref:`كيم <kim-jong-un>`\\ " in rst


def test_the_benchmark_book_has_no_key_points_of_the_seed_article(tmp_path: Path) -> None:
    # The glance page's key points cite the seed article's paragraphs: a book of generated
    # articles would warn about each. The rest of the page (generated) stays.
    original = (REPO / "docs" / "glance.md").read_text(encoding="utf-8")
    assert "briefing-keypoints" in original and "lavrov-wonsan" in original
    src = corpus.write_book(tmp_path / "src", ["عنوان\n\nفقرة أولى.\n"], {})
    glance = (src / "glance.md").read_text(encoding="utf-8")
    assert "briefing-keypoints" not in glance and "lavrov-wonsan" not in glance
    for directive in ("briefing-whoswho", "briefing-timeline", "briefing-map", "briefing-graph"):
        assert directive in glance
    assert glance.startswith(original.split("## ")[0])
