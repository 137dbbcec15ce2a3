"""The network page in a real browser: Debian's chromium driven by Playwright, with every request
that is not a file aborted, so the page must work offline.

Hovering and clicking use the real mouse at the points vis-network reports for each node and edge.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from rdflib import Dataset, URIRef
from test_network import AMAZON, ANTHROPIC, CLAUDE, DOC1, DOC2, ID, Builder, big_dataset, make_dataset

from graph.export.network import network_data, render_network

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never a browser Playwright downloads
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
OUTPUT = Path(__file__).resolve().parents[2] / "output"
SETTLE_TIMEOUT_MS = 180_000  # generous: the machine may be busy; speed is measured elsewhere
VIEWPORT = {"width": 1400, "height": 900}

PWN = "window.__pwned=1"
EVIL_LABEL = f'Evil <img src=x onerror="{PWN}"> Corp'
EVIL_ALIAS = f"<script>{PWN}</script>"
EVIL_TITLE = f'Partners <img src=x onerror="{PWN}"> see href'
EVIL_AUTHOR = f'<svg onload="{PWN}">Mallory'
EVIL_QUOTE = f'"><script>{PWN}</script><img src=x onerror={PWN}> is working with Anthropic'
EVIL_LINK = f'https://www.youtube.com/watch?v=one&t=5s"><img/src=x/onerror={PWN}>'
EVIL_PERSON = f"Eve <b onmouseover={PWN}>"
EVIL = ID + "company/evil"


@pytest.fixture(scope="module")
def browser() -> Browser:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Opened:
    page: Page
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def counts(self) -> tuple[int, int]:
        return tuple(self.js("[network.body.data.nodes.length, network.body.data.edges.length]"))

    def stats(self) -> str:
        return self.js("document.getElementById('stats').textContent")


@pytest.fixture
def open_page(browser, tmp_path):
    """open_page(html, bypass_csp=False) -> Opened, once the layout has settled."""
    contexts = []

    def open_(html: str, bypass_csp: bool = False) -> Opened:
        path = tmp_path / f"page{len(contexts)}.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(viewport=VIEWPORT, bypass_csp=bypass_csp)
        contexts.append(context)
        opened = Opened(context.new_page())
        context.route("**/*", lambda route: _file_only(route, opened.blocked))
        opened.page.on("console", lambda message: message.type == "error" and opened.errors.append(message.text))
        opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
        opened.page.goto(path.as_uri(), wait_until="commit", timeout=SETTLE_TIMEOUT_MS)
        opened.page.wait_for_selector("body[data-state=settled]", state="attached", timeout=SETTLE_TIMEOUT_MS)
        return opened

    yield open_
    for context in contexts:
        context.close()


def _file_only(route, blocked: list[str]) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort()


def screenshot(opened: Opened, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    opened.page.screenshot(path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


# --- pointing at nodes and edges ------------------------------------------------------------
POINT_ON = """([kind, id]) => {
  const box = document.getElementById('network').getBoundingClientRect();
  const spots = kind === 'node'
    ? [[0, 0], [3, 3], [-3, -3], [3, -3], [-3, 3], [5, 0], [0, 5]].map(([dx, dy]) => {
        const p = network.canvasToDOM(network.getPosition(id)); return {x: p.x + dx, y: p.y + dy}; })
    : [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map(t => network.canvasToDOM(network.body.edges[id].edgeType.getPoint(t)));
  for (const spot of spots) {
    const inside = spot.x > 2 && spot.y > 2 && spot.x < box.width - 2 && spot.y < box.height - 2;
    const node = network.getNodeAt(spot), edge = network.getEdgeAt(spot);
    const hit = kind === 'node' ? node === id : node === undefined && edge === id;
    if (inside && hit) { return {x: box.left + spot.x, y: box.top + spot.y}; }
  }
  return null;
}"""


def point_on(opened: Opened, kind: str, item_id: str) -> dict:
    point = opened.js(POINT_ON, [kind, item_id])
    assert point is not None, f"no free spot to point at {kind} {item_id}"
    return point


def hover(opened: Opened, kind: str, item_id: str) -> str:
    """Move the mouse onto the item, wait for its tooltip and return the tooltip's text."""
    point = point_on(opened, kind, item_id)
    opened.page.mouse.move(point["x"], point["y"])
    deadline = time.monotonic() + 10
    while not opened.js("id => window.__popups.includes(id)", item_id):
        assert time.monotonic() < deadline, f"no tooltip for {kind} {item_id}"
        opened.page.wait_for_timeout(30)
    return opened.js("document.querySelector('div.vis-tooltip').textContent")


def click(opened: Opened, kind: str, item_id: str) -> str:
    """Click the item and return the text of the details panel."""
    point = point_on(opened, kind, item_id)
    opened.page.mouse.click(point["x"], point["y"])
    return opened.js("document.getElementById('details').textContent")


def record_popups(opened: Opened) -> None:
    opened.js("window.__popups = []; network.on('showPopup', id => window.__popups.push(id))")


# --- the example -------------------------------------------------------------------------------
def test_example_page_loads_offline_with_every_entity_and_relation(example_dataset, open_page):
    nodes, edges = network_data(example_dataset)
    opened = open_page(render_network(example_dataset))
    assert opened.counts() == (len(nodes), len(edges)) and len(edges) >= 10
    assert opened.stats() == f"showing {len(nodes)} of {len(nodes)} entities and {len(edges)} of {len(edges)} relations"
    assert opened.js("network.physics.options.enabled") is False
    assert opened.js("document.getElementById('status').textContent").startswith("layout settled ")
    assert opened.js("Number(document.body.dataset.settledMs)") > 0
    labels = opened.js("[...document.querySelectorAll('#entity-names option')].map(o => o.value)")
    assert sorted(labels) == sorted(node["label"] for node in nodes)
    assert (opened.errors, opened.blocked) == ([], [])
    screenshot(opened, "network-example.png")


def test_physics_stops_once_the_layout_is_stable(open_page):
    opened = open_page(render_network(make_dataset()))
    before = opened.js("network.getPositions()")
    opened.page.wait_for_timeout(400)
    assert opened.js("network.getPositions()") == before
    assert len(before) == 9


# --- safety --------------------------------------------------------------------------------------
def evil_dataset() -> Dataset:
    """Markup and scripts in every text that comes from transcripts: names, aliases, titles,
    authors, quotes and URLs."""
    b = Builder()
    evil = URIRef(EVIL)
    eve = URIRef(ID + "person/eve")
    one = b.document(DOC1, EVIL_TITLE, f"javascript:{PWN}", author=EVIL_AUTHOR)
    two = b.document(DOC2, f"<script>{PWN}</script>", "https://www.youtube.com/watch?v=two", author=EVIL_AUTHOR)
    for graph, doc in [(one, DOC1), (two, DOC2)]:
        b.entity(graph, doc, evil, "Company", EVIL_LABEL, EVIL_ALIAS)
        b.entity(graph, doc, ANTHROPIC, "Company", "Anthropic")
    b.entity(one, DOC1, eve, "Person", EVIL_PERSON)
    b.entity(one, DOC1, CLAUDE, "AIModel", f"Claude <iframe src=javascript:{PWN}>")
    b.claim(one, DOC1, evil, "partnerOf", ANTHROPIC, 0.9, EVIL_QUOTE, 5.0, EVIL_LINK)
    b.claim(two, DOC2, ANTHROPIC, "partnerOf", evil, 0.7, f"<img src=x onerror={PWN}>", 20.0)
    b.claim(one, DOC1, eve, "leads", evil, 0.8, f"<svg/onload={PWN}> runs it")
    b.claim(one, DOC1, ANTHROPIC, "develops", CLAUDE, 0.6, "Anthropic makes Claude", 7.0, f"javascript:{PWN}")
    b.claim(two, DOC2, evil, "competesWith", ANTHROPIC, 0.5, f"</script><script>{PWN}</script>")
    return b.dataset


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hovering_and_clicking_everything_runs_no_script_from_the_data(open_page, bypass_csp):
    dataset = evil_dataset()
    nodes, edges = network_data(dataset)
    assert (len(nodes), len(edges)) == (4, 4)
    opened = open_page(render_network(dataset), bypass_csp=bypass_csp)
    assert opened.counts() == (4, 4)
    record_popups(opened)
    tips = {node["id"]: hover(opened, "node", node["id"]) for node in nodes}
    tips |= {edge["id"]: hover(opened, "edge", edge["id"]) for edge in edges}
    panels, hrefs = [], []
    for kind, item in [("node", node) for node in nodes] + [("edge", edge) for edge in edges]:
        panels.append(click(opened, kind, item["id"]))
        hrefs += opened.js("[...document.querySelectorAll('#details a')].map(a => a.href)")
    opened.page.fill("#search", EVIL_ALIAS)
    opened.page.press("#search", "Enter")

    assert opened.js("typeof window.__pwned") == "undefined"
    assert (opened.errors, opened.blocked) == ([], [])
    assert opened.js("document.querySelectorAll('img, svg, iframe, b, [onerror], [onload]').length") == 0
    assert opened.js("document.querySelectorAll('script').length") == 3
    assert EVIL_LABEL in tips[EVIL] and EVIL_ALIAS in tips[EVIL]
    partner = next(e for e in edges if e["relation"] == "partnerOf")
    assert (
        EVIL_QUOTE in tips[partner["id"]] and EVIL_TITLE in tips[partner["id"]] and EVIL_AUTHOR in tips[partner["id"]]
    )
    assert EVIL_PERSON in " ".join(panels)
    assert opened.js("network.getSelectedNodes()") == [EVIL]
    assert sorted(hrefs) == [
        "https://www.youtube.com/watch?v=one&t=5s%22%3E%3Cimg/src=x/onerror=window.__pwned=1%3E",
        "https://www.youtube.com/watch?v=two",
        "https://www.youtube.com/watch?v=two&t=20s",
    ]
    screenshot(opened, f"network-safety-{'bypass' if bypass_csp else 'csp'}.png")


def test_partner_edge_shows_its_quotes_with_links_to_the_second(open_page):
    opened = open_page(render_network(evil_dataset()))
    partner = next(e for e in network_data(evil_dataset())[1] if e["relation"] == "partnerOf")
    click(opened, "edge", partner["id"])
    links = opened.js("[...document.querySelectorAll('#details a')].map(a => [a.getAttribute('href'), a.textContent])")
    assert links == [
        [EVIL_LINK, f"\u25b6 {EVIL_TITLE} \u2014 {EVIL_AUTHOR} @ 0:05"],
        ["https://www.youtube.com/watch?v=two&t=20s", f"\u25b6 <script>{PWN}</script> \u2014 {EVIL_AUTHOR} @ 0:20"],
    ]
    assert opened.errors == []


def test_the_content_security_policy_stops_markup_that_got_into_the_page(open_page):
    html = render_network(make_dataset()).replace("<main id=", f'<img src="x" onerror="{PWN}"><main id=', 1)
    opened = open_page(html)
    assert opened.js("typeof window.__pwned") == "undefined"
    assert any("Content Security Policy" in error for error in opened.errors), opened.errors


# --- evidence and controls --------------------------------------------------------------------------
@pytest.fixture
def small(open_page) -> Opened:
    opened = open_page(render_network(make_dataset()))
    assert opened.stats() == "showing 9 of 9 entities and 8 of 8 relations"
    return opened


def edge_id(subject: URIRef, relation: str, obj: URIRef) -> str:
    return f"{subject} {relation} {obj}"


def test_edge_tooltip_and_panel_show_relation_confidence_support_and_five_quotes(small):
    record_popups(small)
    develops = edge_id(ANTHROPIC, "develops", CLAUDE)
    tip = hover(small, "edge", develops)
    assert tip.startswith("Anthropic \u2014 develops \u2014 Claudeconfidence 0.90 \u00b7 supported by 1 video")
    assert [f"take {n}" in tip for n in range(7)] == [True] * 5 + [False] * 2
    panel = click(small, "edge", develops)
    assert panel.count("\u201cAnthropic makes Claude, take") == 5
    partner = click(small, "edge", edge_id(AMAZON, "partnerOf", ANTHROPIC))
    assert "confidence 0.80 \u00b7 supported by 2 videos" in partner
    links = small.js("[...document.querySelectorAll('#details a')].map(a => [a.href, a.textContent])")
    assert links == [
        ["https://www.youtube.com/watch?v=one&t=61s", "\u25b6 Cloud deals \u2014 Strategy Daily @ 1:01"],
        ["https://www.youtube.com/watch?v=two&t=12s", "\u25b6 Model wars @ \u22480:12"],
    ]
    assert small.errors == []


def test_node_tooltip_shows_type_aliases_and_strongest_relations(small):
    record_popups(small)
    tip = hover(small, "node", str(AMAZON))
    assert tip.startswith("AmazonCompany \u00b7 named in 2 videosalso: amazon.com\u2022 Amazon partner of Anthropic")
    assert tip.count("\u2022") == 5
    assert small.js(f"network.body.nodes['{AMAZON}'].options.size") > small.js(
        f"network.body.nodes['{CLAUDE}'].options.size"
    )


def set_range(opened: Opened, selector: str, value: float) -> None:
    opened.page.eval_on_selector(
        selector, "(input, value) => { input.value = String(value); input.dispatchEvent(new Event('input')); }", value
    )


def test_relation_type_confidence_and_support_filters(small):
    small.page.uncheck("#relation-filters input[data-name=develops]")
    assert small.counts() == (9, 6)
    small.page.uncheck("#unlinked")
    assert small.counts() == (7, 6)  # Claude and Lonely have no shown relation left
    small.page.check("#relation-filters input[data-name=develops]")
    small.page.uncheck("#type-filters input[data-name=Person]")
    assert small.counts() == (7, 7)
    set_range(small, "#support", 2)
    assert small.counts() == (2, 1) and small.js("document.getElementById('support-value').textContent") == "2"
    set_range(small, "#support", 0)
    set_range(small, "#confidence", 0.75)
    assert small.counts() == (5, 3)
    assert small.stats() == "showing 5 of 9 entities and 3 of 8 relations"
    assert small.errors == []


def test_search_focuses_the_entity_by_alias(small):
    small.page.fill("#search", "AMAZON.COM")
    small.page.press("#search", "Enter")
    assert small.js("network.getSelectedNodes()") == [str(AMAZON)]
    assert small.js("document.getElementById('details').textContent").startswith("AmazonCompany")
    small.page.fill("#search", "Nobody")
    small.page.press("#search", "Enter")
    assert small.js("document.getElementById('search-message').textContent") == "no entity matches"


def test_focus_relation_and_support_options_reach_the_page(open_page):
    dataset = make_dataset()
    focused = open_page(render_network(dataset, focus="Anthropic", depth=1, relations=["develops", "uses"]))
    assert focused.counts() == (3, 2)
    assert sorted(focused.js("network.body.data.nodes.get().map(n => n.label)")) == ["AWS", "Anthropic", "Claude"]
    supported = open_page(render_network(dataset, min_support=2, min_confidence=0.5))
    assert supported.counts() == (2, 1)
    assert supported.js("document.getElementById('support-value').textContent") == "2"
    assert (focused.errors, supported.errors) == ([], [])


# --- big graphs --------------------------------------------------------------------------------------
def test_a_big_graph_settles_and_its_physics_stops(open_page):
    dataset = big_dataset(2000, 3000)
    nodes, edges = network_data(dataset)
    assert len(nodes) == 2000 and len(edges) > 2500
    opened = open_page(render_network(dataset))
    assert opened.counts() == (2000, len(edges))
    assert opened.js("network.physics.options.enabled") is False
    before = opened.js("JSON.stringify(network.getPositions())")
    opened.page.wait_for_timeout(300)
    assert opened.js("JSON.stringify(network.getPositions())") == before
    assert opened.errors == []
    screenshot(opened, "network-big.png")
