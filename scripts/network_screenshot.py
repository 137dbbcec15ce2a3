"""Open a network page in Debian's headless chromium with every non-file request blocked, report how
long it took to open and settle (layout stabilised, physics off), and save a screenshot. A page
without a network (the report of `talkgraph report`) is shot once loaded.

    python scripts/network_screenshot.py output/network.html docs/network-example.png --show "Amazon partner of"
    python scripts/network_screenshot.py corpus.html docs/network-corpus.png --runs 3
    python scripts/network_screenshot.py corpus.html docs/entity-panel.png --entity Nvidia --relation AMD --small
    python scripts/network_screenshot.py report.html docs/report.png --width 1000 --height 1100 --small

Needs the test extra (playwright) and Debian's chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from PIL import Image  # comes with matplotlib
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--runs", type=int, default=1, help="Open the page this many times; report the median.")
    parser.add_argument(
        "--show",
        metavar="TEXT",
        help="Before the screenshot, click and hover the first relation whose "
        "'subject relation object' has TEXT: its evidence fills the panel and the tooltip.",
    )
    parser.add_argument("--entity", metavar="NAME", help="Before the screenshot, find this entity: its panel opens.")
    parser.add_argument(
        "--relation",
        metavar="TEXT",
        help="With --entity: open the evidence of the first relation in its panel whose text has TEXT.",
    )
    parser.add_argument("--small", action="store_true", help="Save the PNG in 256 colours (a third of the size).")
    args = parser.parse_args()
    if not args.page.is_file():
        sys.exit(f"{args.page}: no such page; write it with talkgraph viz")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        timings = [open_once(browser, args, save=run == args.runs - 1) for run in range(args.runs)]
        browser.close()
    wall = statistics.median(t[0] for t in timings)
    counts = timings[-1][1]
    what = f"{counts[0]} nodes, {counts[1]} edges, opened and settled" if counts else "opened"
    print(
        f"{args.page}: {what} in {wall:.2f} s "
        f"(median of {args.runs}; runs: {', '.join(f'{t[0]:.2f}' for t in timings)}) -> {args.png}"
    )
    return 0


def open_once(browser, args, save: bool) -> tuple[float, tuple[int, ...]]:
    page = browser.new_page(viewport={"width": args.width, "height": args.height})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    started = time.perf_counter()
    page.goto(args.page.resolve().as_uri(), wait_until="domcontentloaded", timeout=600_000)
    network = page.locator("#network").count() > 0
    if network:
        page.wait_for_selector("body[data-state=settled]", state="attached", timeout=600_000)
    seconds = time.perf_counter() - started
    counts = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]") if network else []
    if errors:
        sys.exit(f"{args.page}: errors in the page: {errors}")
    if save and args.show:
        show_edge(page, args.show)
    if save and args.entity:
        show_entity(page, args.entity, args.relation)
    if save:
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png))
        if args.small:
            Image.open(args.png).quantize(256).save(args.png, optimize=True)
    page.close()
    return seconds, tuple(counts)


EDGE_POINT = """text => {
  const name = id => network.body.data.nodes.get(id).label;
  const edge = network.body.data.edges.get().find(e => `${name(e.from)} ${e.label} ${name(e.to)}`.includes(text));
  if (!edge) { return null; }
  const box = document.getElementById('network').getBoundingClientRect();
  const point = network.canvasToDOM(network.body.edges[edge.id].edgeType.getPoint(0.5));
  return {x: box.left + point.x, y: box.top + point.y};
}"""


def show_edge(page, text: str) -> None:
    point = page.evaluate(EDGE_POINT, text)
    if point is None:
        sys.exit(f"no relation matches {text!r}")
    page.mouse.click(point["x"], point["y"])
    page.mouse.move(point["x"] + 1, point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)


def show_entity(page, name: str, relation: str | None) -> None:
    page.evaluate("window.__moved = false; network.once('animationFinished', () => { window.__moved = true; })")
    page.fill("#search", name)
    page.press("#search", "Enter")
    page.wait_for_function("() => window.__moved", timeout=60_000)
    if relation:
        row = page.locator("#details li.relation", has_text=relation).first
        if not row.count():
            sys.exit(f"no relation of {name} has {relation!r}")
        row.dispatch_event("click")


if __name__ == "__main__":
    sys.exit(main())
