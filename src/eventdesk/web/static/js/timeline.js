// Events per day by QuadClass as stacked SVG bars; dragging across the chart (brushing) sets the
// date range every other view filters on.

import {filterParams, getJSON} from "./api.js";
import {el, message, QUAD_NAMES, svg} from "./dom.js";

const WIDTH = 960;
const HEIGHT = 280;
const MARGIN = {top: 12, right: 12, bottom: 40, left: 44};
const DAY_MS = 86400000;

function dayRange(first, last) {
  const days = [];
  const end = Date.parse(last);
  for (let t = Date.parse(first); t <= end && days.length < 4000; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function stack(counts) {
  const byDay = new Map();
  let undated = 0;
  for (const c of counts) {
    if (!c.day) { undated += c.count; continue; }
    if (!byDay.has(c.day)) byDay.set(c.day, {1: 0, 2: 0, 3: 0, 4: 0});
    byDay.get(c.day)[c.quad_class] += c.count;
  }
  const dated = [...byDay.keys()].sort();
  const days = dated.length ? dayRange(dated[0], dated[dated.length - 1]) : [];
  return {days: days.length < 4000 ? days : dated, byDay, undated};
}

function bars(days, byDay, x, y, band) {
  const nodes = [];
  for (const [i, day] of days.entries()) {
    const counts = byDay.get(day);
    if (!counts) continue;
    let base = 0;
    for (const quad of [1, 2, 3, 4]) {
      const n = counts[quad];
      if (!n) continue;
      nodes.push(svg("rect", {class: `bar q${quad}`, x: x(i), width: Math.max(band - 1, 1), y: y(base + n),
        height: y(base) - y(base + n), "data-day": day, "data-quad": quad, "data-count": n},
      svg("title", {}, `${day}: ${n} ${QUAD_NAMES[quad]}`)));
      base += n;
    }
  }
  return nodes;
}

function axis(days, x, band, max, y) {
  const step = Math.max(1, Math.ceil(days.length / 8));
  const ticks = days.filter((_, i) => i % step === 0 || i === days.length - 1);
  return [
    ...ticks.map((day) => svg("text", {class: "tick", x: x(days.indexOf(day)) + band / 2, y: HEIGHT - MARGIN.bottom + 16,
      "text-anchor": "middle"}, day)),
    svg("text", {class: "tick", x: MARGIN.left - 6, y: y(max) + 4, "text-anchor": "end"}, String(max)),
    svg("text", {class: "tick", x: MARGIN.left - 6, y: y(0), "text-anchor": "end"}, "0"),
    svg("line", {class: "axis", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0)}),
  ];
}

function brush(chart, days, x, band, {since, until, onBrush}) {
  const dayAt = (px) => days[Math.min(days.length - 1, Math.max(0, Math.floor((px - MARGIN.left) / band)))];
  const toChart = (event) => {
    const box = chart.getBoundingClientRect();
    return (event.clientX - box.left) * (WIDTH / box.width);
  };
  const selection = svg("rect", {class: "selection", y: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom,
    x: 0, width: 0});
  const show = (a, b) => {
    const [i, j] = [days.indexOf(a), days.indexOf(b)].sort((p, q) => p - q);
    if (i < 0 || j < 0) return;
    selection.setAttribute("x", x(i));
    selection.setAttribute("width", x(j) - x(i) + band);
  };
  if (since || until) show(days.includes(since) ? since : days[0], days.includes(until) ? until : days.at(-1));
  const overlay = svg("rect", {class: "brush", x: MARGIN.left, y: MARGIN.top, width: WIDTH - MARGIN.left - MARGIN.right,
    height: HEIGHT - MARGIN.top - MARGIN.bottom});
  let start = null;
  overlay.addEventListener("pointerdown", (e) => {
    start = dayAt(toChart(e));
    overlay.setPointerCapture(e.pointerId);
    show(start, start);
  });
  overlay.addEventListener("pointermove", (e) => start && show(start, dayAt(toChart(e))));
  overlay.addEventListener("pointerup", (e) => {
    if (!start) return;
    const [a, b] = [start, dayAt(toChart(e))].sort();
    start = null;
    onBrush(a, b);
  });
  return [selection, overlay];
}

export async function renderTimeline(root, {filters, navigate}) {
  const counts = await getJSON("/timeline", filterParams(filters, ["since", "until"]));
  const {days, byDay, undated} = stack(counts);
  const since = filters.get("since");
  const until = filters.get("until");
  const withRange = (a, b) => {
    const next = new URLSearchParams(filters);
    next.delete("cursor");
    for (const [key, value] of [["since", a], ["until", b]]) value ? next.set(key, value) : next.delete(key);
    return next;
  };
  const heading = el("h2", {}, "Timeline: events per day by QuadClass");
  if (!days.length) {
    root.replaceChildren(heading, message(`No dated events${undated ? ` (${undated} undated)` : ""}.`));
    return;
  }
  const max = Math.max(...[...byDay.values()].map((c) => c[1] + c[2] + c[3] + c[4]));
  const band = (WIDTH - MARGIN.left - MARGIN.right) / days.length;
  const x = (i) => MARGIN.left + i * band;
  const y = (n) => HEIGHT - MARGIN.bottom - (n / max) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const chart = svg("svg", {class: "timeline", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-label": "events per day by QuadClass"});
  chart.append(...axis(days, x, band, max, y), ...bars(days, byDay, x, y, band),
    ...brush(chart, days, x, band, {since, until, onBrush: (a, b) => navigate("timeline", {filters: withRange(a, b)})}));
  const range = since || until ? `Selected: ${since || "…"} to ${until || "…"}` : "Drag across the chart to select a date range.";
  const links = ["events", "map", "network"].map((view) => el("a", {href: "#", class: `goto-${view}`, onclick: (e) => {
    e.preventDefault();
    navigate(view);
  }}, view));
  root.replaceChildren(heading,
    el("p", {class: "legend"}, [1, 2, 3, 4].map((q) => [el("span", {class: `swatch q${q}`}), ` ${QUAD_NAMES[q]} `])),
    chart,
    el("p", {id: "range"}, range, since || until ? [" ", el("button", {type: "button", id: "clear-range",
      onclick: () => navigate("timeline", {filters: withRange(null, null)})}, "Clear range")] : null,
    " · show these in: ", links[0], ", ", links[1], ", ", links[2]),
    message(undated ? `${undated} undated events are not shown.` : "Every event is dated."));
}
