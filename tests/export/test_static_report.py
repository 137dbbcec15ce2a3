"""graph.export.report, report_charts and report_files: the static report of a graph built from real
transcripts (the example and tests/data/transcripts, five videos of different dates)."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from test_network import DOC1, DOC2, ID, Builder

from graph.building import build
from graph.cli import main
from graph.errors import TalkgraphError
from graph.export.report import months_between, per_month, report_data
from graph.export.report_files import render_html, write_report

PNG = b"\x89PNG\r\n\x1a\n"
IMAGE = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="[^"]+">')


@pytest.fixture(scope="module")
def built(example_path, schema):
    sources = [example_path, example_path.parents[1] / "tests" / "data" / "transcripts"]
    dataset, report = build(sources, schema=schema)
    assert report.documents == 5 and not report.failures
    return dataset


@pytest.fixture(scope="module")
def data(built):
    return report_data(built, top=8)


def test_every_claim_is_counted_in_the_month_its_video_was_published(data):
    assert data.videos == 5 and len(data.claims) >= 45
    assert data.span == ("2024-07-31", "2026-01-06")
    months, counts = per_month(data.claims)
    assert months == months_between("2024-07-01", "2026-01-06") and len(months) == 19
    assert sum(map(sum, counts.values())) == len(data.dated) == len(data.claims)
    by_month = Counter(claim.month for claim in data.claims)
    assert [sum(counts[r][i] for r in counts) for i in range(len(months))] == [by_month[m] for m in months]
    assert sum(counts[r][months.index("2025-01")] for r in counts) > 0  # the example, published 2025-01-20


def test_entities_and_pairs_are_ranked_by_the_videos_that_cite_them(data):
    assert len(data.entities) == len(data.pairs) == 8
    for ranking in (data.entities, data.pairs):
        keys = [(-row.videos, -row.claims) for row in ranking]
        assert keys == sorted(keys)
    assert data.entities[0].label == "Microsoft" and data.entities[0].videos == 3
    openai = next(row for row in data.entities if row.label == "OpenAI")
    assert (openai.kind, openai.videos) == ("Company", 3)
    pair = next(row for row in data.pairs if row.label == "Microsoft \u2014 OpenAI")
    assert (pair.kind, pair.videos, pair.claims) == ("partner of 2", 2, 2)


def test_a_pair_named_by_label_or_alias_is_followed_through_time(built):
    (history,) = report_data(built, pairs=[("microsoft", "OpenAI")]).histories
    assert (history.first, history.second) == ("Microsoft", "OpenAI")
    assert [claim.date for claim in history.claims] == sorted(claim.date for claim in history.claims)
    assert {(c.subject, c.relation, c.object) for c in history.claims} == {("Microsoft", "partnerOf", "OpenAI")}
    assert len(history.claims) == 2
    assert all(claim.link and "&t=" in claim.link and claim.quote for claim in history.claims)


def test_without_a_pair_the_report_follows_the_most_cited_one(data):
    assert [history.title for history in data.histories] == [data.pairs[0].label.replace(" — ", " and ")]


@pytest.mark.parametrize(
    "pair, message",
    [
        (("Microsoft", "Nobody Inc"), "no entity is named 'Nobody Inc'"),
        (("Microsoft", "Trainium"), "no claim relates Microsoft and Trainium"),
        (("OpenAI", "openai"), "name the same entity"),
        (("OpenAI",), "a pair is two names, not 1"),
    ],
)
def test_a_pair_that_cannot_be_followed_is_refused_in_one_line(built, pair, message):
    with pytest.raises(TalkgraphError, match=message) as raised:
        report_data(built, pairs=[pair])
    assert "\n" not in str(raised.value)


def test_the_page_embeds_every_chart_and_reads_without_a_script(built, schema, tmp_path):
    data = report_data(built, pairs=[("Microsoft", "OpenAI")], top=5)
    (path,) = write_report(built, tmp_path / "report.html", pairs=[("Microsoft", "OpenAI")], top=5)
    page = path.read_text(encoding="utf-8")
    assert page == render_html(data, schema)
    images = [base64.b64decode(image) for image in IMAGE.findall(page)]
    assert len(images) == 4 and all(image.startswith(PNG) for image in images)
    assert "<script" not in page and "default-src 'none'; img-src data:" in page
    assert re.findall(r"<h2>(.*?)</h2>", page) == [
        "Claims per month",
        "Most-cited entities",
        "Most-cited pairs",
        "Microsoft and OpenAI over time",
    ]
    assert set(re.findall(r'(?:src|href)="(\w+):', page)) == {"data", "https"}
    assert page.count("<tr>") == 1 + 5 + 1 + 5 + 1 + 2  # a head row and a row each


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_each_chart_is_a_file_of_its_own_and_the_same_every_time(built, tmp_path, fmt):
    first = write_report(built, tmp_path / "one", fmt=fmt, pairs=[("Microsoft", "OpenAI")])
    again = write_report(built, tmp_path / "two", fmt=fmt, pairs=[("Microsoft", "OpenAI")])
    names = ["claims-per-month", "most-cited-entities", "most-cited-pairs", "pair-microsoft-openai"]
    assert [path.name for path in first] == [f"{name}.{fmt}" for name in names]
    assert [path.read_bytes() for path in first] == [path.read_bytes() for path in again]
    for path in first:
        if fmt == "png":
            assert path.read_bytes().startswith(PNG)
        else:
            assert ElementTree.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_a_folder_format_refuses_a_file_and_an_unknown_format_is_named(built, tmp_path):
    taken = tmp_path / "taken.png"
    taken.write_text("not a folder")
    with pytest.raises(TalkgraphError, match="is a file: --format png writes one file per chart into a folder"):
        write_report(built, taken, fmt="png")
    with pytest.raises(TalkgraphError, match="unknown report format 'pdf'; choose html, png, svg"):
        write_report(built, tmp_path / "report.pdf", fmt="pdf")


def test_names_quotes_and_titles_from_transcripts_are_text_in_the_page_and_the_charts(schema):
    b = Builder()
    evil, dollars = URIRef(ID + "company/evil"), URIRef(ID + "company/dollars")
    one = b.document(DOC1, "<script>alert(1)</script>", "javascript:alert(1)", date="2025-03-01")
    two = b.document(DOC2, "Money", "https://www.youtube.com/watch?v=two", date="2025-04-01")
    b.entity(one, DOC1, evil, "Company", "<b>Evil</b> & Co")
    b.entity(one, DOC1, dollars, "Company", "$x^2$ Capital")  # mathtext, were it parsed
    b.claim(one, DOC1, evil, "competesWith", dollars, 0.7, '"><img src=x onerror=alert(1)>', 5.0)
    b.claim(two, DOC2, dollars, "investsIn", evil, 0.8, "backs them", 9.0)
    page = render_html(report_data(b.dataset), schema)
    assert "<script" not in page and "<img src=x" not in page and "<b>Evil" not in page
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in page and "$x^2$ Capital" in page
    assert "javascript:" not in page and 'href="https://www.youtube.com/watch?v=two&amp;t=9s"' in page
    assert len(IMAGE.findall(page)) == 4


def test_a_graph_without_dated_claims_still_reports_its_rankings(schema):
    b = Builder()
    one = b.document(DOC1, "Undated", "https://www.youtube.com/watch?v=one")
    b.claim(one, DOC1, URIRef(ID + "company/a"), "partnerOf", URIRef(ID + "company/b"), 0.7, "A works with B")
    data = report_data(b.dataset)
    page = render_html(data, schema)
    assert data.span is None and per_month(data.claims) == ([], {})
    assert "<p class=muted>1 claim from 1 video; 1 claim from videos without a date.</p>" in page
    assert "<h2>Claims per month</h2>\n<p class=muted>Nothing to show" in page
    assert len(IMAGE.findall(page)) == 2 and "<h2>a and b over time</h2>\n<table>" in page


def test_the_command_writes_the_page_or_the_charts(built, tmp_path):
    graph = tmp_path / "graph.ttl"
    built.serialize(graph, format="turtle")
    runner = CliRunner()
    page = runner.invoke(main, ["report", str(graph), "-o", str(tmp_path / "r.html"), "--pair", "Microsoft", "OpenAI"])
    assert page.exit_code == 0, page.output
    assert page.output == f"wrote {tmp_path / 'r.html'}\n"
    charts = runner.invoke(main, ["report", str(graph), "-o", str(tmp_path / "charts"), "-f", "svg", "--top", "3"])
    assert charts.exit_code == 0, charts.output
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == [
        "claims-per-month.svg",
        "most-cited-entities.svg",
        "most-cited-pairs.svg",
        "pair-cloud-services-microsoft.svg",
    ]
    refused = runner.invoke(
        main, ["report", str(graph), "-o", str(tmp_path / "x.html"), "--pair", "Microsoft", "Nobody"]
    )
    assert refused.exit_code == 1
    assert (
        refused.output
        == "talkgraph: error: no entity is named 'Nobody'; check the spelling or try one of its aliases\n"
    )
