"""The report written out: one HTML page that reads without JavaScript (the charts embedded as PNG,
the rankings and each pair's claims as tables, every text escaped, no request made), or each chart
as a PNG or SVG file of its own in a folder."""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib.graph import Graph

from ..errors import TalkgraphError
from ..schema import Schema, default_schema
from .edges import web_url
from .files import write_atomic
from .report import DEFAULT_TOP, FORMATS, Cited, DatedClaim, ReportData, report_data
from .report_charts import Chart, pair_chart_name, render

STYLE = """
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; max-width: 960px;
         margin: 24px auto; padding: 0 16px; }
  h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px; }
  .muted { color: #666; } figure { margin: 12px 0; } img { max-width: 100%; height: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
  th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #e4e4e4; }
  td.number, th.number { text-align: right; } td.quote { font-style: italic; }
"""


def write_report(
    graph: Graph,
    output: str | Path,
    *,
    fmt: str = "html",
    pairs: Iterable[Sequence[str]] = (),
    top: int = DEFAULT_TOP,
    schema: Schema | None = None,
) -> list[Path]:
    """Write the report of `graph` and return the files written: with fmt "html" the page `output`,
    with "png" or "svg" one file per chart in the folder `output`. pairs and top as for report_data()."""
    if fmt not in FORMATS:
        raise TalkgraphError(f"unknown report format {fmt!r}; choose {', '.join(FORMATS)}")
    schema = schema or default_schema()
    data = report_data(graph, pairs=pairs, top=top, schema=schema)
    if fmt == "html":
        return [write_atomic(output, render_html(data, schema))]
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise TalkgraphError(
            f"{folder} is a file: --format {fmt} writes one file per chart into a folder given with -o"
        )
    return [write_atomic(folder / f"{chart.name}.{fmt}", image) for chart, image in render(data, schema, fmt)]


def render_html(data: ReportData, schema: Schema) -> str:
    """The report as one self-contained HTML page."""
    images = {chart.name: (chart, image) for chart, image in render(data, schema, "png")}
    parts = [f"<h1>talkgraph report</h1>\n<p class=muted>{_escape(_summary(data))}</p>"]
    parts += _section("Claims per month", images.get("claims-per-month"))
    parts += _section("Most-cited entities", images.get("most-cited-entities"), _cited_table(data.entities, "type"))
    parts += _section(
        "Most-cited pairs", images.get("most-cited-pairs"), _cited_table(data.pairs, "claims by relation")
    )
    for history in data.histories:
        table = _claims_table(history.claims, data.relation_labels)
        parts += _section(f"{history.title} over time", images.get(pair_chart_name(history)), table)
    return _page("\n".join(parts))


def _summary(data: ReportData) -> str:
    span = data.span
    text = f"{_count(len(data.claims), 'claim')} from {_count(data.videos, 'video')}"
    if span:
        text += f", published {span[0]} to {span[1]}"
    undated = len(data.claims) - len(data.dated)
    return text + (f"; {_count(undated, 'claim')} from videos without a date." if undated else ".")


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'s' * (number != 1)}"


def _section(title: str, image: tuple[Chart, bytes] | None, table: str = "") -> list[str]:
    parts = [f"<h2>{_escape(title)}</h2>"]
    if image:
        chart, png = image
        source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        parts.append(f'<figure><img src="{source}" alt="{_escape(chart.description)}"></figure>')
    if not image and not table:
        parts.append("<p class=muted>Nothing to show: no claim in the graph has what this needs.</p>")
    return parts + ([table] if table else [])


def _cited_table(rows: list[Cited], kind: str) -> str:
    if not rows:
        return ""
    head = (
        f"<tr><th>#</th><th>name</th><th>{_escape(kind)}</th>"
        "<th class=number>videos</th><th class=number>claims</th></tr>"
    )
    body = "".join(
        f"<tr><td>{rank}</td><td>{_escape(row.label)}</td><td>{_escape(row.kind)}</td>"
        f"<td class=number>{row.videos}</td><td class=number>{row.claims}</td></tr>"
        for rank, row in enumerate(rows, 1)
    )
    return f"<table>{head}{body}</table>"


def _claims_table(claims: list[DatedClaim], labels: dict[str, str]) -> str:
    head = "<tr><th>published</th><th>relation</th><th>quote</th><th>video</th></tr>"
    body = "".join(
        f"<tr><td>{_escape(claim.date or 'no date')}</td>"
        f"<td>{_escape(f'{claim.subject} {labels[claim.relation]} {claim.object}')}</td>"
        f"<td class=quote>\u201c{_escape(claim.quote)}\u201d</td><td>{_video(claim)}</td></tr>"
        for claim in claims
    )
    return f"<table>{head}{body}</table>"


def _video(claim: DatedClaim) -> str:
    title = _escape(claim.video or "untitled video")
    url = web_url(claim.link)
    return f'<a href="{_escape(url)}" rel="noopener noreferrer">{title}</a>' if url else title


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _page(body: str) -> str:
    policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="referrer" content="no-referrer">
<title>talkgraph report</title>
<style>{STYLE}</style>
</head>
<body>
{body}
</body>
</html>
"""
