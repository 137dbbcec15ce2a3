"""Building a graph from transcripts, by one of three roads over one corpus module.

- :mod:`.corpus`: the files among SOURCES and who each one is (build keys, duplicates, the
  ids of a video's later transcripts), for every road;
- :mod:`.dataset`: ``build()`` reads, extracts and maps into a dataset, incrementally into a store;
- :mod:`.quad_files`: ``extract_files()`` writes one N-Quads file per document, on any engine;
- :mod:`.load`: ``load_files()`` puts those files into a store.

Each returns a :class:`BuildReport`.
"""

from .dataset import build, default_jobs
from .load import load_files
from .quad_files import extract_file, extract_files
from .report import BuildReport

__all__ = ["BuildReport", "build", "default_jobs", "extract_file", "extract_files", "load_files"]
