"""Score the rules extractor against every gold file in a folder (or several) and print
micro-averaged figures: the figure the project holds itself to on annotated transcripts.

    python scripts/score_gold.py tests/data tests/data/dev   # gold/ and transcripts/ below each
    python scripts/score_gold.py tests/data tests/data/heldout -v
    python scripts/score_gold.py tests/data/crosschannel/dev --transcripts PATH/TO/crosschannel
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.building import build
from graph.evaluate import Score, evaluate, load_gold
from graph.schema import load_schema
from graph.sources import supported

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def transcript_for(gold: Path, folder: Path, transcripts: Path | None = None) -> Path:
    """The transcript a gold file annotates: the file of the same name, whatever its format, in
    `transcripts`, the folder's transcripts/ or the examples."""
    for place in (transcripts, folder / "transcripts", EXAMPLES):
        for candidate in sorted(place.glob(f"{gold.stem}.*")) if place else ():
            if supported(candidate):
                return candidate
    raise SystemExit(f"no transcript for {gold}: give the folder that holds it with --transcripts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path, help="folders holding gold/ and transcripts/")
    parser.add_argument("--transcripts", type=Path, help="folder of the transcripts, if not transcripts/ beside gold/")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each file's full report")
    args = parser.parse_args()
    schema = load_schema()
    triples, entities = Score(), Score()
    for folder in args.folders:
        for gold in sorted((folder / "gold").glob("*.yaml")):
            dataset, _ = build([transcript_for(gold, folder, args.transcripts)], schema=schema)
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
