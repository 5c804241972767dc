"""``briefing search``: glossary look-up with folding, proclitics, prefixes and typos."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_briefing import glossary
from sphinx_briefing.search.glossary_search import Hit, mention_counts, readings, search, similarity
from sphinx_briefing.vocabulary import TYPES
from tests.helpers import REPO, run_cli

GLOSSARY = REPO / "docs" / "glossary" / "entries"


@pytest.fixture(scope="module")
def loaded() -> glossary.Glossary:
    found = glossary.load(GLOSSARY)
    assert found.problems == []
    return found


def first(loaded: glossary.Glossary, query: str, kind: str | None = None) -> Hit:
    hits = search(loaded, query, kind)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


def ids(loaded: glossary.Glossary, query: str, kind: str | None = None) -> list[str]:
    return [hit.entry.id for hit in search(loaded, query, kind)]


@pytest.mark.parametrize(
    ("query", "entity"),
    [
        ("Sergey Lavrov", "sergey-lavrov"),
        ("Lavrov", "sergey-lavrov"),
        ("سيرغي لافروف", "sergey-lavrov"),
        ("لافروف", "sergey-lavrov"),
        ("Vladimir Putin", "vladimir-putin"),
        ("بوتين", "vladimir-putin"),
        ("Choe Son-hui", "choe-son-hui"),
        ("تشوي سون هوي", "choe-son-hui"),
        ("KCNA", "kcna"),
        ("kcna", "kcna"),
        ("Korean Central News Agency", "kcna"),
        ("Pyongyang", "pyongyang"),
        ("P'yŏngyang", "pyongyang"),
        ("Wŏnsan", "wonsan"),
        ("Сергей Лавров", "sergey-lavrov"),
        ("Russia-DPRK treaty", "russia-dprk-treaty"),
    ],
)
def test_names_and_aliases_in_either_language_are_exact_hits(
    loaded: glossary.Glossary, query: str, entity: str
) -> None:
    hit = first(loaded, query)
    assert (hit.entry.id, hit.tier) == (entity, "exact")
    assert 4 < hit.score < 5


@pytest.mark.parametrize(
    "query", ["كيم جونغ أون", "كيم جونج أون", "كيم جونج اون", "كيم جونغ-أون", "Kim Jong-un"]
)
def test_spelling_variants_of_jong(loaded: glossary.Glossary, query: str) -> None:
    assert first(loaded, query).entry.id == "kim-jong-un"
    assert first(loaded, query).tier == "exact"


@pytest.mark.parametrize(
    "query", ["بيونغ يانغ", "بيونج يانج", "بيونج يانغ", "بيونغيانغ", "بيونغيانج", "Pyong Yang"]
)
def test_pyongyang_however_written(loaded: glossary.Glossary, query: str) -> None:
    hit = first(loaded, query)
    assert (hit.entry.id, hit.tier) == ("pyongyang", "exact")
    assert [h.entry.id for h in search(loaded, query) if h.tier != "description"] == ["pyongyang"]


def test_proclitics_are_stripped_from_arabic_query_words(loaded: glossary.Glossary) -> None:
    plain, prefixed = first(loaded, "لافروف"), first(loaded, "بلافروف")
    assert (prefixed.entry.id, prefixed.tier) == ("sergey-lavrov", "exact")
    assert prefixed.score < plain.score  # the reading as written is preferred
    assert first(loaded, "وبيونغ يانغ").entry.id == "pyongyang"
    assert first(loaded, "لليابان").entry.id == "japan"
    korean = ids(loaded, "والكورية")
    assert set(korean[:4]) == {"north-korea", "south-korea", "korean-peninsula", "kcna"}
    assert first(loaded, "والكوريه").tier == "tokens"


def test_kaf_is_not_stripped_from_short_stems(loaded: glossary.Glossary) -> None:
    assert [r.text for r in readings("كيم")] == ["كيم"]
    assert "seoul" not in ids(loaded, "كسول")  # lazy, not "like Seoul"


def test_prefixes_find_names_as_you_type(loaded: glossary.Glossary) -> None:
    hits = search(loaded, "Lav")
    assert [h.entry.id for h in hits] == ["sergey-lavrov", "lavrov-wonsan-visit"]
    assert hits[0].tier == "tokens"
    assert first(loaded, "فلادي").entry.id == "vladimir-putin"
    assert first(loaded, "Pyong").entry.id == "pyongyang"
    assert first(loaded, "kcn").entry.id == "kcna"
    assert search(loaded, "L") == []  # one letter is too short to be a prefix


def test_words_of_a_name_in_any_order(loaded: glossary.Glossary) -> None:
    hit = first(loaded, "Lavrov Sergey")
    assert (hit.entry.id, hit.tier) == ("sergey-lavrov", "tokens")
    assert first(loaded, "Kim").entry.id == "kim-jong-un"


@pytest.mark.parametrize("query", ["لافروفُ", "لافرُوف", "لـافـروف", "لَافْرُوف"])
def test_diacritics_and_tatweel_are_ignored(loaded: glossary.Glossary, query: str) -> None:
    hit = first(loaded, query)
    assert (hit.entry.id, hit.tier) == ("sergey-lavrov", "exact")


@pytest.mark.parametrize(
    ("query", "entity"),
    [
        ("اوكرانيا", "ukraine"),
        ("إوكرانيا", "ukraine"),
        ("آوكرانيا", "ukraine"),
        ("اقليم كورسك", "kursk-region"),
        ("كيم جونغ اون", "kim-jong-un"),
        ("سيئول", "seoul"),
        ("سيول", "seoul"),
    ],
)
def test_alef_and_hamza_forms_are_folded(
    loaded: glossary.Glossary, query: str, entity: str
) -> None:
    hit = first(loaded, query)
    assert (hit.entry.id, hit.tier) == (entity, "exact")


def test_ta_marbuta_and_ha_are_the_same(loaded: glossary.Glossary) -> None:
    assert first(loaded, "وكاله الانباء المركزيه الكوريه").entry.id == "kcna"
    assert first(loaded, "وكالة الأنباء المركزية الكورية").tier == "exact"
    hit = first(loaded, "كوريه شماليه")
    assert (hit.entry.id, hit.tier, hit.field) == ("north-korea", "exact", "adjective")


def test_adjectives_find_their_entry(loaded: glossary.Glossary) -> None:
    assert first(loaded, "روسي").entry.id == "russia"
    assert first(loaded, "Russian").entry.id == "russia"
    # An adjective ranks below the same match on a name.
    assert first(loaded, "روسي").score < first(loaded, "روسيا").score


@pytest.mark.parametrize(
    ("query", "entity"),
    [
        ("Lavorv", "sergey-lavrov"),
        ("Lavrof", "sergey-lavrov"),
        ("Sergey Lavrof", "sergey-lavrov"),
        ("لافرف", "sergey-lavrov"),
        ("بلافرف", "sergey-lavrov"),
        ("Pyongyng", "pyongyang"),
        ("Kim Jung Un", "kim-jong-un"),
        ("فلاديمر بوتين", "vladimir-putin"),
        ("Seol", "seoul"),
        ("Moskow", "moscow"),
        ("Tokio", "tokyo"),
    ],
)
def test_misspellings_are_fuzzy_hits(loaded: glossary.Glossary, query: str, entity: str) -> None:
    hit = first(loaded, query)
    assert (hit.entry.id, hit.tier) == (entity, "fuzzy")
    assert 2 < hit.score < 3


def test_similarity() -> None:
    assert similarity("lavrov", "lavrov") == 1.0
    assert similarity("lavorv", "lavrov") >= 0.8  # a transposition
    assert similarity("لافرف", "لافروف") >= 0.8  # a dropped letter
    assert similarity("kim", "kin") < 0.8
    assert similarity("", "kim") == 0.0


def test_exact_beats_tokens_beats_fuzzy_beats_description(loaded: glossary.Glossary) -> None:
    assert (
        first(loaded, "Lavrov").score > first(loaded, "Lav").score > first(loaded, "Lavrof").score
    )
    hits = search(loaded, "Lavrov")
    tiers = [h.tier for h in hits]
    assert tiers[:2] == ["exact", "tokens"]  # sergey-lavrov, then lavrov-wonsan-visit
    assert set(tiers[2:]) == {"description"}
    assert [h.entry.id for h in hits[:2]] == ["sergey-lavrov", "lavrov-wonsan-visit"]
    assert all(h.score < 2 for h in hits[2:])


def test_description_only_matches_rank_below_name_matches(loaded: glossary.Glossary) -> None:
    hits = search(loaded, "Putin")
    assert hits[0].entry.id == "vladimir-putin"
    described = [h for h in hits if h.tier == "description"]
    assert described and all(h.score < hits[0].score for h in described)
    assert all(h.field in {"short_ar", "short_en", "long_ar", "long_en"} for h in described)
    nuclear = search(loaded, "nuclear")
    assert nuclear and {h.tier for h in nuclear} == {"description"}
    assert "north-korea" in [h.entry.id for h in search(loaded, "نووي")]
    # A short description ranks above a long one.
    short = next(h for h in hits if h.field.startswith("short"))
    long = next(h for h in hits if h.field.startswith("long"))
    assert short.score > long.score


def test_type_filter(loaded: glossary.Glossary) -> None:
    events = search(loaded, "Lavrov", "event")
    assert events[0].entry.id == "lavrov-wonsan-visit"
    assert {h.entry.type for h in events} == {"event"} and len(events) > 1
    assert ids(loaded, "Lavrov", "person")[0] == "sergey-lavrov"
    for kind in TYPES:
        assert {h.entry.type for h in search(loaded, "Korea", kind)} <= {kind}
    assert ids(loaded, "Pyongyang", "organization")[0] == "kcna"  # by its description


def test_ties_are_broken_by_type_then_id(loaded: glossary.Glossary) -> None:
    korea = search(loaded, "Korea")
    assert [h.entry.id for h in korea[:2]] == ["north-korea", "south-korea"]
    assert korea[0].score == korea[1].score
    order = {kind: index for index, kind in enumerate(TYPES)}
    for query in ("Korea", "Lavrov", "كوريا", "the", "Wonsan"):
        hits = search(loaded, query)
        keys = [(-h.score, order[h.entry.type], h.entry.id) for h in hits]
        assert keys == sorted(keys)


def test_limit(loaded: glossary.Glossary) -> None:
    assert len(search(loaded, "Korea")) > 3
    assert search(loaded, "Korea", limit=3) == search(loaded, "Korea")[:3]


@pytest.mark.parametrize("query", ["xyzzy qwerty", "", "   ", "؟!", "zzzzzzzz", "كسكسكس"])
def test_nonsense_finds_nothing(loaded: glossary.Glossary, query: str) -> None:
    assert search(loaded, query) == []


def test_every_query_word_must_match(loaded: glossary.Glossary) -> None:
    assert search(loaded, "Lavrov xyzzy") == []


def test_mention_counts_from_the_export() -> None:
    export = {"entries": [{"id": "kcna", "mentions": [{}, {}]}, {"id": "x"}, "junk"]}
    assert mention_counts(export) == {"kcna": 2}
    assert mention_counts([]) == {}
    assert mention_counts({"entries": None}) == {}


# The command line.


def search_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``briefing search`` on the real glossary, with no build export unless given one."""
    if "--export" not in args:
        args = (*args, "--export", str(tmp_path / "no-build" / "glossary.json"))
    return run_cli("search", *args, "--glossary", str(GLOSSARY))


