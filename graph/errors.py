"""Errors talkgraph raises on purpose: each carries a one-line message that says what to do."""


class TalkgraphError(Exception):
    """Base class; the CLI prints its message as one line and exits non-zero."""


class SchemaError(TalkgraphError):
    """schema/ is invalid; the message lists numbered problems with file, entry and fix."""


class SourceError(TalkgraphError):
    """A transcript could not be read."""


class QueryError(TalkgraphError):
    """A SPARQL query was refused: malformed, a form talkgraph does not run, or an answer too big."""

    status = 400
    """The HTTP status `serve` answers with: the client's query is at fault."""


class QueryFailed(QueryError):
    """A query could not be answered for a reason of the server's: out of time or memory, a crash."""

    status = 500


class QueryOverloaded(QueryFailed):
    """A bound of the server's was reached (time, memory, queries at once): it may pass."""

    status = 503


class StoreError(TalkgraphError):
    """A store could not be opened or written."""


class LLMError(TalkgraphError):
    """The LLM endpoint could not be reached, refused the request, or a build cap was reached."""
