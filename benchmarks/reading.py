"""How well articles pasted from the web are read: each line's role against a hand annotation.

``python benchmarks/reading.py [FOLDER ...]`` (default: the development set
``tests/data/real`` and the held-out set ``benchmarks/data/holdout``) prints, per folder, the
share of non-blank lines read right, exactly (headline, heading, paragraph, item, dateline,
byline, published, omitted) and coarsely (headline, heading, body, set aside or metadata, the
issue's measure), the longest title, and the lines read wrong; and writes
``build/bench/reading.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "ext"))

from sphinx_briefing.text import article, source  # noqa: E402

ROLES = article.ROLE_NAMES
#: The issue's measure: headline, heading, body, or set aside / metadata.
COARSE = {
    "headline": "headline",
    "heading": "heading",
    "paragraph": "body",
    "item": "body",
    "dateline": "aside",
    "byline": "aside",
    "published": "aside",
    "omitted": "aside",
}


def measure(folder: Path) -> dict[str, Any]:
    """Scores of the reader on one annotated folder: ``lines``, ``exact`` and ``coarse``
    shares, ``longest_title``, and the ``wrong`` lines (coarsely)."""
    gold = json.loads((folder / "roles.json").read_text(encoding="utf-8"))
    total = exact = coarse = 0
    wrong: list[str] = []
    longest = 0
    for name, truth in sorted(gold.items()):
        text = source.decode((folder / name).read_bytes()).text
        parsed = article.parse(text)
        longest = max(longest, len(parsed.title()[0]))
        for block in parsed.blocks:
            want = truth["lines"][str(block.line)]
            got = ROLES[block.kind]
            total += 1
            exact += got == want
            coarse += COARSE[got] == COARSE[want]
            if COARSE[got] != COARSE[want]:
                wrong.append(
                    f"{name}:{block.line}: {got} ({block.why}), want {want}: {block.text[:60]}"
                )
    return {
        "folder": str(folder.relative_to(REPO)),
        "lines": total,
        "exact": exact / total,
        "coarse": coarse / total,
        "longest_title": longest,
        "wrong": wrong,
    }


def main(argv: list[str]) -> int:
    folders = [Path(a).resolve() for a in argv] or [
        REPO / "tests" / "data" / "real",
        REPO / "benchmarks" / "data" / "holdout",
    ]
    results = [measure(folder) for folder in folders]
    print(f"{'folder':<28} {'lines':>6} {'exact':>7} {'coarse':>7} {'longest title':>14}")
    for r in results:
        print(
            f"{r['folder']:<28} {r['lines']:>6} {r['exact']:>7.1%} {r['coarse']:>7.1%}"
            f" {r['longest_title']:>14}"
        )
    for r in results:
        for line in r["wrong"]:
            print(f"  {line}")
    out = REPO / "build" / "bench" / "reading.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
