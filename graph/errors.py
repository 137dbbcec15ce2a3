"""Errors talkgraph raises on purpose: each carries a one-line message that says what to do."""


class TalkgraphError(Exception):
    """Base class; the CLI prints its message as one line and exits non-zero."""


class SchemaError(TalkgraphError):
    """schema/ is invalid; the message lists numbered problems with file, entry and fix."""


class SourceError(TalkgraphError):
    """A transcript could not be read."""


class QueryError(TalkgraphError):
    """A SPARQL query was refused, failed or timed out."""


class StoreError(TalkgraphError):
    """A store could not be opened or written."""


class LLMError(TalkgraphError):
    """The LLM endpoint could not be reached, refused the request, or a build cap was reached."""
