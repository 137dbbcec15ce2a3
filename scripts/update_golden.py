#!/usr/bin/env python3
"""Regenerate tests/data/golden/small.ttl from tests/data/golden/small.md.

Run after an intended change to extraction or the RDF model, then review the diff:

    .venv/bin/python scripts/update_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "data" / "golden"
sys.path.insert(0, str(REPO))

from graph.building import build  # noqa: E402
from graph.export import export  # noqa: E402
from graph.rdf import TG  # noqa: E402
from graph.schema import load_schema  # noqa: E402


def main() -> int:
    source = GOLDEN / "small.md"
    target = GOLDEN / "small.ttl"
    dataset, report = build([source], schema=load_schema())
    if report.failures or report.documents != 1:
        print(f"cannot build {source}: {report.failures}", file=sys.stderr)
        return 1
    dataset.remove((None, TG.contentHash, None, None))  # depends on the schema files; tests ignore it
    export(dataset, "turtle", target)
    print(f"wrote {target.relative_to(REPO)} ({report.assertions} facts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
