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
from test_network import (
    AMAZON,
    ANTHROPIC,
    AWS,
    AZURE,
    CLAUDE,
    DOC1,
    DOC2,
    ID,
    JASSY,
    LONELY,
    MICROSOFT,
    Builder,
    background_dataset,
    big_dataset,
    make_dataset,
)

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
def linked(edges: list[dict]) -> set[str]:
    return {end for edge in edges for end in (edge["from"], edge["to"])}


def test_example_page_loads_offline_with_every_relation(example_dataset, open_page):
    nodes, edges, _ = network_data(example_dataset)
    shown = len(linked(edges))
    opened = open_page(render_network(example_dataset))
    assert opened.counts() == (shown, len(edges)) and len(edges) >= 10 and shown < len(nodes)
    assert opened.stats() == f"showing {shown} of {len(nodes)} entities and {len(edges)} of {len(edges)} relations"
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
    assert len(before) == 8  # Lonely has no relation


def test_entities_without_a_relation_are_shown_below_the_graph_on_request(open_page):
    opened = open_page(render_network(make_dataset()))
    laid_out = opened.js("network.getPositions()")
    opened.page.check("#unlinked")
    positions = opened.js("network.getPositions()")
    assert opened.counts() == (9, 8) and {iri: positions[iri] for iri in laid_out} == laid_out
    assert positions[str(LONELY)]["y"] > max(position["y"] for position in laid_out.values())


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
    nodes, edges, _ = network_data(dataset)
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
    assert sorted(set(hrefs)) == [
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
    assert opened.stats() == "showing 8 of 9 entities and 8 of 8 relations"
    return opened


def edge_id(subject: URIRef, relation: str, obj: URIRef) -> str:
    return f"{subject} {relation} {obj}"


def test_edge_tooltip_shows_five_quotes_and_the_panel_every_one(small):
    record_popups(small)
    develops = edge_id(ANTHROPIC, "develops", CLAUDE)
    tip = hover(small, "edge", develops)
    assert tip.startswith(
        "Anthropic \u2014 develops \u2014 Claudeconfidence 0.90 \u00b7 supported by 1 video \u00b7 2024-11-05"
    )
    assert [f"take {n}" in tip for n in range(7)] == [True] * 5 + [False] * 2
    panel = click(small, "edge", develops)
    assert panel.count("\u201cAnthropic makes Claude, take") == 7
    partner = click(small, "edge", edge_id(AMAZON, "partnerOf", ANTHROPIC))
    assert "confidence 0.80 \u00b7 supported by 2 videos \u00b7 2024-11-05 \u2013 2025-06-20" in partner
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
    assert small.counts() == (7, 6)  # Claude and Lonely have no shown relation left
    small.page.check("#unlinked")
    assert small.counts() == (9, 6)
    small.page.uncheck("#unlinked")
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


FOCUS_SPY = """() => {
  window.__focusCalls = 0;
  window.__moves = 0;
  const focus = network.focus.bind(network);
  network.focus = (...args) => { window.__focusCalls += 1; return focus(...args); };
  network.on('animationFinished', () => { window.__moves += 1; });
}"""
VIEW = "[network.getViewPosition(), network.getScale()]"


def wait_for(opened: Opened, expression: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not opened.js(expression):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {expression}"
        opened.page.wait_for_timeout(50)


def sweep_the_mouse_over_the_graph(opened: Opened) -> None:
    box = opened.page.locator("#network").bounding_box()
    for step in range(12):
        opened.page.mouse.move(box["x"] + box["width"] * (0.1 + 0.07 * step), box["y"] + box["height"] * 0.5, steps=3)
    opened.page.wait_for_timeout(500)


def assert_centred_on(opened: Opened, node_id: str) -> None:
    (centre, scale), node = opened.js(VIEW), opened.js("id => network.getPosition(id)", node_id)
    assert scale == pytest.approx(1.2)
    assert (centre["x"], centre["y"]) == (pytest.approx(node["x"], abs=1), pytest.approx(node["y"], abs=1))


def test_search_focuses_once_and_stays_focused(example_dataset, open_page):
    nodes, _, _ = network_data(example_dataset)
    opened = open_page(render_network(example_dataset))
    opened.js(FOCUS_SPY)
    openai = next(node["id"] for node in nodes if node["label"] == "OpenAI")
    opened.page.fill("#search", "openai")
    opened.page.press("#search", "Enter")
    wait_for(opened, "window.__moves >= 1")
    settled_view = opened.js(VIEW)
    sweep_the_mouse_over_the_graph(opened)
    assert opened.js(VIEW) == settled_view
    assert_centred_on(opened, openai)
    assert opened.js("[window.__focusCalls, window.__moves]") == [1, 1]
    assert opened.js("network.getSelectedNodes()") == [openai]
    assert opened.js("document.getElementById('details').textContent").startswith("OpenAICompany")

    deepseek = next(node["id"] for node in nodes if node["label"] == "DeepSeek")
    opened.js(  # a name chosen from the list: an input that replaces the text, then a change
        """() => { const search = document.getElementById('search'); search.value = 'DeepSeek';
        search.dispatchEvent(new InputEvent('input', {inputType: 'insertReplacementText'}));
        search.dispatchEvent(new Event('change')); }"""
    )
    wait_for(opened, "window.__moves >= 2")
    sweep_the_mouse_over_the_graph(opened)
    assert_centred_on(opened, deepseek)
    assert opened.js("[window.__focusCalls, window.__moves]") == [2, 2]
    assert opened.errors == []


# --- the entity panel and the dates -------------------------------------------------------------
NVIDIA, AMD, INTEL = URIRef(ID + "company/nvidia"), URIRef(ID + "company/amd"), URIRef(ID + "company/intel")
CUDA, HUANG = URIRef(ID + "product/cuda"), URIRef(ID + "person/jensen-huang")
CHIPS, GPUS, INFERENCE = (URIRef(f"{ID}document/{name}") for name in ("chips", "gpus", "inference"))
PARTNERS = 14  # enough for the partners to push the competitors below the fold of the panel


def rivals_dataset() -> Dataset:
    """Nvidia in three videos of different dates: two competitors, many partners, a product and a leader."""
    b = Builder()
    chips = b.document(CHIPS, "Chip wars", "https://www.youtube.com/watch?v=chips", "Strategy Daily", "2024-08-01")
    gpus = b.document(GPUS, "GPU race", "https://www.youtube.com/watch?v=gpus", "Strategy Daily", "2025-02-10")
    inference = b.document(INFERENCE, "Inference", "https://www.youtube.com/watch?v=inference", None, "2025-09-15")
    b.entity(chips, CHIPS, NVIDIA, "Company", "Nvidia", "invidia")
    b.claim(chips, CHIPS, AMD, "competesWith", NVIDIA, 0.8, "AMD is going after Nvidia's data centre business", 100.0)
    b.claim(gpus, GPUS, NVIDIA, "competesWith", AMD, 0.8, "AMD rivals Nvidia", 30.0)
    b.claim(inference, INFERENCE, AMD, "competesWith", NVIDIA, 0.6, "AMD and Nvidia fight", 50.0)
    b.claim(gpus, GPUS, INTEL, "competesWith", NVIDIA, 0.7, "Intel wants Nvidia's market", 75.0)
    b.claim(inference, INFERENCE, NVIDIA, "develops", CUDA, 0.9, "Nvidia built CUDA", 20.0)
    b.claim(chips, CHIPS, HUANG, "leads", NVIDIA, 0.9, "Jensen Huang runs Nvidia", 10.0)
    for number in range(PARTNERS):
        partner = URIRef(f"{ID}company/partner-{number}")
        b.entity(chips, CHIPS, partner, "Company", f"Partner {number:02d}")
        b.claim(chips, CHIPS, NVIDIA, "partnerOf", partner, 0.9, f"Nvidia works with Partner {number:02d}", 5.0)
    for iri, kind, label in [(AMD, "Company", "AMD"), (INTEL, "Company", "Intel"), (CUDA, "Product", "CUDA")]:
        b.entity(chips, CHIPS, iri, kind, label)
    b.entity(chips, CHIPS, HUANG, "Person", "Jensen Huang")
    return b.dataset


@pytest.fixture
def rivals(open_page) -> Opened:
    return open_page(render_network(rivals_dataset()))


PANEL = """() => [...document.querySelectorAll('#details h3')].map(h => ({
  heading: h.firstElementChild.nextSibling.textContent,
  rows: [...h.nextElementSibling.querySelectorAll(':scope > li')].map(li => ({
    partner: li.querySelector('.partner').textContent,
    quote: li.querySelector('.quote').textContent,
    link: li.querySelector('.source a').getAttribute('href'),
  })),
}))"""


def panel(opened: Opened) -> dict[str, list[dict]]:
    """The entity panel's relations: each group's heading -> its rows."""
    return {group["heading"]: group["rows"] for group in opened.js(PANEL)}


def competitors(opened: Opened) -> list[tuple[str, str, str]]:
    return [(row["partner"], row["quote"], row["link"]) for row in panel(opened)["Nvidia competes with \u2026"]]


def test_clicking_an_entity_lists_its_relations_by_kind_with_the_best_quote_and_its_link(rivals):
    click(rivals, "node", str(NVIDIA))
    groups = panel(rivals)
    assert list(groups) == [
        "Nvidia partner of \u2026",
        "Nvidia competes with \u2026",
        "Nvidia develops \u2026",
        "\u2026 leads Nvidia",
    ]
    assert len(groups["Nvidia partner of \u2026"]) == PARTNERS
    assert competitors(rivals) == [
        (
            "AMD \u00b7 3 videos \u00b7 2024-08-01 \u2013 2025-09-15",
            "\u201cAMD rivals Nvidia\u201d",  # as confident as the first video's, and shorter
            "https://www.youtube.com/watch?v=gpus&t=30s",
        ),
        (
            "Intel \u00b7 1 video \u00b7 2025-02-10",
            "\u201cIntel wants Nvidia's market\u201d",
            "https://www.youtube.com/watch?v=gpus&t=75s",
        ),
    ]
    sources = rivals.js("[...document.querySelectorAll('#details .relation .source a')].map(a => a.textContent)")
    assert "\u25b6 GPU race \u2014 Strategy Daily @ 0:30" in sources
    assert rivals.errors == []


def test_clicking_a_relation_of_the_entity_shows_its_evidence_in_view(rivals):
    click(rivals, "node", str(NVIDIA))
    row = f'#details li[data-edge="{AMD} competesWith {NVIDIA}"]'
    assert rivals.js("document.getElementById('details-panel').scrollTop") == 0
    rivals.page.dispatch_event(row, "click")  # a click that does not scroll the panel first
    evidence = rivals.page.locator(f"{row} .evidence")
    assert evidence.locator(".quote").all_text_contents() == [
        "\u201cAMD rivals Nvidia\u201d",
        "\u201cAMD is going after Nvidia's data centre business\u201d",
        "\u201cAMD and Nvidia fight\u201d",
    ]
    assert [a.get_attribute("href") for a in evidence.locator("a").all()] == [
        "https://www.youtube.com/watch?v=gpus&t=30s",
        "https://www.youtube.com/watch?v=chips&t=100s",
        "https://www.youtube.com/watch?v=inference&t=50s",
    ]
    seen = rivals.js(
        """() => { const panel = document.getElementById('details-panel').getBoundingClientRect();
        const box = document.querySelector('#details .evidence').getBoundingClientRect();
        return [box.top >= panel.top, box.bottom <= panel.bottom + 1, panel.height]; }"""
    )
    assert seen[:2] == [True, True] and rivals.js("document.getElementById('details-panel').scrollTop") > 0
    assert rivals.js("network.getSelectedEdges()") == [f"{AMD} competesWith {NVIDIA}"]
    rivals.page.dispatch_event(row, "click")
    assert rivals.page.locator(f"{row} .evidence").count() == 0
    assert rivals.errors == []


def set_dates(opened: Opened, start: str, end: str) -> None:
    opened.page.fill("#date-from", start)
    opened.page.fill("#date-to", end)


TIMELINE = "[...document.querySelectorAll('#details .timeline g')].map(g => g.textContent)"


def test_the_date_range_hides_claims_said_outside_it(rivals):
    click(rivals, "node", str(NVIDIA))
    assert rivals.counts() == (5 + PARTNERS, 4 + PARTNERS)
    assert rivals.js("document.getElementById('date-span').textContent") == "videos from 2024-08-01 to 2025-09-15"
    timeline = rivals.js(TIMELINE)
    assert (
        len(timeline) == 14
        and timeline[0] == f"2024-08: {PARTNERS} claims partner of, 1 claim competes with, 1 claim leads"
    )

    set_dates(rivals, "2025-01-01", "")
    assert rivals.counts() == (4, 3)  # Nvidia, AMD, Intel, CUDA: the partners and the leader were named in 2024
    assert list(panel(rivals)) == ["Nvidia competes with \u2026", "Nvidia develops \u2026"]
    assert competitors(rivals)[0][0] == "AMD \u00b7 2 videos \u00b7 2025-02-10 \u2013 2025-09-15"
    assert rivals.js(TIMELINE)[0] == "2025-02: 2 claims competes with"

    set_dates(rivals, "2025-01-01", "2025-06-30")
    assert rivals.counts() == (3, 2)
    assert competitors(rivals)[0] == (
        "AMD \u00b7 1 video \u00b7 2025-02-10",
        "\u201cAMD rivals Nvidia\u201d",
        "https://www.youtube.com/watch?v=gpus&t=30s",
    )
    record_popups(rivals)
    amd = edge_id(AMD, "competesWith", NVIDIA)
    tip = hover(rivals, "edge", amd)
    assert "AMD rivals Nvidia" in tip and "going after" not in tip and "fight" not in tip
    assert "supported by 1 video \u00b7 2025-02-10" in click(rivals, "edge", amd)
    assert rivals.js("document.querySelectorAll('#details .quote').length") == 1

    set_dates(rivals, "2026-01-01", "")
    assert rivals.counts() == (0, 0) and rivals.page.is_visible("#empty")
    assert rivals.js("document.getElementById('details').textContent").endswith("No claim between these dates.")
    rivals.page.click("#all-dates")
    assert rivals.counts() == (5 + PARTNERS, 4 + PARTNERS) and not rivals.page.is_visible("#empty")
    assert rivals.errors == []


def test_no_request_leaves_the_page_whatever_is_clicked(rivals):
    record_popups(rivals)
    rivals.page.fill("#search", "invidia")
    rivals.page.press("#search", "Enter")
    for row in rivals.page.locator("#details li.relation").all():
        row.dispatch_event("click")
    hover(rivals, "edge", edge_id(AMD, "competesWith", NVIDIA))
    set_dates(rivals, "2025-01-01", "2025-12-31")
    click(rivals, "node", str(NVIDIA))
    rivals.page.check("#unlinked")
    rivals.page.click("#fit")
    rivals.page.wait_for_timeout(500)
    resources = rivals.js("performance.getEntriesByType('resource').map(entry => entry.name)")
    assert (rivals.blocked, rivals.errors) == ([], [])
    assert all(name.startswith(("file:", "data:")) for name in resources), resources


LABEL_ON_SCREEN = """id => {
  const node = network.body.nodes[id], pixels = node.options.font.size * network.getScale();
  return pixels < node.options.scaling.label.drawThreshold - 1 ? 0 : pixels;
}"""


def drawn(opened: Opened, node_id: str) -> float:
    """The size on screen of the node's name, as vis-network draws it (0: not drawn)."""
    return opened.js(LABEL_ON_SCREEN, node_id)


def test_the_most_connected_names_are_legible_at_the_default_zoom_and_the_rest_on_zooming_in(open_page):
    dataset = big_dataset(600, 900)
    _, edges, _ = network_data(dataset)
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge["from"], edge["to"]):
            degree[end] = degree.get(end, 0) + 1
    ranked = sorted(degree, key=degree.get, reverse=True)
    hub, leaf = ranked[0], ranked[-1]
    hub_font = next(node["font"]["size"] for node in network_data(dataset).nodes if node["id"] == hub)
    opened = open_page(render_network(dataset))
    assert drawn(opened, hub) >= 13
    assert drawn(opened, leaf) == 0
    box = opened.page.locator("#network").bounding_box()
    opened.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    while opened.js("network.getScale()") < 1:  # the wheel, as a reader zooms in
        opened.page.mouse.wheel(0, -400)
        opened.page.wait_for_timeout(50)
    assert drawn(opened, leaf) >= 7
    assert opened.js("id => network.body.nodes[id].options.font.size", hub) == hub_font  # no bigger than its own


def test_focus_relation_and_support_options_reach_the_page(open_page):
    dataset = make_dataset()
    focused = open_page(render_network(dataset, focus="Anthropic", depth=1, relations=["develops", "uses"]))
    assert focused.counts() == (3, 2)
    assert sorted(focused.js("network.body.data.nodes.get().map(n => n.label)")) == ["AWS", "Anthropic", "Claude"]
    supported = open_page(render_network(dataset, min_support=2, min_confidence=0.5))
    assert supported.counts() == (2, 1)
    assert supported.js("document.getElementById('support-value').textContent") == "2"
    assert (focused.errors, supported.errors) == ([], [])


# --- background facts ---------------------------------------------------------------------------------
DASHED = "Object.values(network.body.edges).filter(edge => edge.options.dashes).map(edge => edge.id).sort()"
BACKGROUND_SECTION = "[...document.querySelectorAll('#details .background')].map(section => section.textContent)"
AMAZON_AWS = f"known {AMAZON} develops {AWS}"


def test_background_facts_are_hidden_until_their_box_is_ticked_and_hidden_again_when_unticked(open_page):
    opened = open_page(render_network(background_dataset()))
    as_today = open_page(render_network(background_dataset(), background=False))
    assert opened.js("document.getElementById('background').checked") is False
    assert opened.js(DASHED) == [] and opened.counts() == as_today.counts() == (8, 8)
    assert opened.stats() == as_today.stats() == "showing 8 of 10 entities and 8 of 8 relations"
    assert opened.js("network.getPositions()") == as_today.js("network.getPositions()")  # the same layout
    assert "Background" not in click(opened, "node", str(AMAZON))
    assert opened.js(BACKGROUND_SECTION) == []

    opened.page.check("#background")
    assert opened.js(DASHED) == sorted(
        [AMAZON_AWS, f"known {MICROSOFT} develops {AZURE}", f"known {JASSY} worksFor {AMAZON}"]
    )
    assert opened.counts() == (9, 11)  # Azure comes with the fact about it
    assert opened.stats() == "showing 9 of 10 entities and 8 of 8 relations, 3 of 3 background facts"
    assert opened.js(f"network.body.edges['{AMAZON_AWS}'].options.color.color") == "#9a9a9a"
    section = opened.js(BACKGROUND_SECTION)  # the panel of Amazon, drawn again
    assert len(section) == 1 and section[0].startswith("Background (not said)")
    assert "Amazon develops \u20261AWS \u00b7 1 video \u00b7 2025-06-20\u25b6 Model wars" in section[0]
    assert "\u2026 works for Amazon1Andy Jassy \u00b7 1 video \u00b7 2024-11-05" in section[0]
    assert opened.js("document.querySelectorAll('#details .background .quote').length") == 0
    link = opened.js("document.querySelector('#details .background a').getAttribute('href')")
    assert link == "https://www.youtube.com/watch?v=two"
    screenshot(opened, "network-background.png")

    record_popups(opened)
    tip = hover(opened, "edge", AMAZON_AWS)
    assert tip.startswith("Amazon \u2014 develops \u2014 AWSnot said; both named in 1 video \u00b7 2025-06-20")
    panel = click(opened, "edge", AMAZON_AWS)
    assert "Background: a fact of the name list" in panel and panel.endswith("\u25b6 Model wars")

    opened.page.uncheck("#background")
    assert opened.js(DASHED) == [] and opened.counts() == (8, 8)
    assert opened.stats() == "showing 8 of 10 entities and 8 of 8 relations"
    assert opened.js("document.getElementById('details').textContent").startswith("Click an entity")  # not the fact
    click(opened, "node", str(AMAZON))
    assert opened.js(BACKGROUND_SECTION) == []
    assert (opened.errors, opened.blocked, as_today.errors) == ([], [], [])


def test_the_dates_relation_legend_and_search_apply_to_background_facts(open_page):
    opened = open_page(render_network(background_dataset()))
    opened.page.fill("#search", "Azure")
    opened.page.press("#search", "Enter")
    assert opened.js("document.getElementById('search-message').textContent") == "Azure is hidden by the filters"
    opened.page.check("#background")
    opened.page.press("#search", "Enter")
    assert opened.js("document.getElementById('search-message').textContent") == ""
    assert opened.js("network.getSelectedNodes()") == [str(AZURE)]
    assert "Microsoft \u00b7 1 video" in "".join(opened.js(BACKGROUND_SECTION))

    set_dates(opened, "2024-01-01", "2024-12-31")  # only the first video: Andy Jassy works for Amazon
    assert opened.js(DASHED) == [f"known {JASSY} worksFor {AMAZON}"]
    assert opened.stats().endswith(", 1 of 3 background facts")
    assert opened.js(BACKGROUND_SECTION) == []  # Azure's fact was named in 2025
    opened.page.click("#all-dates")
    opened.page.uncheck("#relation-filters input[data-name=develops]")
    assert opened.js(DASHED) == [f"known {JASSY} worksFor {AMAZON}"]
    assert opened.errors == []


# --- big graphs --------------------------------------------------------------------------------------
def test_a_big_graph_settles_and_its_physics_stops(open_page):
    dataset = big_dataset(2000, 3000)
    nodes, edges, _ = network_data(dataset)
    assert len(nodes) == 2000 and len(edges) > 2500
    opened = open_page(render_network(dataset))
    assert opened.counts() == (len(linked(edges)), len(edges))
    assert opened.js("network.physics.options.enabled") is False
    before = opened.js("JSON.stringify(network.getPositions())")
    opened.page.wait_for_timeout(300)
    assert opened.js("JSON.stringify(network.getPositions())") == before
    assert opened.errors == []
    screenshot(opened, "network-big.png")
