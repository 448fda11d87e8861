"use strict";
// Shared helpers of the dashboard pages. Every piece of text reaches the page as a text node
// (never as HTML), so names and error messages cannot inject markup.
const Dash = (() => {
  const POLL_MS = 5000;
  const base = new URL(document.body.dataset.root || "./", location.href);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    append(node, ...children);
    return node;
  }

  function append(node, ...children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function api(path) {
    return new URL(path, base);
  }

  function page(path) {
    return new URL(path, base).href;
  }

  function workflowHref(workflow) {
    return page("workflows/" + encodeURIComponent(workflow));
  }

  function pairHref(workflow, partition) {
    return page("pairs/" + encodeURIComponent(workflow) + "/" + encodeURIComponent(partition));
  }

  // Instances whose pairs the answers of this refresh took from copies that may lag: named by
  // lists in X-Dualrun-Stale-From, or a pair answered with "stale": true.
  const staleFrom = new Set();

  function noteStale(response, body) {
    const header = response.headers.get("X-Dualrun-Stale-From");
    if (header) header.split(",").map((h) => h.trim()).filter((h) => h).forEach((h) => staleFrom.add(h));
    if (body && body.stale === true) staleFrom.add("the instance holding the pair");
  }

  /** GET a JSON resource: {ok, status, body}; a network failure gives status 0. */
  async function getJson(path) {
    try {
      const response = await fetch(api(path), {headers: {Accept: "application/json"}, cache: "no-store"});
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
      if (response.ok) noteStale(response, body);
      return {ok: response.ok, status: response.status, body};
    } catch (e) {
      return {ok: false, status: 0, body: {error: "the server did not answer (" + e.message + ")"}};
    }
  }

  function failure(what, answer) {
    const reason = answer.body && answer.body.error ? answer.body.error : "HTTP " + answer.status;
    return what + ": " + reason;
  }

  /** Replaces the children of a container, keeping the window where the reader left it. */
  function replace(container, ...children) {
    const x = window.scrollX;
    const y = window.scrollY;
    container.replaceChildren();
    append(container, ...children);
    window.scrollTo(x, y);
  }

  /** Runs refresh now and every few seconds while the page is visible. */
  function poll(refresh) {
    const status = document.getElementById("status");
    let timer = null;
    async function tick() {
      clearTimeout(timer);
      staleFrom.clear();
      try {
        const problem = await refresh();
        const stale = staleFrom.size === 0 ? "" : " (partly from copies that may lag: " + [...staleFrom].join(", ") +
          " did not answer, or a rebalance was moving its state)";
        status.textContent = problem ? problem : "Updated " + new Date().toLocaleTimeString() + stale;
        status.className = problem ? "status error" : stale ? "status warning" : "status";
      } catch (e) {
        status.textContent = "Could not refresh: " + e.message;
        status.className = "status error";
      }
      if (!document.hidden) timer = setTimeout(tick, POLL_MS);
    }
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) tick();
    });
    tick();
  }

  function time(iso) {
    if (!iso) return "—";
    const text = String(iso).replace("T", " ").replace(/\.\d+Z$/, "Z");
    return el("time", {datetime: iso}, text);
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return "—";
    if (ms < 1000) return ms + " ms";
    let s = Math.round(ms / 1000);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    s = s % 60;
    if (h > 0) return h + "h " + String(m).padStart(2, "0") + "m";
    if (m > 0) return m + "m " + String(s).padStart(2, "0") + "s";
    return s + "s";
  }

  function badge(value) {
    const text = value || "—";
    return el("span", {class: "badge badge-" + String(text).toLowerCase().replace(/[^a-z_]/g, "")}, text);
  }

  /** A link only for http(s) addresses; anything else is shown as text. */
  function externalLink(url, label) {
    if (!url) return "—";
    let parsed;
    try {
      parsed = new URL(url, location.href);
    } catch (e) {
      return url;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return url;
    return el("a", {href: parsed.href, rel: "noopener noreferrer", target: "_blank"}, label || url);
  }

  function message(text, kind) {
    return el("p", {class: "message " + (kind || "")}, text);
  }

  /** A marked cell: highlighted, with the difference spelled out for screen readers. */
  function diffCell(tag, differs, ...children) {
    return el(tag, {class: differs ? "diff" : null},
      children, differs ? el("span", {class: "sr-only"}, " (differs)") : null);
  }

  /** What a waiver covers, in words: "output o, kind K, partitions 2026-12-*", or "every finding". */
  function waiverScope(w) {
    const parts = ["output", "column", "kind", "version"].filter((f) => w[f]).map((f) => f + " " + w[f]);
    if ((w.partitions || []).length) parts.push("partitions " + w.partitions.join(" "));
    return parts.length ? parts.join(", ") : "every finding";
  }

  /** The waivers (GET /v1/waivers) as a table with the given id. */
  function waiverTable(waivers, id) {
    if (!waivers.length) return message("No waiver: every difference counts.");
    return el("table", {class: "grid", id},
      el("thead", {}, el("tr", {}, ["Waiver", "Workflow", "Scope", "Owner", "Expires", "Reason"].map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", {}, waivers.map((w) => el("tr", {"data-waiver": w.id, class: w.expired ? "muted" : null},
        el("th", {scope: "row"}, w.id),
        el("td", {}, el("a", {href: workflowHref(w.workflow)}, w.workflow)),
        el("td", {}, waiverScope(w)),
        el("td", {}, w.owner),
        el("td", {}, w.expiresAt ? [time(w.expiresAt), w.expired ? " (expired)" : ""] : "never"),
        el("td", {}, w.reason)))));
  }

  return {el, append, api, page, workflowHref, pairHref, getJson, failure, replace, poll,
    time, duration, badge, externalLink, message, diffCell, waiverTable};
})();
