"""Write schema/common_words.txt: the most frequent English words, which fuzzy name repair
must never take for a name.

Needs the `wordfreq` package only when run (pip install wordfreq):
    python scripts/make_common_words.py --size 80000
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

HEADER = """# The most frequent English words (from wordfreq's English list), most frequent first.
# Fuzzy and phonetic name repair never turns one of these (or a plural or -ing form of
# one) into a name. Regenerate with scripts/make_common_words.py.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=80000, help="how many of the most frequent words")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path(__file__).parent.parent / "schema" / "common_words.txt"
    )
    args = parser.parse_args()
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", args.size) if re.fullmatch(r"[a-z][a-z']*", w)]
    unique = list(dict.fromkeys(words))
    args.output.write_text(HEADER + "\n".join(unique) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {args.output}")


if __name__ == "__main__":
    main()
