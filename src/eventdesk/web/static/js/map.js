// Event locations on Natural Earth country outlines (equirectangular), clustered on a grid whose
// cells shrink as you zoom in, each marker coloured by its events' most frequent QuadClass.

import {allEvents} from "./api.js";
import {el, message, names, QUAD_NAMES, svg} from "./dom.js";

const WIDTH = 960;
const HEIGHT = 480;
const CELL = 36; // cluster cell, in screen units at the current zoom
const project = ([lon, lat]) => [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];

function ringPath(ring) {
  // longitudes unwrapped along the ring, so one crossing the antimeridian runs off the map's edge
  // (where the SVG clips it) instead of drawing a line across the whole map
  let last = null;
  const points = ring.map(([lon, lat]) => {
    let x = lon;
    if (last !== null) x += 360 * Math.round((last - x) / 360);
    last = x;
    return project([x, lat]);
  });
  return "M" + points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L") + "Z";
}

function countryPath(feature) {
  const geometry = feature.geometry;
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) => polygon.map(ringPath)).join("");
}

async function outlines() {
  const response = await fetch("/dashboard/vendor/countries-110m.json");
  const world = await response.json();
  return window.topojson.feature(world, world.objects.countries).features;
}

function cluster(points, zoom) {
  const size = CELL / zoom;
  const cells = new Map();
  for (const p of points) {
    const key = `${Math.floor(p.x / size)},${Math.floor(p.y / size)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(p);
  }
  return [...cells.values()].map((members) => {
    const quads = {1: 0, 2: 0, 3: 0, 4: 0};
    for (const m of members) quads[m.event.record.quad_code] += 1;
    const quad = [1, 2, 3, 4].reduce((best, q) => (quads[q] > quads[best] ? q : best), 1);
    return {members, quad, x: members.reduce((s, m) => s + m.x, 0) / members.length,
      y: members.reduce((s, m) => s + m.y, 0) / members.length};
  });
}

function locate(events) {
  return events.filter((e) => e.record.event_loc && e.record.event_loc.lat !== null && e.record.event_loc.lon !== null)
    .map((e) => {
      const [x, y] = project([e.record.event_loc.lon, e.record.event_loc.lat]);
      return {event: e, x, y};
    });
}

function listing(group, navigate) {
  return [el("h3", {}, `${group.members.length} events here`),
    el("ul", {}, group.members.map((m) => el("li", {}, el("a", {href: "#", class: "map-event", onclick: (e) => {
      e.preventDefault();
      navigate("event", {arg: m.event.id});
    }}, `${m.event.record.date || "undated"} ${m.event.record.event}: ${names(m.event.record.actor)} — `
      + `${m.event.record.event_loc.resolved_place}`))))];
}

function marker(group, zoom, onPick) {
  const n = group.members.length;
  const r = (4 + 3 * Math.sqrt(n)) / zoom;
  return svg("g", {class: `marker q${group.quad}`, "data-count": n, onclick: () => onPick(group)},
    svg("circle", {cx: group.x, cy: group.y, r}),
    n > 1 ? svg("text", {x: group.x, y: group.y + r / 3, "font-size": r, "text-anchor": "middle"}, String(n)) : null,
    svg("title", {}, `${n} events, mostly ${QUAD_NAMES[group.quad]}`));
}

/** Drag the map to pan it (a click without a drag still reaches the markers). */
function enablePan(map, view, draw) {
  let from = null;
  map.addEventListener("pointerdown", (e) => { from = {x: e.clientX, y: e.clientY, cx: view.cx, cy: view.cy}; });
  map.addEventListener("pointermove", (e) => {
    if (!from || (Math.abs(e.clientX - from.x) < 4 && Math.abs(e.clientY - from.y) < 4)) return;
    const scale = WIDTH / view.zoom / map.getBoundingClientRect().width;
    Object.assign(view, {cx: from.cx - (e.clientX - from.x) * scale, cy: from.cy - (e.clientY - from.y) * scale});
    draw();
  });
  for (const type of ["pointerup", "pointerleave"]) map.addEventListener(type, () => { from = null; });
}

export async function renderMap(root, {filters, navigate}) {
  const [features, {events, complete}] = await Promise.all([outlines(), allEvents(filters)]);
  const points = locate(events);
  const view = {zoom: 1, cx: WIDTH / 2, cy: HEIGHT / 2};
  const map = svg("svg", {class: "map", role: "img", "aria-label": "event locations"});
  const land = svg("g", {class: "countries"}, features.map((f) => svg("path", {class: "country", d: countryPath(f)},
    svg("title", {}, f.properties && f.properties.name ? f.properties.name : ""))));
  const markers = svg("g", {class: "markers"});
  const side = el("aside", {class: "map-side"}, message("Click a marker to list its events; drag to pan."));
  map.append(land, markers);
  const pick = (group) => {
    if (group.members.length > 1 && view.zoom < 64) Object.assign(view, {zoom: view.zoom * 4, cx: group.x, cy: group.y});
    draw();
    side.replaceChildren(...listing(group, navigate));
  };
  const draw = () => {
    const [w, h] = [WIDTH / view.zoom, HEIGHT / view.zoom];
    map.setAttribute("viewBox", `${view.cx - w / 2} ${view.cy - h / 2} ${w} ${h}`);
    map.dataset.zoom = String(view.zoom);
    markers.replaceChildren(...cluster(points, view.zoom).map((group) => marker(group, view.zoom, pick)));
  };
  const zoomBy = (factor) => {
    view.zoom = Math.min(64, Math.max(1, view.zoom * factor));
    if (view.zoom === 1) Object.assign(view, {cx: WIDTH / 2, cy: HEIGHT / 2});
    draw();
  };
  map.addEventListener("wheel", (e) => { e.preventDefault(); zoomBy(e.deltaY < 0 ? 2 : 0.5); }, {passive: false});
  enablePan(map, view, draw);
  draw();
  root.replaceChildren(el("h2", {}, "Map: where events happened"),
    el("p", {class: "legend"}, [1, 2, 3, 4].map((q) => [el("span", {class: `swatch q${q}`}), ` ${QUAD_NAMES[q]} `]),
      el("button", {type: "button", id: "zoom-in", onclick: () => zoomBy(2)}, "+"),
      el("button", {type: "button", id: "zoom-out", onclick: () => zoomBy(0.5)}, "−")),
    el("div", {class: "map-layout"}, map, side),
    message(`${points.length} of ${events.length} events have a location`
      + `${complete ? "" : " (the first 2,000 events under these filters)"}.`));
}
