"""How well the glossary grows from real articles: candidates for the names it lacks, and links
for the names it has, against the hand annotation ``names.json`` of a folder of real texts.

``python benchmarks/glossary_growth.py [FOLDER ...]`` (default: the development set
``tests/data/real`` and the held-out set ``benchmarks/data/holdout``) prints, per folder:

- **linking** of the entities the folder's test glossary (``FOLDER/glossary``) has: recall (gold
  mentions linked to their entity) and precision (links that are a gold mention of that entity,
  or a name nested in a longer gold name that contains it, which the build records as nested);
- **candidates** for the entities without an entry: recall (such entities with a mention covered
  by a new-name candidate), right type (among those found), precision (new-name candidates with
  a mention that overlaps a gold name);
- **drafts**: after ``write_drafts`` into a copy of the glossary, the share of the unknown
  entities' mentions the linker links, and the known entities' recall again;

and writes ``build/bench/glossary_growth.json``. Only lines the annotation covers (roles other
than ``omitted``) count. ``tests/unit/test_glossary_growth.py`` asserts the issue's floors on
the development set with these same functions.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "ext"))

from sphinx_briefing import glossary as glossary_module  # noqa: E402
from sphinx_briefing.candidates.finder import find_candidates  # noqa: E402
from sphinx_briefing.candidates.model import Candidate, Source  # noqa: E402
from sphinx_briefing.text import source  # noqa: E402
from sphinx_briefing.text.linker import Linker  # noqa: E402

FOLDERS = (REPO / "tests" / "data" / "real", REPO / "benchmarks" / "data" / "holdout")

#: (file, line) -> gold mentions on that line
Gold = dict[tuple[str, int], list[dict[str, Any]]]


@dataclass
class Scores:
    folder: str
    known_mentions: int = 0
    link_recall: float = 0.0
    link_precision: float = 0.0
    unknown_entities: int = 0
    candidates: int = 0
    candidate_recall: float = 0.0
    right_type: float = 0.0
    candidate_precision: float = 0.0
    drafted_links: float = 0.0
    link_recall_after_drafts: float = 0.0
    missed_links: list[str] = field(default_factory=list)
    wrong_links: list[str] = field(default_factory=list)
    missed_names: list[str] = field(default_factory=list)
    false_candidates: list[str] = field(default_factory=list)


def texts(folder: Path) -> dict[str, str]:
    """The annotated files' texts, decoded as the build decodes them."""
    names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    return {name: source.decode((folder / name).read_bytes()).text for name in sorted(names)}


def gold(folder: Path) -> Gold:
    names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    lines: Gold = {}
    for name, mentions in names.items():
        for mention in mentions:
            lines.setdefault((name, mention["line"]), []).append(mention)
    return lines


def annotated_lines(folder: Path) -> set[tuple[str, int]]:
    """The lines the annotation covers: every non-blank line not set aside as ``omitted``."""
    roles = json.loads((folder / "roles.json").read_text(encoding="utf-8"))
    return {
        (name, int(line))
        for name, truth in roles.items()
        for line, role in truth["lines"].items()
        if role != "omitted"
    }


def links(
    all_texts: Mapping[str, str], loaded: glossary_module.Glossary
) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """What the linker links (names, not adjectives), line by line, as ``briefing annotate``."""
    people = frozenset(entry.id for entry in loaded.of_type("person"))
    linker = Linker([*loaded.aliases("ar"), *loaded.aliases("en")], people)
    found: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for name, text in all_texts.items():
        named: set[str] = set()
        for number, line in enumerate(text.split("\n"), start=1):
            for mention in linker.find(line, named):
                if mention.kind == "name":
                    found.setdefault((name, number), []).append(
                        (mention.start, mention.end, mention.entity)
                    )
    return found


def _link_scores(
    truth: Gold,
    covered: set[tuple[str, int]],
    linked: dict[tuple[str, int], list[tuple[int, int, str]]],
    known: set[str],
    scores: Scores | None = None,
) -> tuple[float, float, int]:
    wanted = [(key, m) for key, ms in truth.items() for m in ms if m["entity"] in known]
    hit = 0
    for key, mention in wanted:
        if (mention["start"], mention["end"], mention["entity"]) in linked.get(key, []):
            hit += 1
        elif scores is not None:
            scores.missed_links.append(f"{key[0]}:{key[1]}: {mention['text']}")
    made = right = 0
    for key, spans in linked.items():
        if key not in covered:
            continue
        for start, end, entity in spans:
            made += 1
            ok = False
            for mention in truth.get(key, []):
                same = (mention["start"], mention["end"]) == (start, end)
                inside = mention["start"] <= start and end <= mention["end"]
                if (same and mention["entity"] == entity) or (inside and not same):
                    ok = True
                    break
            right += ok
            if not ok and scores is not None:
                scores.wrong_links.append(f"{key[0]}:{key[1]}: [{start}:{end}] → {entity}")
    recall = hit / len(wanted) if wanted else 1.0
    precision = right / made if made else 1.0
    return recall, precision, len(wanted)


