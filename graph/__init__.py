"""talkgraph: turn spoken-word transcripts into an RDF knowledge graph.

files → Document → Mention → Entity → Assertion → RDF → outputs.
"""

from .api import load, query
from .building import BuildReport, build
from .errors import TalkgraphError
from .evaluate import evaluate, load_gold
from .export import export
from .schema import Schema, load_schema
from .stats import graph_stats
from .stores import open_store
from .validate import validate

__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "Schema",
    "TalkgraphError",
    "build",
    "evaluate",
    "export",
    "graph_stats",
    "load",
    "load_gold",
    "load_schema",
    "open_store",
    "query",
    "validate",
]