def test_search_prints_one_block_per_result(tmp_path: Path) -> None:
    result = search_cli(tmp_path, "Lavorv")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == 2
    lines = blocks[0].splitlines()
    assert lines[0].startswith("sergey-lavrov (person)  mentions: ?  score: 2.")
    assert lines[1:3] == ["  سيرغي لافروف", "  Sergey Lavrov"]
    assert lines[3].startswith("  ar: وزير خارجية روسيا")
    assert lines[4].startswith("  en: Russia's foreign minister")
    assert lines[5] == "  matched (fuzzy, alias): Lavrov"
    assert blocks[1].startswith("lavrov-wonsan-visit (event)")


def test_search_reads_mention_counts_from_the_export(tmp_path: Path) -> None:
    export = tmp_path / "glossary.json"
    export.write_text(
        json.dumps({"entries": [{"id": "pyongyang", "mentions": [{}, {}, {}]}]}), encoding="utf-8"
    )
    result = search_cli(tmp_path, "بيونج يانغ", "--export", str(export))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pyongyang (place)  mentions: 3  score: 4.950\n")
    found = json.loads(
        search_cli(tmp_path, "Pyongyng", "--format", "json", "--export", str(export)).stdout
    )
    assert [(hit["id"], hit["mentions"]) for hit in found] == [("pyongyang", 3)]
    found = json.loads(
        search_cli(tmp_path, "Lavrov", "--format", "json", "--export", str(export)).stdout
    )
    assert found[0]["mentions"] is None  # not in this export


