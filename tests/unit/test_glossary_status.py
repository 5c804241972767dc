"""Draft entries in the glossary data: the ``status`` field, a draft's optional description
and its placeholder, the sixth entry type ``other``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sphinx_briefing import resources
from sphinx_briefing.glossary import (
    DESCRIPTION_PLACEHOLDER,
    SCHEMA_PATH,
    description_placeholder,
    load,
    schema_errors,
)
from sphinx_briefing.vocabulary import STATUSES, TYPE_LABELS, TYPES

HEAD = """\
id = "hwasong-19"
type = "{type}"
{status}
[names]
ar = "هواسونغ-19"
en = "Hwasong-19"
"""
DESCRIPTION = """
[description]
short_ar = "{short_ar}"
short_en = "{short_en}"
"""


def write(
    directory: Path,
    status: str = "",
    *,
    description: bool = True,
    short_ar: str = "صاروخ باليستي.",
    short_en: str = "A ballistic missile.",
    type: str = "other",
) -> Path:
    text = HEAD.format(type=type, status=status)
    if description:
        text += DESCRIPTION.format(short_ar=short_ar, short_en=short_en)
    path = directory / "hwasong-19.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(directory: Path) -> list[tuple[int, str, str]]:
    return [(p.line, p.field, p.message) for p in load(directory).problems]


def test_status_defaults_to_reviewed(tmp_path: Path) -> None:
    write(tmp_path)
    entry = load(tmp_path).entries["hwasong-19"]
    assert entry.status == "reviewed" and not entry.is_draft
    write(tmp_path, 'status = "reviewed"\n')
    assert load(tmp_path).entries["hwasong-19"].status == "reviewed"


def test_a_draft_may_leave_its_description_to_the_editor(tmp_path: Path) -> None:
    for text in ({"description": False}, {"short_ar": "", "short_en": ""}):
        write(tmp_path, 'status = "draft"\n', **text)  # type: ignore[arg-type]
        assert problems(tmp_path) == []
        entry = load(tmp_path).entries["hwasong-19"]
        assert entry.is_draft and entry.unwritten == {"short_ar", "short_en"}
        assert entry.description == {
            "short_ar": "الوصف لم يُكتب بعد",
            "short_en": "Description to be written",
        }


def test_a_draft_shows_what_is_written(tmp_path: Path) -> None:
    write(tmp_path, 'status = "draft"\n', short_en="")
    entry = load(tmp_path).entries["hwasong-19"]
    assert entry.unwritten == {"short_en"}
    assert entry.description["short_ar"] == "صاروخ باليستي."
    assert entry.description["short_en"] == "Description to be written"


def test_a_reviewed_entry_still_needs_its_description(tmp_path: Path) -> None:
    write(tmp_path, description=False)
    assert problems(tmp_path) == [(1, "(entry)", "'description' is a required property")]
    write(tmp_path, 'status = "reviewed"\n', short_ar="")
    assert problems(tmp_path) == [(10, "description.short_ar", "'' should be non-empty")]
    assert load(tmp_path).entries == {}


def test_a_bad_status_is_named(tmp_path: Path) -> None:
    write(tmp_path, 'status = "pending"\n')
    ((line, field, message),) = problems(tmp_path)
    assert (line, field) == (3, "status") and "'pending' is not one of" in message


def test_schema_errors_for_data() -> None:
    draft = {"id": "x", "type": "other", "status": "draft", "names": {"ar": "س", "en": "X"}}
    assert schema_errors(draft) == []
    assert schema_errors({**draft, "status": "reviewed"}) == [
        "(entry): 'description' is a required property"
    ]


def test_the_sixth_type_everywhere_types_are_listed() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert list(TYPES) == schema["properties"]["type"]["enum"]
    assert list(STATUSES) == schema["properties"]["status"]["enum"]
    assert TYPE_LABELS["other"] == "Other"


def _arabic() -> dict[str, str]:
    po = resources.LOCALE / "ar" / "LC_MESSAGES" / "sphinx.po"
    with po.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


@pytest.mark.parametrize(
    ("msgid", "arabic"),
    [
        ("Other", "أخرى"),
        ("draft", "مسودة"),
        (DESCRIPTION_PLACEHOLDER, "الوصف لم يُكتب بعد"),
        ("No drafts.", "لا توجد مسودات."),
    ],
)
def test_the_new_interface_words_are_in_the_arabic_catalogue(msgid: str, arabic: str) -> None:
    assert _arabic()[msgid] == arabic


def test_the_placeholder_comes_from_the_catalogue() -> None:
    assert description_placeholder("ar") == _arabic()[DESCRIPTION_PLACEHOLDER]
    assert description_placeholder("en") == DESCRIPTION_PLACEHOLDER
    assert description_placeholder("xx") == DESCRIPTION_PLACEHOLDER


def test_the_status_is_data_not_a_link_change(tmp_path: Path) -> None:
    write(tmp_path, 'status = "draft"\n')
    draft = load(tmp_path)
    write(tmp_path)
    reviewed = load(tmp_path)
    assert draft.fingerprint() != reviewed.fingerprint()
    assert draft.fingerprint("aliases") == reviewed.fingerprint("aliases")
