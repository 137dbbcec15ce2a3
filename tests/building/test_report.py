"""BuildReport: what a build, an extract or a load did."""

from __future__ import annotations

from graph.building import BuildReport


def test_counts_of_documents_add_up():
    report = BuildReport()
    report.add_counts({"unknown entity": 2}, {"llm requests": 1})
    report.add_counts({"unknown entity": 1, "wrong type": 1}, {"llm requests": 2, "llm tokens": 90})
    assert report.dropped == {"unknown entity": 3, "wrong type": 1}
    assert report.usage == {"llm requests": 3, "llm tokens": 90}


def test_documents_per_second():
    assert BuildReport(documents=10, seconds=4.0).documents_per_second == 2.5
    assert BuildReport(documents=10).documents_per_second == 0.0
