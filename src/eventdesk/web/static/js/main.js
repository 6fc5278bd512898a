// The dashboard's router: #/view/argument?filters. The filters live in the address, so every view
// (and the browser's back button) sees the same selection; brushing the timeline sets since/until.

import {FILTER_KEYS, getJSON} from "./api.js";
import {el, message} from "./dom.js";
import {renderArticle, renderArticles} from "./articles.js";
import {renderEvent, renderEvents} from "./events.js";
import {renderMap} from "./map.js";
import {renderNetwork} from "./network.js";
import {renderTimeline} from "./timeline.js";

const VIEWS = {
  events: renderEvents,
  event: renderEvent,
  timeline: renderTimeline,
  map: renderMap,
  network: renderNetwork,
  articles: renderArticles,
  article: renderArticle,
};

let renders = 0;

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = hash.split("?");
  const [view, ...rest] = path.split("/");
  return {
    view: VIEWS[view] ? view : "events",
    arg: rest.length ? decodeURIComponent(rest.join("/")) : null,
    filters: new URLSearchParams(query),
  };
}

/** Go to a view, keeping (or replacing) the filters. */
export function navigate(view, {arg = null, filters = null} = {}) {
  const params = filters || parseHash().filters;
  const query = params.toString();
  location.hash = `#/${view}${arg !== null ? "/" + encodeURIComponent(arg) : ""}${query ? "?" + query : ""}`;
}

function showFilters(filters) {
  const form = document.getElementById("filters");
  for (const key of FILTER_KEYS) form.elements[key].value = filters.get(key) || "";
}

function readFilters(current) {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = form.elements[key].value.trim();
    if (value) params.set(key, value);
  }
  if (current.get("sort")) params.set("sort", current.get("sort"));
  return params;
}

async function route() {
  const {view, arg, filters} = parseHash();
  showFilters(filters);
  for (const link of document.querySelectorAll("#nav a[data-view]")) {
    const active = link.dataset.view === view || `${link.dataset.view}` === `${view}s`;
    link.classList.toggle("active", active);
    const query = new URLSearchParams(filters);
    query.delete("cursor");
    link.setAttribute("href", `#/${link.dataset.view}${query.toString() ? "?" + query : ""}`);
  }
  const root = document.getElementById("view");
  const mine = ++renders;
  root.replaceChildren(message("Loading…"));
  root.removeAttribute("data-ready");
  // each view renders into its own container, shown only if no newer route started meanwhile
  const target = el("div");
  try {
    await VIEWS[view](target, {arg, filters, navigate});
  } catch (error) {
    target.replaceChildren(el("p", {class: "error", role: "alert"}, String(error.message || error)));
  }
  if (mine !== renders) return;
  root.replaceChildren(...target.childNodes);
  root.dataset.view = view;
  root.dataset.hash = location.hash; // what this render showed (tests wait for it)
  root.dataset.ready = view;
}

async function showTotals() {
  try {
    const stats = await getJSON("/stats");
    document.getElementById("totals").replaceChildren(`${stats.events} events in ${stats.articles} articles`);
  } catch (error) {
    document.getElementById("totals").replaceChildren(String(error.message || error));
  }
}

document.getElementById("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  const {view, arg, filters} = parseHash();
  const listing = ["event", "article"].includes(view) ? "events" : view;
  navigate(listing, {arg: listing === view ? arg : null, filters: readFilters(filters)});
});
document.getElementById("clear-filters").addEventListener("click", () => {
  const {view} = parseHash();
  navigate(["event", "article"].includes(view) ? "events" : view, {filters: new URLSearchParams()});
});
window.addEventListener("hashchange", route);
showTotals();
route();
