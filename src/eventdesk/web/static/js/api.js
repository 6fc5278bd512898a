// Reading the HTTP API: one JSON error shape, {"error": {status, title, detail}}.

export const FILTER_KEYS = ["q", "actor", "country", "category", "cameo", "since", "until"];

export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, {headers: {Accept: "application/json"}});
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.error ? body.error.detail : response.statusText;
    throw new Error(`${path}: ${detail}`);
  }
  return body;
}

/** The API's filter parameters from the dashboard's filters (URLSearchParams), minus `omit`. */
export function filterParams(filters, omit = []) {
  const params = {};
  for (const key of FILTER_KEYS) {
    const value = filters.get(key);
    if (value && !omit.includes(key)) params[key] = value;
  }
  return params;
}

/** Up to `pages` pages of /events under the filters. */
export async function allEvents(filters, {pages = 4, limit = 500} = {}) {
  const events = [];
  let cursor = null;
  for (let page = 0; page < pages; page += 1) {
    const found = await getJSON("/events", {...filterParams(filters), limit, cursor});
    events.push(...found.items);
    cursor = found.next_cursor;
    if (!cursor) return {events, complete: true};
  }
  return {events, complete: false};
}
