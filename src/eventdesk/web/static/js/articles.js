// The stored articles, and one article's clean text with its events marked.

import {getJSON} from "./api.js";
import {el, message, names, quadBadge, safeUrl} from "./dom.js";
import {legend, markText, spansOf} from "./highlight.js";

export async function renderArticles(root, {filters, navigate}) {
  const cursor = filters.get("cursor");
  const page = await getJSON("/articles", {q: filters.get("q"), limit: 50, cursor});
  const rows = page.items.map((article) => el("tr", {class: "article-row", "data-article-id": article.id},
    el("td", {}, el("a", {href: "#", class: "article-link", onclick: (e) => {
      e.preventDefault();
      navigate("article", {arg: article.id});
    }}, article.title || article.id)),
    el("td", {}, article.published || "–"),
    el("td", {}, article.source),
    el("td", {class: "num"}, String(article.num_mentions))));
  const next = page.next_cursor ? el("button", {type: "button", id: "next-page", onclick: () => {
    const params = new URLSearchParams(filters);
    params.set("cursor", page.next_cursor);
    navigate("articles", {filters: params});
  }}, "Next page") : null;
  root.replaceChildren(el("h2", {}, "Articles"),
    rows.length ? el("table", {class: "articles"},
      el("thead", {}, el("tr", {}, ["Title", "Published", "Source", "Events"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)) : message("No articles."),
    el("div", {class: "pager"}, next));
}

export async function renderArticle(root, {arg, navigate}) {
  const article = await getJSON(`/articles/${encodeURIComponent(arg)}`);
  const open = (eventId) => navigate("event", {arg: eventId});
  const spans = article.events.flatMap((e) => spansOf(e.record, e.event_id));
  const url = safeUrl(article.url);
  const list = article.events.map((e) => el("li", {class: "article-event"},
    el("a", {href: "#", onclick: (ev) => { ev.preventDefault(); if (e.event_id) open(e.event_id); }},
      `${e.record.event}: ${names(e.record.actor)} → ${names(e.record.recipient)}`),
    " ", quadBadge(e.record.quad_code), " ", e.record.date || "undated"));
  root.replaceChildren(
    el("h2", {class: "article-heading"}, article.title || article.id),
    el("p", {class: "meta"}, article.published || "no date", " · ", article.source,
      url ? [" · ", el("a", {href: url, class: "source-url", rel: "noopener noreferrer", target: "_blank"}, url)] : null),
    el("div", {class: "article-layout"},
      el("article", {class: "article-text"}, markText(article.text, 0, spans, {onTrigger: open})),
      el("aside", {}, el("h3", {}, `${article.events.length} events`), legend(), el("ol", {}, list))));
}
