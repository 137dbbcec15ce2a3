"""Score the rules extractor against every gold file in a folder (or several) and print
micro-averaged figures: the figure the project holds itself to on annotated transcripts.

    python scripts/score_gold.py tests/data tests/data/dev   # gold/ and transcripts/ below each
    python scripts/score_gold.py tests/data tests/data/heldout -v
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.building import build
from graph.evaluate import Score, evaluate, load_gold
from graph.schema import load_schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def transcript_for(gold: Path, folder: Path) -> Path:
    for candidate in (folder / "transcripts" / f"{gold.stem}.md", EXAMPLES / f"{gold.stem}.md"):
        if candidate.exists():
            return candidate
    raise SystemExit(f"no transcript for {gold}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path, help="folders holding gold/ and transcripts/")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each file's full report")
    args = parser.parse_args()
    schema = load_schema()
    triples, entities = Score(), Score()
    for folder in args.folders:
        for gold in sorted((folder / "gold").glob("*.yaml")):
            dataset, _ = build([transcript_for(gold, folder)], schema=schema)
            result = evaluate(dataset, load_gold(gold))
            if args.verbose:
                print(result.report())
            print(f"{gold.stem[:48]:<48} {result.triples.line('triples')}  entity F1={result.entities.f1:.2f}")
            triples.add(result.triples)
            entities.add(result.entities)
    print(triples.line("micro triples"))
    print(entities.line("micro entities"))


if __name__ == "__main__":
    main()
