// Building the page: every piece of text goes in as a text node, never as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  return node;
}

/** el("a", {href: "#/x", class: "y"}, "text", child, …): an HTML element. */
export function el(tag, attrs, ...children) {
  return append(setAttributes(document.createElement(tag), attrs), children);
}

/** svg("circle", {cx: 1}): an SVG element. */
export function svg(tag, attrs, ...children) {
  return append(setAttributes(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** A link target for a source URL, or null unless it is http(s). */
export function safeUrl(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function asList(value) {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export const QUAD_NAMES = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

export function quadBadge(quad) {
  return el("span", {class: `quad q${quad}`, title: `QuadClass ${quad}`}, QUAD_NAMES[quad] || `QuadClass ${quad}`);
}

export function names(participants) {
  const list = asList(participants).map((p) => p.name || p.entity_text).filter(Boolean);
  return list.length ? list.join("; ") : "–";
}

export function message(text, cls = "note") {
  return el("p", {class: cls}, text);
}
