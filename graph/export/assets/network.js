(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("talkgraph-data").textContent);
  // Background facts (basis "known": the name list's, not said in the videos) are kept apart and
  // shown only while their box is ticked.
  var background = data.background || [], allEdges = data.edges.concat(background);
  var byId = {}, touching = {}, touchingBackground = {}, relationOrder = {};
  data.nodes.forEach(function (node) { byId[node.id] = node; touching[node.id] = []; touchingBackground[node.id] = []; });
  function addTouching(map, edge) {
    map[edge.from].push(edge);
    if (edge.to !== edge.from) { map[edge.to].push(edge); }
  }
  data.edges.forEach(function (edge) { addTouching(touching, edge); });
  background.forEach(function (edge) { addTouching(touchingBackground, edge); });
  function known(edge) { return edge.basis === "known"; }
  data.relations.forEach(function (item, index) { relationOrder[item.name] = index; });
  var MAX_TIP_QUOTES = 5, MAX_TIP_QUOTE = 240;
  var LEGIBLE_PX = 13;  // on-screen font size of the most connected entities' names at the default zoom
  var SVG = "http://www.w3.org/2000/svg";

  // --- DOM helpers: text only, never markup ---------------------------------------------
  function el(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    if (className) { element.className = className; }
    return element;
  }
  function svg(tag, attributes) {
    var element = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { element.setAttribute(name, String(attributes[name])); });
    return element;
  }
  function safeColour(value) { return /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : "#888888"; }
  function webUrl(value) { return typeof value === "string" && /^https?:\/\//i.test(value) ? value : null; }
  function clock(second) {
    if (typeof second !== "number" || !isFinite(second)) { return ""; }
    var s = Math.floor(second), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(r);
  }
  function confidenceText(value) { return typeof value === "number" ? value.toFixed(2) : "unknown"; }
  function plural(count, word, many) { return count.toLocaleString("en") + " " + (count === 1 ? word : (many || word + "s")); }
  function shorten(text, limit) { return text.length > limit ? text.slice(0, limit - 1) + "\u2026" : text; }

  // --- claims and the dates they were said -------------------------------------------------
  function videoOf(claim) { return typeof claim.video === "number" ? data.videos[claim.video] || null : null; }
  function dateOf(claim) {
    var video = videoOf(claim);
    return video && typeof video.date === "string" ? video.date : null;
  }
  var dateFrom = "", dateTo = "";
  function datesSet() { return !!(dateFrom || dateTo); }
  function inRange(claim) {
    if (!datesSet()) { return true; }
    var date = dateOf(claim);
    return !!date && (!dateFrom || date >= dateFrom) && (!dateTo || date <= dateTo);
  }
  // What each relation's claims within the date range say: the claims (best first), the videos
  // that support it, its strongest confidence and the first and last publish date.
  var said = {};
  function summarise(edge) {
    var claims = edge.claims.filter(inRange), videos = {}, first = null, last = null, confidence = null;
    claims.forEach(function (claim) {
      if (typeof claim.video === "number") { videos[claim.video] = true; }
      var date = dateOf(claim);
      if (date && (!first || date < first)) { first = date; }
      if (date && (!last || date > last)) { last = date; }
      if (typeof claim.confidence === "number" && (confidence === null || claim.confidence > confidence)) {
        confidence = claim.confidence;
      }
    });
    if (!claims.length && !datesSet()) { confidence = edge.confidence; }  // a relation stated without a claim
    return {claims: claims, support: Object.keys(videos).length, confidence: confidence, first: first, last: last};
  }
  function recount() {
    said = {};
    allEdges.forEach(function (edge) { said[edge.id] = summarise(edge); });
  }
  recount();

  function sourceText(claim) {
    var video = videoOf(claim) || {}, at = clock(claim.second);
    return "\u25B6 " + (video.title || "untitled video") + (video.author ? " \u2014 " + video.author : "") +
      (at ? " @ " + (claim.estimated ? "\u2248" : "") + at : "");
  }
  function sourceLine(claim) {
    var line = el("div", null, "source");
    var url = webUrl(claim.link) || webUrl((videoOf(claim) || {}).url);
    if (url) {
      var anchor = el("a", sourceText(claim));
      anchor.href = url;
      anchor.target = "_blank";
      anchor.rel = "noopener noreferrer";
      line.appendChild(anchor);
    } else {
      line.appendChild(el("span", sourceText(claim)));
    }
    return line;
  }
  function quoteLine(claim, limit) {
    return el("div", "\u201C" + (limit ? shorten(claim.quote, limit) : claim.quote) + "\u201D", "quote");
  }
  // A said claim's quote and its video at the second; a background fact has only the video.
  function appendEvidence(container, claim) {
    if (typeof claim.quote === "string") { container.appendChild(quoteLine(claim)); }
    container.appendChild(sourceLine(claim));
  }
  function relationHeading(edge) {
    var from = byId[edge.from], to = byId[edge.to];
    return (from ? from.label : edge.from) + " \u2014 " + edge.label + " \u2014 " + (to ? to.label : edge.to);
  }
  function dateSpan(first, last) {
    if (!first) { return ""; }
    return first === last ? first : first + " \u2013 " + last;
  }
  function edgeSummary(edge) {
    var facts = said[edge.id], dates = dateSpan(facts.first, facts.last);
    var support = known(edge) ? "not said; both named in " + plural(facts.support, "video") :
      "confidence " + confidenceText(facts.confidence) + " \u00B7 supported by " + plural(facts.support, "video");
    return support + (dates ? " \u00B7 " + dates : "");
  }
  var BACKGROUND_NOTE = "Background: a fact of the name list. These videos name both ends but do not tie them, so there is no quote.";

  // --- tooltips (HTMLElement titles) -------------------------------------------------------
  function nodeTip(node) {
    var tip = el("div", null, "tip");
    tip.appendChild(el("strong", node.label));
    tip.appendChild(el("div", node.type + " \u00B7 named in " + plural(node.documents, "video")));
    if (node.aliases.length) { tip.appendChild(el("div", "also: " + node.aliases.join(", "))); }
    node.relations.forEach(function (line) { tip.appendChild(el("div", "\u2022 " + line)); });
    return tip;
  }
  function edgeTip(edge) {
    var tip = el("div", null, "tip"), claims = said[edge.id].claims;
    tip.appendChild(el("strong", relationHeading(edge)));
    tip.appendChild(el("div", edgeSummary(edge)));
    if (known(edge)) {
      tip.appendChild(el("div", BACKGROUND_NOTE, "source"));
      if (claims.length) { tip.appendChild(el("div", "click the relation for the videos", "source")); }
      return tip;
    }
    claims.slice(0, MAX_TIP_QUOTES).forEach(function (claim) {
      tip.appendChild(quoteLine(claim, MAX_TIP_QUOTE));
      tip.appendChild(el("div", sourceText(claim), "source"));
    });
    if (claims.length) { tip.appendChild(el("div", "click the relation for links to the videos", "source")); }
    return tip;
  }

  // --- filters --------------------------------------------------------------------------
  var typeOn = {}, relationOn = {};
  var minConfidence = typeof data.minConfidence === "number" ? data.minConfidence : 0;
  var minSupport = typeof data.minSupport === "number" ? data.minSupport : 0;
  var showUnlinked = false, showBackground = false;
  var linked = {};  // node id -> true when a shown edge touches it
  var shownEdges = {said: 0, known: 0};

  function edgeShown(edge) {
    if (known(edge) && !showBackground) { return false; }
    var facts = said[edge.id], from = byId[edge.from], to = byId[edge.to];
    var confidence = typeof facts.confidence === "number" ? facts.confidence : 0;
    return (facts.claims.length > 0 || !datesSet()) && relationOn[edge.relation] !== false &&
      confidence >= minConfidence - 1e-9 && facts.support >= minSupport &&
      !!from && !!to && typeOn[from.type] !== false && typeOn[to.type] !== false;
  }
  function nodeShown(node) { return typeOn[node.type] !== false && (showUnlinked || linked[node.id] === true); }
  function relink() {
    linked = {};
    shownEdges = {said: 0, known: 0};
    allEdges.forEach(function (edge) {
      if (!edgeShown(edge)) { return; }
      linked[edge.from] = true;
      linked[edge.to] = true;
      shownEdges[known(edge) ? "known" : "said"] += 1;
    });
  }

  // --- the network --------------------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, node, {title: nodeTip(node), color: safeColour(node.color)});
  }));
  var edges = new vis.DataSet(allEdges.map(function (edge) {
    var colour = safeColour(edge.color);
    return Object.assign({}, edge, {title: edgeTip(edge), color: {color: colour, highlight: colour, hover: colour, opacity: 0.85}});
  }));
  relink();
  var nodeView = new vis.DataView(nodes, {filter: nodeShown});
  var edgeView = new vis.DataView(edges, {filter: edgeShown});
  var container = document.getElementById("network");
  var status = document.getElementById("status");
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, data.options);
  window.network = network;

  // The names of the most connected entities stay large enough to read at any zoom (the view
  // fitted to a big graph draws a normal name a few pixels high); the others are drawn once zooming
  // in makes them big enough (nodes.scaling.label.drawThreshold).
  var topLabels = [];
  function chooseTopLabels() {
    var degree = {};
    data.edges.forEach(function (edge) {
      degree[edge.from] = (degree[edge.from] || 0) + 1;
      degree[edge.to] = (degree[edge.to] || 0) + 1;
    });
    topLabels = data.nodes.filter(function (node) { return degree[node.id] && nodeView.get(node.id); })
      .sort(function (a, b) { return degree[b.id] - degree[a.id] || b.documents - a.documents; })
      .slice(0, data.legibleLabels);
  }
  function keepTopLabelsLegible() {
    var size = Math.ceil(LEGIBLE_PX / (network.getScale() || 1));
    nodes.update(topLabels.map(function (node) { return {id: node.id, font: {size: Math.max(node.font.size, size)}}; }));
  }
  network.on("zoom", keepTopLabelsLegible);

  // vis-network leaves a view animation running for good when another starts before it has drawn a
  // frame (the view then drifts back whenever the graph redraws), so one runs at a time; the last asked waits.
  var moving = false, nextMove = null;
  function moveView(move) {
    if (moving) { nextMove = move; return; }
    moving = true;
    move();
  }
  network.on("animationFinished", function () {
    keepTopLabelsLegible();
    moving = false;
    var move = nextMove;
    nextMove = null;
    if (move) { moveView(move); }
  });

  // Physics only lays the graph out: it stops once stabilised, so big graphs stay still and cheap.
  var settled = false;
  var placed = {};  // ids of the nodes that have a place: laid out, or put below the graph when first shown
  function settle() {
    if (settled) { return; }
    settled = true;
    network.setOptions({physics: false});
    Object.keys(network.getPositions()).forEach(function (id) { placed[id] = true; });
    network.fit();
    chooseTopLabels();
    keepTopLabelsLegible();
    var sinceOpening = performance.now();  // milliseconds since the page began to load
    status.textContent = "layout settled " + (sinceOpening / 1000).toFixed(1) + " s after opening";
    document.body.setAttribute("data-settled-ms", String(Math.round(sinceOpening)));
    document.body.setAttribute("data-state", "settled");
  }
  network.on("stabilizationProgress", function (progress) {
    status.textContent = "laying out\u2026 " + Math.round(100 * progress.iterations / progress.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  var empty = el("p", data.nodes.length ?
    "No relation to show with these filters (\u201Cshow entities without a shown relation\u201D shows the entities)." :
    "No entity to show: the graph is empty or the options removed everything.", "muted");
  empty.id = "empty";
  container.appendChild(empty);
  if (!nodeView.length) { settle(); }

  // --- the details panel: an entity's relations, or a relation's evidence -----------------
  var details = document.getElementById("details"), detailsPanel = document.getElementById("details-panel");
  var shown = null;  // {node} or {edge} the panel shows, drawn again when the dates change
  var intro = details.firstChild;  // what the panel says before anything is chosen

  function showEdge(edge) {
    shown = {edge: edge};
    details.replaceChildren(el("strong", relationHeading(edge)));
    var claims = said[edge.id].claims;
    details.appendChild(el("p", claims.length || !datesSet() ? edgeSummary(edge) : "No claim between these dates.", "muted"));
    if (known(edge)) { details.appendChild(el("p", BACKGROUND_NOTE, "muted")); }
    claims.forEach(function (claim) { appendEvidence(details, claim); });
    detailsPanel.scrollTop = 0;
  }

  function showEntity(node) {
    shown = {node: node};
    details.replaceChildren(el("strong", node.label));
    details.appendChild(el("p", node.type + " \u00B7 named in " + plural(node.documents, "video"), "muted"));
    if (node.aliases.length) { details.appendChild(el("p", "Also called: " + node.aliases.join(", "))); }
    var groups = relationGroups(node, touching[node.id]);
    var chart = timeline(node);
    if (chart) { details.appendChild(chart); }
    if (!groups.length) {
      details.appendChild(el("p", datesSet() ? "No relation said between these dates." : "No relation.", "muted"));
    }
    appendGroups(node, groups, details);
    var backgroundGroups = showBackground ? relationGroups(node, touchingBackground[node.id]) : [];
    if (backgroundGroups.length) {
      var section = el("section", null, "background");
      section.appendChild(el("h2", "Background (not said)"));
      section.appendChild(el("p", BACKGROUND_NOTE, "muted"));
      appendGroups(node, backgroundGroups, section);
      details.appendChild(section);
    }
    detailsPanel.scrollTop = 0;
  }
  function appendGroups(node, groups, container) {
    groups.forEach(function (group) {
      var heading = el("h3", group.heading);
      var swatch = el("span", null, "line");
      swatch.style.borderTopColor = safeColour(group.edges[0].color);
      swatch.style.borderTopStyle = group.edges[0].dashes ? "dashed" : "solid";
      heading.insertBefore(swatch, heading.firstChild);
      heading.appendChild(el("span", group.edges.length, "count"));
      container.appendChild(heading);
      var list = el("ul", null, "relations");
      group.edges.forEach(function (edge) { list.appendChild(relationRow(node, edge)); });
      container.appendChild(list);
    });
  }

  // The entity's relations among `edgeList` with claims in the date range, grouped by kind and direction:
  // the kinds in the legend's order, what the entity does before what is done to it; the best supported first.
  function relationGroups(node, edgeList) {
    var groups = {};
    edgeList.forEach(function (edge) {
      if (!said[edge.id].claims.length) { return; }
      var direction = !edge.arrows ? "with" : edge.from === node.id ? "out" : "in";
      var key = edge.relation + " " + direction;
      if (!groups[key]) {
        var heading = direction === "in" ? "\u2026 " + edge.label + " " + node.label : node.label + " " + edge.label + " \u2026";
        groups[key] = {relation: edge.relation, incoming: direction === "in", heading: heading, edges: []};
      }
      groups[key].edges.push(edge);
    });
    var ordered = Object.keys(groups).map(function (key) { return groups[key]; });
    ordered.forEach(function (group) {
      group.edges.sort(function (a, b) {
        var x = said[a.id], y = said[b.id];
        return y.support - x.support || (y.confidence || 0) - (x.confidence || 0) ||
          partnerOf(node, a).label.localeCompare(partnerOf(node, b).label);
      });
    });
    return ordered.sort(function (a, b) {
      return (legendPlace(a.relation) - legendPlace(b.relation)) || (a.incoming - b.incoming);
    });
  }
  function legendPlace(relation) { return relation in relationOrder ? relationOrder[relation] : data.relations.length; }
  function partnerOf(node, edge) { return byId[edge.from === node.id ? edge.to : edge.from]; }

  function relationRow(node, edge) {
    var facts = said[edge.id], best = facts.claims[0];
    var row = el("li", null, "relation");
    row.setAttribute("data-edge", edge.id);
    markFiltered(row);
    var partner = el("div", partnerOf(node, edge).label, "partner");
    var dates = dateSpan(facts.first, facts.last);
    partner.appendChild(el("span", " \u00B7 " + plural(facts.support, "video") + (dates ? " \u00B7 " + dates : ""), "meta"));
    row.appendChild(partner);
    appendEvidence(row, best);
    row.addEventListener("click", function (event) {
      if (!event.target.closest("a")) { toggleEvidence(node, row, edge); }
    });
    return row;
  }
  function markFiltered(row) {
    var hidden = !edgeView.get(row.getAttribute("data-edge"));
    row.classList.toggle("filtered", hidden);
    row.title = hidden ? "hidden in the graph by the filters" : "";
  }
  function toggleEvidence(node, row, edge) {
    var open = row.querySelector(".evidence");
    if (open) {
      open.remove();
      row.classList.remove("open");
      return;
    }
    var block = el("div", null, "evidence");
    block.appendChild(el("p", relationHeading(edge) + " \u00B7 " + edgeSummary(edge), "muted"));
    said[edge.id].claims.forEach(function (claim) { appendEvidence(block, claim); });
    row.appendChild(block);
    row.classList.add("open");
    if (edgeView.get(edge.id) && nodeView.get(node.id)) {
      network.setSelection({nodes: [node.id], edges: [edge.id]}, {unselectAll: true, highlightEdges: false});
    }
    block.scrollIntoView({block: "nearest"});
  }

  // A bar a month, from the entity's first claim to its last in the date range, each bar stacked
  // by relation in the relations' colours.
  function timeline(node) {
    var months = {}, kinds = {};
    touching[node.id].forEach(function (edge) {
      said[edge.id].claims.forEach(function (claim) {
        var date = dateOf(claim);
        if (!date) { return; }
        var month = months[date.slice(0, 7)] = months[date.slice(0, 7)] || {};
        month[edge.relation] = (month[edge.relation] || 0) + 1;
        kinds[edge.relation] = true;
      });
    });
    var names = Object.keys(months).sort();
    if (!names.length) { return null; }
    var span = monthsBetween(names[0], names[names.length - 1]);
    var order = data.relations.filter(function (item) { return kinds[item.name]; });
    var totals = span.map(function (month) {
      return order.reduce(function (sum, item) { return sum + ((months[month] || {})[item.name] || 0); }, 0);
    });
    var most = Math.max.apply(null, totals);
    var width = 370, height = 60, axis = 14, step = width / span.length, gap = step > 4 ? 1 : 0;
    var chart = svg("svg", {width: width, height: height + axis, viewBox: "0 0 " + width + " " + (height + axis), role: "img"});
    chart.appendChild(svg("line", {x1: 0, x2: width, y1: height + 0.5, y2: height + 0.5, stroke: "#bbb"}));
    span.forEach(function (month, index) {
      var bar = svg("g", {"data-month": month}), top = height;
      var parts = [];
      order.forEach(function (item) {
        var count = (months[month] || {})[item.name] || 0;
        if (!count) { return; }
        var tall = height * count / most;
        top -= tall;
        bar.appendChild(svg("rect", {x: index * step + gap / 2, y: top, width: Math.max(step - gap, 0.5), height: tall, fill: safeColour(item.color)}));
        parts.push(plural(count, "claim") + " " + item.label);
      });
      var title = document.createElementNS(SVG, "title");
      title.textContent = month + ": " + (parts.length ? parts.join(", ") : "no claim");
      bar.appendChild(title);
      bar.appendChild(svg("rect", {x: index * step, y: 0, width: step, height: height, fill: "transparent"}));
      chart.appendChild(bar);
    });
    [[span[0], 0, "start"], [span[span.length - 1], width, "end"]].forEach(function (label) {
      var text = svg("text", {x: label[1], y: height + axis - 2, "text-anchor": label[2], "font-size": 10, fill: "#666"});
      text.textContent = label[0];
      chart.appendChild(text);
    });
    var peak = svg("text", {x: 2, y: 9, "font-size": 10, fill: "#666"});
    peak.textContent = "most in a month: " + most;
    chart.appendChild(peak);
    var box = el("div", null, "timeline");
    box.appendChild(el("p", "Claims by month of publication", "muted"));
    box.appendChild(chart);
    var keys = el("div", null, "keys");
    order.forEach(function (item) {
      var key = el("span"), swatch = el("i");
      swatch.style.background = safeColour(item.color);
      key.appendChild(swatch);
      key.appendChild(document.createTextNode(item.label));
      keys.appendChild(key);
    });
    box.appendChild(keys);
    return box;
  }
  function monthsBetween(first, last) {
    var months = [], year = Number(first.slice(0, 4)), month = Number(first.slice(5, 7));
    for (var guard = 0; guard < 1200; guard++) {
      var name = year + "-" + (month < 10 ? "0" : "") + month;
      months.push(name);
      if (name >= last) { break; }
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
    return months;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showEntity(byId[params.nodes[0]]); }
    else if (params.edges.length) { showEdge(edges.get(params.edges[0])); }
  });

  var stats = document.getElementById("stats");
  // vis's own storePositions() fails once the view hides a node, so keep the shown ones here:
  // a node shown again comes back where it was instead of at a random spot.
  function keepPositions() {
    var positions = network.getPositions();
    nodes.update(Object.keys(positions).map(function (id) { return {id: id, x: positions[id].x, y: positions[id].y}; }));
  }
  // Entities the layout never saw (shown only with a checkbox) go on a spiral around a placed entity a
  // shown relation ties them to (a background fact's), or else in rows below the graph.
  function placeNewcomers() {
    var newcomers = data.nodes.filter(function (node) { return !placed[node.id] && nodeShown(node); });
    if (!newcomers.length) { return; }
    var positions = network.getPositions(), ids = Object.keys(positions);
    var around = {}, beside = [];
    newcomers = newcomers.filter(function (node) {
      var near = touching[node.id].concat(touchingBackground[node.id]).filter(edgeShown)
        .map(function (edge) { return partnerOf(node, edge).id; })
        .filter(function (id) { return positions[id]; })[0];
      if (!near) { return true; }
      var turn = around[near] = (around[near] || 0) + 1, radius = 60 + 10 * turn, angle = 2.4 * turn;
      beside.push({id: node.id, x: positions[near].x + radius * Math.cos(angle), y: positions[near].y + radius * Math.sin(angle)});
      placed[node.id] = true;
      return false;
    });
    nodes.update(beside);
    if (!newcomers.length) { return; }
    var left = 0, bottom = 0, right = 0;
    ids.forEach(function (id, index) {
      var p = positions[id];
      if (!index || p.x < left) { left = p.x; }
      if (!index || p.x > right) { right = p.x; }
      if (!index || p.y > bottom) { bottom = p.y; }
    });
    var gap = 90, columns = Math.max(Math.ceil(Math.sqrt(newcomers.length)), Math.floor((right - left) / gap) + 1);
    nodes.update(newcomers.map(function (node, index) {
      placed[node.id] = true;
      return {id: node.id, x: left + gap * (index % columns), y: bottom + gap * (1 + Math.floor(index / columns))};
    }));
  }
  function refresh() {
    if (settled) { keepPositions(); }
    relink();
    if (settled) { placeNewcomers(); }
    nodeView.refresh();
    edgeView.refresh();
    details.querySelectorAll(".relation").forEach(markFiltered);
    empty.hidden = nodeView.length > 0;
    stats.textContent = "showing " + nodeView.length + " of " + plural(data.nodes.length, "entity", "entities") +
      " and " + shownEdges.said + " of " + plural(data.edges.length, "relation") +
      (showBackground ? ", " + shownEdges.known + " of " + plural(background.length, "background fact") : "");
  }

  function filterRow(container, item, swatch, label, state) {
    var row = el("label", null, "filter");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-name", item.name);
    box.addEventListener("change", function () { state[item.name] = box.checked; refresh(); });
    row.appendChild(box);
    row.appendChild(swatch);
    row.appendChild(el("span", label));
    row.appendChild(el("span", item.count, "count"));
    container.appendChild(row);
  }
  var typeFilters = document.getElementById("type-filters");
  var glyphs = {dot: "\u25CF", diamond: "\u25C6", square: "\u25A0", hexagon: "\u2B22", triangle: "\u25B2", star: "\u2605"};
  data.types.forEach(function (item) {
    var swatch = el("span", glyphs[item.shape] || glyphs.dot, "glyph");
    swatch.style.color = safeColour(item.color);
    filterRow(typeFilters, item, swatch, item.name, typeOn);
  });
  var relationFilters = document.getElementById("relation-filters");
  data.relations.forEach(function (item) {
    var swatch = el("span", null, "line");
    swatch.style.borderTopColor = safeColour(item.color);
    filterRow(relationFilters, item, swatch, item.label + (item.directed ? " \u2192" : " \u2194"), relationOn);
  });

  function slider(id, initial, max, show, change) {
    var input = document.getElementById(id), output = document.getElementById(id + "-value");
    if (max !== null) { input.max = String(max); }
    input.value = String(initial);
    output.textContent = show(initial);
    input.addEventListener("input", function () {
      var value = parseFloat(input.value) || 0;
      output.textContent = show(value);
      change(value);
      refresh();
    });
  }
  slider("confidence", minConfidence, null, function (value) { return value.toFixed(2); },
         function (value) { minConfidence = value; });
  slider("support", minSupport, Math.max(1, data.maxSupport || 0), function (value) { return value ? String(value) : "any"; },
         function (value) { minSupport = value; });

  var backgroundBox = document.getElementById("background");
  if (background.length) {
    document.getElementById("background-swatch").style.borderTopColor = safeColour(background[0].color);
  } else {
    document.getElementById("background-filter").hidden = true;
  }
  backgroundBox.checked = showBackground;
  backgroundBox.addEventListener("change", function () {
    showBackground = backgroundBox.checked;
    refresh();
    if (shown && shown.node) { showEntity(shown.node); }
    else if (shown && shown.edge && known(shown.edge) && !showBackground) {
      shown = null;
      details.replaceChildren(intro);
    }
  });

  var unlinked = document.getElementById("unlinked");
  unlinked.checked = showUnlinked;
  unlinked.addEventListener("change", function () { showUnlinked = unlinked.checked; refresh(); });
  var labels = document.getElementById("edge-labels");
  labels.addEventListener("change", function () {
    network.setOptions({edges: {font: {size: labels.checked ? data.options.edges.font.size : 0}}});
  });
  document.getElementById("fit").addEventListener("click", function () {
    moveView(function () { network.fit({animation: {duration: 400}}); });
  });

  // --- the publish-date range ------------------------------------------------------------
  var fromInput = document.getElementById("date-from"), toInput = document.getElementById("date-to");
  var dates = data.videos.map(function (video) { return video.date; }).filter(Boolean).sort();
  if (dates.length) {
    [fromInput, toInput].forEach(function (input) { input.min = dates[0]; input.max = dates[dates.length - 1]; });
    document.getElementById("date-span").textContent = "videos from " + dates[0] + " to " + dates[dates.length - 1];
  } else {
    document.getElementById("date-filter").hidden = true;
  }
  function changeDates() {
    dateFrom = fromInput.value;
    dateTo = toInput.value;
    recount();
    edges.update(allEdges.map(function (edge) { return {id: edge.id, title: edgeTip(edge)}; }));
    refresh();
    if (shown && shown.node) { showEntity(shown.node); }
    else if (shown && shown.edge) { showEdge(shown.edge); }
  }
  fromInput.addEventListener("change", changeDates);
  toInput.addEventListener("change", changeDates);
  document.getElementById("all-dates").addEventListener("click", function () {
    fromInput.value = "";
    toInput.value = "";
    changeDates();
  });

  // --- search ---------------------------------------------------------------------------
  var names = document.getElementById("entity-names"), search = document.getElementById("search");
  var message = document.getElementById("search-message");
  data.nodes.forEach(function (node) {
    var option = el("option");
    option.value = node.label;
    names.appendChild(option);
  });
  function findNode(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return null; }
    var exact = data.nodes.filter(function (node) {
      return node.label.toLowerCase() === wanted ||
        node.aliases.some(function (alias) { return alias.toLowerCase() === wanted; });
    });
    if (exact.length) { return exact[0]; }
    var partial = data.nodes.filter(function (node) { return node.label.toLowerCase().indexOf(wanted) !== -1; });
    return partial.length ? partial[0] : null;
  }
  var searched = null;  // the text last searched for: Enter is followed by a change event, which must not search again
  function searchFor(text) {
    searched = text;
    var node = findNode(text);
    message.textContent = "";
    if (!node) { if (text.trim()) { message.textContent = "no entity matches"; } return; }
    showEntity(node);
    if (!nodeView.get(node.id)) { message.textContent = node.label + " is hidden by the filters"; return; }
    network.selectNodes([node.id]);
    moveView(function () {
      network.focus(node.id, {scale: 1.2, locked: false, animation: {duration: 600, easingFunction: "easeInOutQuad"}});
    });
  }
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { searchFor(search.value); } });
  search.addEventListener("change", function () { if (search.value !== searched) { searchFor(search.value); } });
  search.addEventListener("input", function (event) {  // a name chosen from the list
    if (event.inputType === "insertReplacementText") { searchFor(search.value); }
  });

  refresh();
}());
