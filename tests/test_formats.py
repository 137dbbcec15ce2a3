"""The one table of formats: names, suffixes, media types, rdflib's and Oxigraph's names."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph import formats
from graph.errors import TalkgraphError
from graph.formats import FORMATS, RDF_FORMATS


def test_each_name_and_suffix_belongs_to_one_format():
    names = [fmt.name for fmt in FORMATS]
    suffixes = [suffix for fmt in FORMATS for suffix in (fmt.suffix, *fmt.also_read)]
    assert len(set(names)) == len(names)
    assert len(set(suffixes)) == len(suffixes)
    assert not set(formats.ALIASES) & set(names)
    assert set(formats.ALIASES.values()) <= set(names)


def test_an_alias_means_its_format():
    assert formats.named("json-ld") is formats.named("jsonld")
    assert formats.named("n-quads").suffix == ".nq"
    assert formats.canonical("ntriples") == "nt"
    assert formats.canonical("graphml") == "graphml"


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(TalkgraphError, match="unknown format 'rdfa'; choose one of: csv, gexf, graphml, html, jsonld"):
        formats.named("rdfa")


def test_output_follows_the_written_suffix_only():
    assert formats.for_output("out/graph.TTL").name == "turtle"
    assert formats.for_output("graph.json") is None  # read as JSON-LD, never written as one
    assert formats.for_output("graph.html").name == "html"
    assert formats.for_output("graph.xls") is None


def test_input_reads_every_rdf_suffix():
    assert formats.rdf_for_input("graph.json").rdflib == "json-ld"
    assert formats.rdf_for_input("ontology.owl").name == "xml"
    assert formats.rdf_for_input("edges.csv") is None
    assert formats.rdf_input_suffixes() == sorted(formats.rdf_input_suffixes())
    assert ".turtle" in formats.rdf_input_suffixes()


@pytest.mark.parametrize("fmt", [fmt for fmt in RDF_FORMATS if fmt.oxigraph is not None], ids=lambda f: f.name)
def test_oxigraph_agrees_with_the_table(fmt):
    assert fmt.oxigraph.media_type == fmt.media_types[0]
    assert ox.RdfFormat.from_extension(fmt.suffix.lstrip(".")) == fmt.oxigraph


def test_only_trig_and_nquads_keep_the_documents_apart():
    assert {fmt.name for fmt in FORMATS if fmt.keeps_graphs} == {"trig", "nquads"}


def test_media_types_of_formats_oxigraph_does_not_write_are_refused():
    assert list(formats.oxigraph_media_types("nt")) == ["application/n-triples", "text/plain"]
    with pytest.raises(TalkgraphError, match="Oxigraph does not write jsonld"):
        formats.oxigraph_media_types("jsonld")
