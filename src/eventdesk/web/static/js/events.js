// The events table (filters, sort, cursor pagination) and one event with every report.

import {filterParams, getJSON} from "./api.js";
import {asList, el, message, names, quadBadge, safeUrl} from "./dom.js";
import {legend, markText, spansOf} from "./highlight.js";

const PAGE = 50;

function place(record) {
  const loc = record.event_loc;
  return loc ? loc.resolved_place || loc.extracted_place : "–";
}

function eventRow(event, navigate) {
  const record = event.record;
  const open = () => navigate("event", {arg: event.id});
  const sentence = record.text_info ? record.text_info.sentence : "";
  return el("tr", {class: "event-row", "data-event-id": event.id, tabindex: "0", onclick: open,
    onkeydown: (e) => e.key === "Enter" && open()},
  el("td", {class: "date"}, record.date || "undated"),
  el("td", {class: "category"}, el("strong", {}, record.event), el("br"), `CAMEO ${record.cameo}`),
  el("td", {class: "actor"}, names(record.actor)),
  el("td", {class: "recipient"}, names(record.recipient)),
  el("td", {class: "place"}, place(record)),
  el("td", {}, quadBadge(record.quad_code)),
  el("td", {class: "num"}, String(event.num_mentions)),
  el("td", {class: "evidence"}, sentence.length > 160 ? sentence.slice(0, 157) + "…" : sentence,
    el("div", {class: "article-title"}, event.article_title || event.article_id)));
}

export async function renderEvents(root, {filters, navigate}) {
  const sort = filters.get("sort") === "-date" ? "-date" : "date";
  const cursor = filters.get("cursor");
  const page = await getJSON("/events", {...filterParams(filters), sort, limit: PAGE, cursor});
  const resort = () => {
    const next = new URLSearchParams(filters);
    next.set("sort", sort === "date" ? "-date" : "date");
    next.delete("cursor");
    navigate("events", {filters: next});
  };
  const header = el("tr", {},
    el("th", {}, el("button", {type: "button", class: "sort", id: "sort-date", onclick: resort},
      `Date ${sort === "date" ? "▲" : "▼"}`)),
    ["Event", "Actor", "Recipient", "Place", "QuadClass", "Reports", "Evidence"].map((h) => el("th", {}, h)));
  const rows = page.items.map((event) => eventRow(event, navigate));
  const pager = el("div", {class: "pager"},
    cursor ? el("button", {type: "button", id: "first-page", onclick: () => {
      const first = new URLSearchParams(filters);
      first.delete("cursor");
      navigate("events", {filters: first});
    }}, "First page") : null,
    cursor ? el("button", {type: "button", id: "previous-page", onclick: () => history.back()}, "Previous") : null,
    page.next_cursor ? el("button", {type: "button", id: "next-page", onclick: () => {
      const next = new URLSearchParams(filters);
      next.set("cursor", page.next_cursor);
      navigate("events", {filters: next});
    }}, "Next page") : null);
  root.replaceChildren(
    el("h2", {}, "Events"),
    rows.length ? el("table", {class: "events"}, el("thead", {}, header), el("tbody", {}, rows))
      : message("No events match these filters."),
    pager);
}

function evidence(record, eventId) {
  const info = record.text_info;
  if (!info) return message("No evidence sentence.");
  return el("blockquote", {class: "evidence-sentence"}, markText(info.sentence, info.start, spansOf(record, eventId)));
}

function facts(record) {
  const acled = record.acled ? `${record.acled.event_type} / ${record.acled.sub_event_type}` : "–";
  const modes = ["negated", "hypothetical", "future", "historical"].filter((m) => record[m]);
  const rows = [
    ["Date", `${record.date || "undated"}${record.date_precision ? ` (${record.date_precision})` : ""}`],
    ["Actor", names(record.actor)], ["Recipient", names(record.recipient)], ["Place", place(record)],
    ["CAMEO", record.cameo], ["QuadClass", quadBadge(record.quad_code)], ["Goldstein", String(record.goldstein)],
    ["ACLED", acled], ["Modes", modes.length ? modes.join(", ") : "–"], ["Confidence", String(record.confidence)],
  ];
  return el("dl", {class: "facts"}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

function report(mention, navigate) {
  const url = safeUrl(mention.url);
  const record = mention.record;
  return el("li", {class: "report", "data-article-id": mention.article_id},
    el("a", {href: "#", class: "article-link", onclick: (e) => {
      e.preventDefault();
      navigate("article", {arg: mention.article_id});
    }}, mention.article_title || mention.article_id),
    " · ", mention.source, " · ", mention.date || "undated", ` · trigger “${mention.trigger}”`,
    url ? [" · ", el("a", {href: url, class: "source-url", rel: "noopener noreferrer", target: "_blank"}, url)]
      : [" · ", el("span", {class: "source-url none"}, "no source URL")],
    record && record.text_info ? el("blockquote", {},
      markText(record.text_info.sentence, record.text_info.start, spansOf(record))) : null);
}

export async function renderEvent(root, {arg, navigate}) {
  const event = await getJSON(`/events/${encodeURIComponent(arg)}/reports`);
  const record = event.record;
  root.replaceChildren(
    el("p", {}, el("a", {href: "#", onclick: (e) => { e.preventDefault(); history.back(); }}, "← back")),
    el("h2", {class: "event-title"}, `${record.event}: ${names(record.actor)} → ${names(record.recipient)}`),
    facts(record),
    el("h3", {}, "Evidence"), legend(), evidence(record, event.id),
    el("h3", {}, `Reports (${event.num_mentions} in ${event.num_articles} articles from ${event.num_sources} sources)`),
    el("ol", {class: "reports"}, asList(event.mentions).map((m) => report(m, navigate))));
}