def test_search_json(tmp_path: Path) -> None:
    result = search_cli(tmp_path, "kcna", "--format", "json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found == [
        {
            "id": "kcna",
            "type": "organization",
            "names": {
                "ar": "وكالة الأنباء المركزية الكورية",
                "en": "Korean Central News Agency",
                "ko": "조선중앙통신",
            },
            "short_ar": "وكالة الأنباء الرسمية لكوريا الشمالية، تأسست عام 1946 ومقرها بيونغ يانغ.",
            "short_en": "North Korea's state news agency, founded in 1946 and based in Pyongyang.",
            "score": 4.95,
            "mentions": None,
        }
    ]


def test_search_type_and_limit(tmp_path: Path) -> None:
    result = search_cli(tmp_path, "Korea", "--format", "json", "--type", "place", "--limit", "2")
    assert result.returncode == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == ["north-korea", "south-korea"]
    result = search_cli(tmp_path, "Lavrov", "--format", "json", "--type", "event")
    found = json.loads(result.stdout)
    assert found[0]["id"] == "lavrov-wonsan-visit"
    assert {hit["type"] for hit in found} == {"event"}
    bad = search_cli(tmp_path, "Lavrov", "--type", "city")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_search_without_a_match_is_status_1(tmp_path: Path) -> None:
    result = search_cli(tmp_path, "xyzzy")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "briefing: no glossary entry matches xyzzy\n"
    result = search_cli(tmp_path, "xyzzy", "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (1, [])


def test_search_with_a_missing_glossary_is_status_2(tmp_path: Path) -> None:
    result = run_cli("search", "Lavrov", "--glossary", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "missing: no glossary here" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# -- the search page's matcher (static/briefing/search-match.js) agrees ---------------------

#: Names, aliases, adjectives, prefixes, variant spellings and typos, in both scripts.
AGREEMENT_QUERIES = [
    "Lavrov", "لافروف", "لافرف", "بلافرف", "Lavrof", "Lavorv", "Sergey Lavrof", "سيرغي لافروف",
    "سيرجي لافروف", "Lav", "Pyongyng", "Pyongyang", "بيونغ يانغ", "بيونج يانج", "بيونغيانغ",
    "Pyong Yang", "Kim Jong Un", "Kim Jung Un", "كيم جونج أون", "كيم جونغ-أون", "Kim",
    "بوتين", "فلاديمير بوتين", "فلاديمر بوتين", "Putin", "Vladimir Putin", "Seol", "سيئول",
    "Moskow", "موسكو", "بموسكو", "Tokio", "طوكيو", "KCNA", "kcn", "روسي", "Russian", "روسيا",
    "والكورية", "كوريه شماليه", "Korea", "لليابان", "اوكرانيا", "آوكرانيا", "اقليم كورسك",
    "Choe Son-hui", "تشوي سون هوي", "Wŏnsan", "وونسان", "Сергей Лавров", "P'yŏngyang",
    "Russia-DPRK treaty", "فلادي", "Washington", "واشنطون", "يوليو 2025",
]  # fmt: skip
#: Queries the page's matcher gets beside those (names only: descriptions are the index's).
OTHER_QUERIES = ["يونيو 2025"]


@pytest.fixture(scope="module")
def browser_hits(loaded: glossary.Glossary, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What the search page's matcher finds for each of :data:`AGREEMENT_QUERIES`, in Node,
    with the entity data the build writes into entities.js."""
    from sphinx_briefing.search.language import javascript
    from sphinx_briefing.search.page_data import entity_names

    node = shutil.which("node")
    assert node, "Node.js runs the search page's JavaScript"
    directory = tmp_path_factory.mktemp("match")
    entities = []
    for entry in sorted(loaded.entries.values(), key=lambda e: e.id):
        names, adjectives = entity_names(entry)
        entities.append({"id": entry.id, "type": entry.type, "names": names, "adj": adjectives})
    static = REPO / "ext" / "sphinx_briefing" / "static" / "briefing" / "search-match.js"
    (directory / "code.js").write_text(
        javascript() + "\n" + static.read_text(encoding="utf-8"), encoding="utf-8"
    )
    queries = AGREEMENT_QUERIES + OTHER_QUERIES
    data = {"entities": entities, "types": list(TYPES), "queries": queries}
    (directory / "input.json").write_text(json.dumps(data), encoding="utf-8")
    (directory / "run.js").write_text(
        """
const fs = require("fs");
const vm = require("vm");
const context = { module: { exports: {} } };
vm.createContext(context);
vm.runInContext(fs.readFileSync(__dirname + "/code.js", "utf8"), context);
const { BriefingMatch } = context.module.exports;
const input = JSON.parse(fs.readFileSync(__dirname + "/input.json", "utf8"));
const out = {};
for (const query of input.queries)
  out[query] = BriefingMatch.entityHits(input.entities, input.types, query)
    .map((hit) => [hit.entity.id, hit.tier, hit.score]);
process.stdout.write(JSON.stringify(out));
""",
        encoding="utf-8",
    )
    result = subprocess.run(
        [node, str(directory / "run.js")], capture_output=True, text=True, check=True
    )
    found: dict = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("query", AGREEMENT_QUERIES)
def test_the_search_page_and_the_cli_find_the_same_entries(
    loaded: glossary.Glossary, browser_hits: dict, query: str
) -> None:
    cli = [(h.entry.id, h.tier, h.score) for h in search(loaded, query) if h.tier != "description"]
    assert cli, f"the CLI finds no name for {query!r}"
    page = [tuple(hit) for hit in browser_hits[query]]
    assert page == cli  # the same entries, tiers and scores, in the same order


def test_typos_find_the_same_first_entry_in_both(browser_hits: dict) -> None:
    for query, entity in [("لافرف", "sergey-lavrov"), ("Lavrof", "sergey-lavrov"),
                          ("Pyongyng", "pyongyang"), ("Kim Jung Un", "kim-jong-un")]:  # fmt: skip
        assert browser_hits[query][0][:2] == [entity, "fuzzy"], query


def test_a_month_is_never_a_typo_of_another(loaded: glossary.Glossary, browser_hits: dict) -> None:
    # «زيارة لافروف إلى وونسان (يوليو 2025)»: June is not July, in either search.
    assert "lavrov-wonsan-visit" in ids(loaded, "يوليو 2025")
    assert "lavrov-wonsan-visit" not in ids(loaded, "يونيو 2025")
    assert similarity("يونيو", "يوليو") >= 0.8  # one letter apart all the same
    assert browser_hits["يونيو 2025"] == []
