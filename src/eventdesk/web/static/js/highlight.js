// Marking evidence: actor, recipient, trigger and place spans by their character offsets.

import {asList, el} from "./dom.js";

/** The spans of one PLOVER record, in offsets into its article's text. */
export function spansOf(record, eventId = null) {
  const spans = [];
  const add = (start, end, role, label) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) spans.push({start, end, role, label, eventId});
  };
  for (const actor of asList(record.actor)) add(actor.start, actor.end, "actor", actor.name);
  for (const recipient of asList(record.recipient)) add(recipient.start, recipient.end, "recipient", recipient.name);
  const trigger = record.text_info && record.text_info.trigger;
  if (trigger) add(trigger.start, trigger.end, "trigger", `${record.event} (CAMEO ${record.cameo})`);
  const place = record.event_loc;
  if (place) add(place.start, place.end, "place", place.resolved_place || place.extracted_place);
  return spans;
}

/** `text` (which starts at `offset` in the article) with the spans marked; returns a fragment. */
export function markText(text, offset, spans, {onTrigger = null} = {}) {
  const local = spans
    .map((s) => ({...s, start: Math.max(0, s.start - offset), end: Math.min(text.length, s.end - offset)}))
    .filter((s) => s.end > s.start);
  const cuts = new Set([0, text.length]);
  for (const s of local) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = local.filter((s) => s.start <= from && s.end >= to);
    if (!covering.length) {
      fragment.append(document.createTextNode(piece));
      continue;
    }
    const roles = [...new Set(covering.map((s) => s.role))];
    const title = covering.map((s) => `${s.role}: ${s.label || ""}`).join("\n");
    const trigger = covering.find((s) => s.role === "trigger" && s.eventId);
    const mark = el("mark", {class: roles.map((r) => `role-${r}`).join(" "), "data-roles": roles.join(" "), title},
      piece);
    if (trigger && onTrigger) {
      mark.classList.add("clickable");
      mark.setAttribute("data-event-id", trigger.eventId);
      mark.addEventListener("click", () => onTrigger(trigger.eventId));
    }
    fragment.append(mark);
  }
  return fragment;
}

export function legend() {
  return el("p", {class: "legend"}, "Marked: ",
    el("mark", {class: "role-actor"}, "actor"), " ", el("mark", {class: "role-trigger"}, "trigger"), " ",
    el("mark", {class: "role-recipient"}, "recipient"), " ", el("mark", {class: "role-place"}, "place"));
}
