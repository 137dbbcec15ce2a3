"""The report's charts, drawn with matplotlib's object API (no pyplot, no display): claims per month
per relation, the most-cited entities and pairs, and each chosen pair's claims over time, in the
schema's colours. Text is drawn as text, never as mathtext, whatever "$" a name holds.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import matplotlib
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from ..rdf import slug
from ..schema import Schema
from .network_style import relation_style, type_style
from .report import PairHistory, ReportData, per_month

WIDTH = 9.0  # inches; at DPI, 900 pixels
DPI = 100
PAIR_COLOUR = "#607d8b"
STYLE: dict[Any, Any] = {
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,  # "$" in a name is a dollar sign
    "svg.hashsalt": "talkgraph",  # the same ids in every SVG written from the same data
}
METADATA = {"png": {"Software": "talkgraph"}, "svg": {"Date": None, "Creator": "talkgraph"}}


@dataclass(frozen=True)
class Chart:
    name: str  # the file's stem
    title: str
    description: str  # what it shows, for alt text


def render(data: ReportData, schema: Schema, fmt: str) -> list[tuple[Chart, bytes]]:
    """Every chart of the report as `fmt` ("png" or "svg") bytes; a chart with nothing to show is left out."""
    with _style():
        drawn = [*_claims_per_month(data, schema), *_most_cited(data, schema)]
        drawn += [_pair_over_time(history, schema) for history in data.histories if history.dated]
        return [(chart, _save(figure, fmt)) for chart, figure in drawn]


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(STYLE), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")  # a name in a script the font lacks
        yield


def _save(figure: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=DPI, metadata=METADATA[fmt])
    return buffer.getvalue()


def _claims_per_month(data: ReportData, schema: Schema) -> list[tuple[Chart, Figure]]:
    months, counts = per_month(data.claims)
    if not months:
        return []
    figure = Figure(figsize=(WIDTH, 3.6), layout="constrained")
    axes = figure.add_subplot()
    bottom = [0] * len(months)
    for relation in _in_schema_order(counts, schema):
        style = relation_style(schema, relation)
        axes.bar(months, counts[relation], bottom=bottom, color=style.colour, label=style.label, width=0.8)
        bottom = [b + c for b, c in zip(bottom, counts[relation])]
    every = max(1, len(months) // 12)
    axes.set_xticks(range(0, len(months), every), months[::every], rotation=45, ha="right")
    axes.set_ylabel("claims")
    axes.set_xlim(-0.6, len(months) - 0.4)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    chart = Chart(
        "claims-per-month",
        "Claims per month, by relation",
        f"Stacked bars of the claims said in each month from {months[0]} to {months[-1]}, one colour per relation.",
    )
    return [(chart, figure)]


def _most_cited(data: ReportData, schema: Schema) -> list[tuple[Chart, Figure]]:
    drawn = []
    if data.entities:
        colours = [type_style(schema, entity.kind)[0] for entity in data.entities]
        figure = _ranking([f"{e.label} ({e.kind})" for e in data.entities], [e.videos for e in data.entities], colours)
        about = "Bars of the videos with a claim about each of the most-cited entities."
        drawn.append((Chart("most-cited-entities", "Most-cited entities", about), figure))
    if data.pairs:
        figure = _ranking([pair.label for pair in data.pairs], [pair.videos for pair in data.pairs], PAIR_COLOUR)
        about = "Bars of the videos with a claim relating each of the most-cited pairs."
        drawn.append((Chart("most-cited-pairs", "Most-cited pairs", about), figure))
    return drawn


def _ranking(labels: list[str], videos: list[int], colours) -> Figure:
    figure = Figure(figsize=(WIDTH, 0.8 + 0.28 * len(labels)), layout="constrained")
    axes = figure.add_subplot()
    rows = range(len(labels))
    axes.barh(rows, videos, color=colours, height=0.7)
    axes.set_yticks(rows, labels)
    axes.invert_yaxis()
    axes.set_xlabel("videos with a claim about it")
    for row, count in zip(rows, videos):
        axes.annotate(str(count), (count, row), xytext=(3, 0), textcoords="offset points", va="center")
    return figure


def _pair_over_time(history: PairHistory, schema: Schema) -> tuple[Chart, Figure]:
    """A row per relation and direction, a dot per claim at its video's publish date, bigger when surer."""
    dated = history.dated
    rows: dict[tuple[str, str, str], int] = {}
    for claim in dated:
        rows.setdefault((claim.subject, claim.relation, claim.object), len(rows))
    figure = Figure(figsize=(WIDTH, 1.3 + 0.45 * max(len(rows), 1)), layout="constrained")
    axes = figure.add_subplot()
    for (subject, relation, obj), row in rows.items():
        claims = [c for c in dated if (c.subject, c.relation, c.object) == (subject, relation, obj)]
        axes.scatter(
            date2num([date.fromisoformat(c.date) for c in claims if c.date]),
            [row] * len(claims),
            s=[20 + 80 * (c.confidence or 0.0) for c in claims],
            color=relation_style(schema, relation).colour,
            alpha=0.75,
            edgecolors="white",
        )
    labels = [f"{s} {relation_style(schema, r).label} {o}" for s, r, o in rows]
    axes.set_yticks(range(len(rows)), labels)
    axes.set_ylim(len(rows) - 0.5, -0.5)
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(axis="x", color="#dddddd")
    undated = len(history.claims) - len(dated)
    axes.set_xlabel("publish date of the video" + (f" ({undated} claims without a date not drawn)" if undated else ""))
    chart = Chart(
        pair_chart_name(history),
        f"{history.title} over time",
        f"A dot per claim relating {history.title}, at its video's publish date, a row per relation.",
    )
    return chart, figure


def pair_chart_name(history: PairHistory) -> str:
    return f"pair-{slug(history.first)}-{slug(history.second)}"


def _in_schema_order(counts: dict, schema: Schema) -> list[str]:
    return [name for name in schema.relations if name in counts] + sorted(set(counts) - set(schema.relations))
