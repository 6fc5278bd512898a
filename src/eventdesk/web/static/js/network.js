// Who did what to whom: actor → recipient edges weighted by number of events, green where they
// cooperate (QuadClass 1–2) and red where they conflict (3–4); a small force layout in SVG.

import {filterParams, getJSON} from "./api.js";
import {el, message, svg} from "./dom.js";

const WIDTH = 960;
const HEIGHT = 600;

/** Positions for the nodes: start on a circle, then springs along edges and repulsion between all. */
function layout(nodes, edges) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({x: WIDTH / 2 + 250 * Math.cos((2 * Math.PI * i) / n),
    y: HEIGHT / 2 + 220 * Math.sin((2 * Math.PI * i) / n)}));
  const index = new Map(nodes.map((node, i) => [node.name, i]));
  const links = edges.map((e) => [index.get(e.actor), index.get(e.recipient)]);
  const ideal = Math.min(160, Math.sqrt((WIDTH * HEIGHT) / Math.max(n, 1)));
  for (let step = 0; step < 200; step += 1) {
    const move = pos.map(() => ({x: 0, y: 0}));
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const dx = pos[i].x - pos[j].x || 0.01;
        const dy = pos[i].y - pos[j].y || 0.01;
        const d2 = Math.max(dx * dx + dy * dy, 1);
        const f = (ideal * ideal) / d2;
        move[i].x += dx * f / Math.sqrt(d2); move[i].y += dy * f / Math.sqrt(d2);
        move[j].x -= dx * f / Math.sqrt(d2); move[j].y -= dy * f / Math.sqrt(d2);
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const f = d / ideal;
      move[a].x -= dx * f; move[a].y -= dy * f; move[b].x += dx * f; move[b].y += dy * f;
    }
    const limit = 20 * (1 - step / 200) + 1;
    for (let i = 0; i < n; i += 1) {
      const m = Math.sqrt(move[i].x ** 2 + move[i].y ** 2) || 1;
      pos[i].x = Math.min(WIDTH - 60, Math.max(60, pos[i].x + (move[i].x / m) * Math.min(m, limit)));
      pos[i].y = Math.min(HEIGHT - 30, Math.max(30, pos[i].y + (move[i].y / m) * Math.min(m, limit)));
    }
  }
  return fit(pos);
}

/** Stretch the layout to fill the chart. */
function fit(pos) {
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = x1 > x0 ? (WIDTH - 240) / (x1 - x0) : 1;
  const sy = y1 > y0 ? (HEIGHT - 80) / (y1 - y0) : 1;
  return pos.map((p) => ({x: 80 + (p.x - x0) * sx, y: 40 + (p.y - y0) * sy}));
}

export async function renderNetwork(root, {filters, navigate}) {
  const network = await getJSON("/network", {...filterParams(filters), limit: 150});
  const heading = el("h2", {}, "Actor network: who did what to whom");
  if (!network.edges.length) {
    root.replaceChildren(heading, message("No events with both an actor and a recipient match these filters."));
    return;
  }
  const pos = layout(network.nodes, network.edges);
  const at = new Map(network.nodes.map((node, i) => [node.name, pos[i]]));
  const maxNode = Math.max(...network.nodes.map((node) => node.num_events));
  const chart = svg("svg", {class: "network", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-label": "actor network"},
  svg("defs", {}, ["coop", "conflict"].map((kind) => svg("marker", {id: `arrow-${kind}`, viewBox: "0 0 10 10",
    refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse", class: `arrow ${kind}`},
  svg("path", {d: "M 0 0 L 10 5 L 0 10 z"})))));
  for (const edge of network.edges) {
    const [a, b] = [at.get(edge.actor), at.get(edge.recipient)];
    const kind = edge.conflictual > edge.cooperative ? "conflict" : "coop";
    chart.append(svg("line", {class: `edge ${kind}`, x1: a.x, y1: a.y, x2: b.x, y2: b.y,
      "stroke-width": 1 + 2 * Math.log2(1 + edge.num_events), "marker-end": `url(#arrow-${kind})`,
      "data-actor": edge.actor, "data-recipient": edge.recipient, "data-count": edge.num_events},
    svg("title", {}, `${edge.actor} → ${edge.recipient}: ${edge.num_events} events `
      + `(${edge.cooperative} cooperative, ${edge.conflictual} conflictual)`)));
  }
  for (const node of network.nodes) {
    const p = at.get(node.name);
    const actorFilter = new URLSearchParams(filters);
    actorFilter.set("actor", node.name);
    actorFilter.delete("cursor");
    chart.append(svg("g", {class: "node", "data-name": node.name, onclick: () => navigate("events", {filters: actorFilter})},
      svg("circle", {cx: p.x, cy: p.y, r: 5 + 10 * Math.sqrt(node.num_events / maxNode)}),
      svg("text", {x: p.x + 12, y: p.y + 4}, node.name),
      svg("title", {}, `${node.name}${node.code ? ` (${node.code})` : ""}: ${node.num_events} events — click to list them`)));
  }
  root.replaceChildren(heading,
    el("p", {class: "legend"}, el("span", {class: "swatch coop"}), " cooperative ", el("span", {class: "swatch conflict"}),
      " conflictual · line width: number of events · click an actor to list its events"),
    chart, message(`${network.edges.length} edges between ${network.nodes.length} actors.`));
}