def _overlaps(candidate: Candidate, name: str, mention: dict[str, Any]) -> bool:
    return any(
        occurrence.file == name
        and occurrence.line == mention["line"]
        and occurrence.start < mention["end"]
        and mention["start"] < occurrence.end
        for occurrence in candidate.mentions
    )


def measure(folder: Path) -> Scores:
    """The scores of the finder, the linker and the drafts on one annotated folder."""
    scores = Scores(folder=str(folder.relative_to(REPO)))
    all_texts = texts(folder)
    truth = gold(folder)
    covered = annotated_lines(folder)
    loaded = glossary_module.load(folder / "glossary")
    known = set(loaded.entries)

    linked = links(all_texts, loaded)
    scores.link_recall, scores.link_precision, scores.known_mentions = _link_scores(
        truth, covered, linked, known, scores
    )

    candidates = find_candidates(all_texts, loaded)
    found = [candidate for candidate in candidates if candidate.variant_of is None]
    # Only what the annotation covers is judged: occurrences on omitted lines are dropped.
    judged = []
    for candidate in found:
        kept = [o for o in candidate.mentions if (o.file, o.line) in covered]
        if kept:
            judged.append(candidate)
    scores.candidates = len(judged)
    unknown: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for (name, _line), mentions in truth.items():
        for mention in mentions:
            if mention["entity"] not in known:
                unknown.setdefault(mention["entity"], []).append((name, mention))
    scores.unknown_entities = len(unknown)
    recalled = typed = 0
    for entity, mentions in sorted(unknown.items()):
        matches = [c for c in judged for name, m in mentions if _overlaps(c, name, m)]
        if matches:
            recalled += 1
            typed += any(c.type == mentions[0][1]["type"] for c in matches)
        else:
            scores.missed_names.append(f"{entity}: {mentions[0][1]['text']}")
    scores.candidate_recall = recalled / len(unknown) if unknown else 1.0
    scores.right_type = typed / recalled if recalled else 1.0
    real = 0
    for candidate in judged:
        if any(_overlaps(candidate, key[0], m) for key, ms in truth.items() for m in ms):
            real += 1
        else:
            first = candidate.mentions[0]
            scores.false_candidates.append(f"{first.file}:{first.line}: {candidate.text}")
    scores.candidate_precision = real / len(judged) if judged else 1.0

    scores.drafted_links, scores.link_recall_after_drafts = _after_drafts(
        folder, all_texts, candidates, truth, covered, known, unknown
    )
    return scores


def _after_drafts(
    folder: Path,
    all_texts: Mapping[str, str],
    candidates: list[Candidate],
    truth: Gold,
    covered: set[tuple[str, int]],
    known: set[str],
    unknown: Mapping[str, list[tuple[str, dict[str, Any]]]],
) -> tuple[float, float]:
    """Draft every candidate (found with the folder's glossary) into a copy of that
    glossary, then link again."""
    from sphinx_briefing.candidates.drafts import write_drafts

    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch) / "glossary"
        shutil.copytree(folder / "glossary", directory)
        loaded = glossary_module.load(directory)
        sources: dict[str, Source] = {name: {"title": name} for name in all_texts}
        write_drafts(candidates, directory, loaded, sources)
        grown = glossary_module.load(directory)
        linked = links(all_texts, grown)
    recall_after, _precision, _count = _link_scores(truth, covered, linked, known)
    wanted = [(n, m) for mentions in unknown.values() for n, m in mentions]
    hit = sum(
        any(
            start < m["end"] and m["start"] < end
            for start, end, _e in linked.get((n, m["line"]), [])
        )
        for n, m in wanted
    )
    return (hit / len(wanted) if wanted else 1.0), recall_after


def main(argv: list[str]) -> int:
    folders = [Path(arg).resolve() for arg in argv] or list(FOLDERS)
    results = [measure(folder) for folder in folders]
    columns = (
        ("link recall", "link_recall"),
        ("link precision", "link_precision"),
        ("candidate recall", "candidate_recall"),
        ("right type", "right_type"),
        ("candidate precision", "candidate_precision"),
        ("drafts linked", "drafted_links"),
        ("link recall after", "link_recall_after_drafts"),
    )
    print(f"{'folder':<28}" + "".join(f"{title:>21}" for title, _ in columns))
    for result in results:
        row = "".join(f"{getattr(result, key):>21.3f}" for _, key in columns)
        print(f"{result.folder:<28}{row}")
    for result in results:
        print(
            f"\n{result.folder}: {result.candidates} candidates, "
            f"{result.unknown_entities} names without an entry, "
            f"{result.known_mentions} known mentions"
        )
        for title, items in (
            ("missed names", result.missed_names),
            ("false candidates", result.false_candidates),
            ("missed links", result.missed_links),
            ("wrong links", result.wrong_links),
        ):
            if items:
                print(f"  {title}: " + "; ".join(items[:40]))
    out = REPO / "build" / "bench" / "glossary_growth.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1))
    print(f"\nwrote {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
