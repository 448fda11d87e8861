"use strict";
// One workflow: summary, readiness with every reason, and its partitions newest first.
(() => {
  const {el, getJson, failure, replace, poll, badge, message, pairHref} = Dash;
  const DETAILED = 60;
  const workflow = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop());
  const enc = encodeURIComponent;
  document.title = "dualrun — " + workflow;
  document.getElementById("title").textContent = workflow;
  Dash.append(document.getElementById("crumbs"), " › ", el("span", {"aria-current": "page"}, workflow));

  function summary(s, tier) {
    const c = s.counts || {};
    const items = [
      ["Owner", s.owner || "—"],
      ["Tier", tier === null || tier === undefined ? "—" : tier],
      ["Inventoried", s.inventoried ? "yes" : "no (reconciled with default rules)"],
      ["Partitions", s.partitions],
      ["MATCH / MISMATCH / WAIVED / PENDING", (c.MATCH || 0) + " / " + (c.MISMATCH || 0) + " / " + (c.MATCH_WITH_WAIVER || 0) + " / " + (c.PENDING || 0)],
      ["Clean streak", s.cleanStreak],
      ["Open breaches", (s.openBreaches || []).length ? s.openBreaches.join(", ") : "none"],
    ];
    return el("dl", {class: "facts"}, items.map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, v))));
  }

  function readiness(r) {
    return [
      el("p", {}, badge(r.status), " ",
        "last " + (r.partitions || []).filter((p) => p.outcome === "MATCH" || p.outcome === "MATCH_WITH_WAIVER").length + " of " + r.requiredPartitions + " required partitions clean"
          + (r.waivedPartitions ? " (" + r.waivedPartitions + " with waivers)" : "") + "; ",
        "candidate p95 " + Dash.duration(r.candidateP95Ms) + " vs baseline p95 " + Dash.duration(r.baselineP95Ms) + " (ratio allowed " + r.durationRatio + ")"),
      r.evidence ? el("p", {id: "readiness-evidence"}, r.evidence.statement) : "",
      coverage(r.coverage),
      (r.reasons || []).length
        ? el("ul", {class: "reasons", id: "readiness-reasons"}, r.reasons.map((x) => el("li", {}, x)))
        : message("No reason against cutting over."),
    ];
  }

  /** Which required calendar days clean partitions have covered, when any is required. */
  function coverage(c) {
    if (!c || !(c.required || []).length) {
      return "";
    }
    return el("p", {id: "readiness-coverage"}, "Calendar coverage: ",
      c.required.map((k) => (c.covered && c.covered[k] ? k + " ✓ " + c.covered[k] : k + " ✗ not yet")).join(" · "));
  }

  /** Partition names of this workflow, from every source the server offers. */
  async function partitionRows(readinessBody) {
    const rows = new Map();
    const held = await getJson("v1/workflows/" + enc(workflow) + "/partitions");
    if (held.ok) {
      held.body.forEach((d) => rows.set(d.partition, {partition: d.partition, outcome: d.outcome, openBreaches: d.openBreaches || []}));
    }
    (readinessBody ? readinessBody.partitions || [] : []).forEach((p) => {
      if (!rows.has(p.partition)) rows.set(p.partition, {partition: p.partition, outcome: p.outcome, openBreaches: []});
    });
    const list = [...rows.values()].sort((a, b) => b.partition.localeCompare(a.partition));
    await Promise.all(list.slice(0, DETAILED).map(async (row) => {
      const pair = await getJson("v1/pairs/" + enc(workflow) + "/" + enc(row.partition));
      if (pair.ok) row.pair = pair.body;
    }));
    return list;
  }

  /** Monday (UTC) of the ISO week holding the partition's day (its first 10 characters). */
  function weekOf(partition) {
    const day = new Date(partition.substring(0, 10) + "T00:00:00Z");
    if (isNaN(day.getTime())) return null;
    day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    return day.toISOString().substring(0, 10);
  }

  /**
   * Parity over time: per week of partitions, the decided ones and how many matched, were waived
   * (MATCH_WITH_WAIVER) or mismatched; parity = (matched + waived) / decided. Newest week first.
   */
  function trendTable(rows) {
    const weeks = new Map();
    rows.forEach((row) => {
      const outcome = row.pair ? row.pair.outcome : row.outcome;
      const week = weekOf(row.partition);
      if (!week || outcome === "PENDING") return;
      const w = weeks.get(week) || {week, decided: 0, match: 0, waived: 0, mismatch: 0};
      w.decided++;
      if (outcome === "MATCH") w.match++;
      else if (outcome === "MATCH_WITH_WAIVER") w.waived++;
      else w.mismatch++;
      weeks.set(week, w);
    });
    const list = [...weeks.values()].sort((a, b) => b.week.localeCompare(a.week));
    if (list.length === 0) return message("No decided partition with a date yet.");
    return el("table", {class: "grid", id: "trend-table"},
      el("thead", {}, el("tr", {}, ["Week of", "Decided", "MATCH", "Waived", "MISMATCH", "Parity"].map((h) => el("th", {scope: "col", class: h === "Week of" ? null : "num"}, h)))),
      el("tbody", {}, list.map((w) => {
        const parity = (w.match + w.waived) / w.decided;
        return el("tr", {"data-week": w.week, class: w.mismatch ? "row-bad" : null},
          el("th", {scope: "row"}, w.week),
          el("td", {class: "num"}, w.decided),
          el("td", {class: "num"}, w.match),
          el("td", {class: "num"}, w.waived),
          el("td", {class: "num"}, w.mismatch),
          el("td", {class: "num"}, (100 * parity).toFixed(1) + " %"));
      })));
  }

  function partitionTable(rows) {
    if (rows.length === 0) return message("No partition of this workflow has arrived yet.");
    return el("table", {class: "grid", id: "partition-table"},
      el("thead", {}, el("tr", {}, ["Partition", "Outcome", "Revision", "Findings", "Finding kinds", "Open breaches"].map((h) => el("th", {scope: "col", class: h === "Revision" || h === "Findings" ? "num" : null}, h)))),
      el("tbody", {}, rows.map((row) => {
        const pair = row.pair;
        const outcome = pair ? pair.outcome : row.outcome;
        const findings = pair ? pair.findings || [] : null;
        const kinds = findings ? [...new Set(findings.map((f) => f.kind))] : [];
        const open = pair ? (pair.openBreaches || []).map((b) => b.kind + " (" + b.side + ")") : row.openBreaches;
        return el("tr", {class: outcome === "MISMATCH" ? "row-bad" : null},
          el("th", {scope: "row"}, el("a", {href: pairHref(workflow, row.partition)}, row.partition)),
          el("td", {}, badge(outcome)),
          el("td", {class: "num"}, pair ? pair.revision : "—"),
          el("td", {class: "num"}, findings ? findings.length : "—"),
          el("td", {}, kinds.map((k) => badge(k))),
          el("td", {class: open.length ? "bad" : null}, open.length ? open.join(", ") : "—"));
      })));
  }

  poll(async () => {
    const [summaries, ready] = await Promise.all([getJson("v1/workflows"), getJson("v1/readiness/" + enc(workflow))]);
    if (!summaries.ok) return failure("Workflows", summaries);
    const s = summaries.body.find((x) => x.workflow === workflow);
    if (!s && ready.status === 404) {
      replace(document.getElementById("summary"), message(failure("Workflow " + workflow, ready), "error"));
      return null;
    }
    const rows = await partitionRows(ready.ok ? ready.body : null);
    const tier = rows.find((r) => r.pair) ? rows.find((r) => r.pair).pair.tier : null;
    if (s) replace(document.getElementById("summary"), summary(s, tier));
    replace(document.getElementById("readiness"), ready.ok ? readiness(ready.body) : message(failure("Readiness", ready), "error"));
    replace(document.getElementById("trend"), trendTable(rows));
    const waivers = await getJson("v1/waivers?workflow=" + enc(workflow));
    replace(document.getElementById("workflow-waivers"),
      waivers.ok ? Dash.waiverTable(waivers.body, "workflow-waiver-table") : message(failure("Waivers", waivers), "error"));
    replace(document.getElementById("partitions"), partitionTable(rows),
      rows.length > DETAILED ? el("p", {class: "muted"}, "Revision and findings are shown for the newest " + DETAILED + " partitions.") : null);
    return null;
  });
})();
