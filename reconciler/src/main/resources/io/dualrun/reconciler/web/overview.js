"use strict";
// Overview: every workflow's parity and readiness, then open alerts and silences.
(() => {
  const {el, getJson, failure, replace, poll, time, badge, message, workflowHref, pairHref} = Dash;
  const COLUMNS = [
    {key: "workflow", label: "Workflow"},
    {key: "owner", label: "Owner"},
    {key: "tier", label: "Tier", numeric: true},
    {key: "inventoried", label: "Inventoried"},
    {key: "parity", label: "Parity", numeric: true},
    {key: "match", label: "MATCH", numeric: true},
    {key: "mismatch", label: "MISMATCH", numeric: true},
    {key: "waived", label: "WAIVED", numeric: true},
    {key: "pending", label: "PENDING", numeric: true},
    {key: "cleanStreak", label: "Clean streak", numeric: true},
    {key: "breaches", label: "Open breaches", numeric: true},
    {key: "readiness", label: "Readiness"},
  ];
  const view = {sort: "workflow", descending: false, rows: []};
  const tiers = new Map();

  function rowOf(summary, readiness) {
    const counts = summary.counts || {};
    const match = counts.MATCH || 0;
    const mismatch = counts.MISMATCH || 0;
    const waived = counts.MATCH_WITH_WAIVER || 0;
    const decided = match + mismatch + waived;
    return {
      workflow: summary.workflow,
      owner: summary.owner || "",
      tier: tiers.has(summary.workflow) ? tiers.get(summary.workflow) : null,
      inventoried: summary.inventoried ? "yes" : "no",
      parity: decided === 0 ? null : (match + waived) / decided,
      decided, match, mismatch, waived,
      pending: counts.PENDING || 0,
      cleanStreak: summary.cleanStreak || 0,
      breaches: (summary.openBreaches || []).length,
      openBreaches: summary.openBreaches || [],
      latestPartition: summary.latestPartition,
      readiness: readiness ? readiness.status : "",
      reasons: readiness ? readiness.reasons || [] : [],
    };
  }

  async function learnTiers(summaries) {
    const unknown = summaries.filter((s) => s.latestPartition && !tiers.has(s.workflow));
    await Promise.all(unknown.map(async (s) => {
      const answer = await getJson("v1/pairs/" + encodeURIComponent(s.workflow) + "/" + encodeURIComponent(s.latestPartition));
      if (answer.ok) tiers.set(s.workflow, answer.body.tier);
    }));
  }

  function compare(a, b) {
    const x = a[view.sort];
    const y = b[view.sort];
    if (x === y) return a.workflow.localeCompare(b.workflow);
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
    return view.descending ? -order : order;
  }

  function visible(row) {
    const text = document.getElementById("filter-text").value.trim().toLowerCase();
    const readiness = document.getElementById("filter-readiness").value;
    const problems = document.getElementById("filter-problems").checked;
    if (text && !(row.workflow.toLowerCase().includes(text) || row.owner.toLowerCase().includes(text))) return false;
    if (readiness && row.readiness !== readiness) return false;
    return !problems || row.mismatch > 0 || row.breaches > 0;
  }

  function header() {
    return el("thead", {}, el("tr", {}, COLUMNS.map((c) => {
      const sorted = view.sort === c.key;
      return el("th", {scope: "col", class: c.numeric ? "num" : null,
        "aria-sort": sorted ? (view.descending ? "descending" : "ascending") : "none"},
      el("button", {type: "button", class: "sort", onclick: () => sortBy(c.key)},
        c.label, sorted ? (view.descending ? " ▼" : " ▲") : ""));
    })));
  }

  function sortBy(key) {
    view.descending = view.sort === key ? !view.descending : false;
    view.sort = key;
    render();
  }

  function reasonsCell(row) {
    const shown = row.reasons.slice(0, 2);
    const more = row.reasons.length - shown.length;
    return el("td", {class: "reasons"}, badge(row.readiness || "—"),
      shown.length ? el("ul", {}, shown.map((r) => el("li", {}, r))) : null,
      more > 0 ? el("a", {href: workflowHref(row.workflow)}, "+" + more + " more") : null);
  }

  function parityCell(row) {
    if (row.parity === null) return el("td", {class: "num"}, "—");
    const percent = Math.floor(row.parity * 1000) / 10;
    return el("td", {class: "num"}, (row.match + row.waived) + " / " + row.decided + " ", el("span", {class: "muted"}, "(" + percent + "%)"));
  }

  function body(rows) {
    return el("tbody", {}, rows.map((row) => el("tr", {"data-workflow": row.workflow},
      el("th", {scope: "row"}, el("a", {href: workflowHref(row.workflow)}, row.workflow)),
      el("td", {}, row.owner || "—"),
      el("td", {class: "num"}, row.tier === null ? "—" : row.tier),
      el("td", {}, row.inventoried),
      parityCell(row),
      el("td", {class: "num"}, row.match),
      el("td", {class: row.mismatch > 0 ? "num bad" : "num"}, row.mismatch),
      el("td", {class: "num"}, row.waived),
      el("td", {class: "num"}, row.pending),
      el("td", {class: "num"}, row.cleanStreak),
      el("td", {class: row.breaches > 0 ? "num bad" : "num"}, row.breaches > 0
        ? el("span", {title: row.openBreaches.join("\n")}, row.breaches) : 0),
      reasonsCell(row))));
  }

  function render() {
    const container = document.getElementById("workflows");
    const rows = view.rows.filter(visible).sort(compare);
    if (view.rows.length === 0) {
      replace(container, message("No workflow is known yet: nothing has arrived and the inventory is empty."));
      return;
    }
    replace(container,
      el("div", {class: "scroll"}, el("table", {class: "grid", id: "workflow-table"}, el("caption", {class: "sr-only"}, "Workflows; select a column header to sort"), header(), body(rows))),
      rows.length === 0 ? message("No workflow matches the filter.") : null,
      el("p", {class: "muted"}, rows.length + " of " + view.rows.length + " workflows shown"));
  }

  /** "3 of 12 workflows ready, 0 cut over". */
  function headline(readiness, waves) {
    const ready = readiness.filter((r) => r.status === "READY").length;
    const cutOver = waves ? (waves.workflows || []).filter((w) => w.status === "CUT_OVER").length : 0;
    return ready + " of " + readiness.length + " workflows ready, " + cutOver + " cut over";
  }

  function wavesTable(plan) {
    const rows = plan.workflows || [];
    if (rows.length === 0) return message("No workflow is declared in the inventory.");
    return [
      el("div", {class: "scroll"}, el("table", {class: "grid", id: "wave-table"},
        el("thead", {}, el("tr", {}, ["Wave", "Workflow", "Status", "Eligible now", "Blast radius", "Blocked by"].map((h) => el("th", {scope: "col"}, h)))),
        el("tbody", {}, rows.map((w) => el("tr", {"data-workflow": w.workflow},
          el("td", {class: "num"}, w.wave),
          el("th", {scope: "row"}, el("a", {href: workflowHref(w.workflow)}, w.workflow)),
          el("td", {}, badge(w.status)),
          el("td", {}, w.eligible ? "yes" : "no"),
          el("td", {title: (w.blastRadius || []).join("\n")}, (w.blastRadius || []).length),
          el("td", {class: "reasons"}, (w.blockedBy || []).join("; "))))))),
      (plan.cycles || []).map((c) => el("p", {class: "muted cycle"}, "Cycle, cut over together: " + c.join(", "))),
    ];
  }

  async function refreshWorkflows() {
    const [summaries, readiness, waves, waivers] = await Promise.all([getJson("v1/workflows"), getJson("v1/readiness"), getJson("v1/waves"), getJson("v1/waivers")]);
    if (!summaries.ok) return failure("Workflows", summaries);
    replace(document.getElementById("waivers"), waivers.ok ? Dash.waiverTable(waivers.body, "waiver-table") : message(failure("Waivers", waivers), "error"));
    if (readiness.ok) {
      replace(document.getElementById("headline"), headline(readiness.body, waves.ok ? waves.body : null));
    }
    replace(document.getElementById("waves"), waves.ok ? wavesTable(waves.body) : message(failure("Waves", waves), "error"));
    await learnTiers(summaries.body);
    const byWorkflow = new Map(readiness.ok ? readiness.body.map((r) => [r.workflow, r]) : []);
    view.rows = summaries.body.map((s) => rowOf(s, byWorkflow.get(s.workflow)));
    render();
    return readiness.ok ? null : failure("Readiness", readiness);
  }

  function alertsTable(alerts) {
    if (alerts.length === 0) return message("No open alert.");
    return el("table", {class: "grid", id: "alert-table"},
      el("thead", {}, el("tr", {}, ["Workflow", "Kind", "Severity", "Owner", "Partitions", "Opened", "Last action"].map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", {}, alerts.map((a) => el("tr", {},
        el("th", {scope: "row"}, el("a", {href: workflowHref(a.workflow)}, a.workflow)),
        el("td", {}, badge(a.kind)),
        el("td", {}, a.severity || "—"),
        el("td", {}, a.owner || "—"),
        el("td", {}, partitionLinks(a)),
        el("td", {}, time(a.openedAt)),
        el("td", {}, a.lastAction || "—")))));
  }

  function partitionLinks(alert) {
    const partitions = alert.partitions || [];
    const shown = partitions.slice(0, 5).map((p) => el("a", {href: pairHref(alert.workflow, p)}, p));
    const links = shown.flatMap((link, i) => (i === 0 ? [link] : [", ", link]));
    return [String(alert.partitionCount ?? partitions.length), ": ", links, partitions.length > 5 ? ", …" : ""];
  }

  function silencesTable(silences) {
    const live = silences.filter((s) => s.state !== "expired");
    if (live.length === 0) return message("No active or pending silence.");
    return el("table", {class: "grid", id: "silence-table"},
      el("thead", {}, el("tr", {}, ["Matchers", "State", "Reason", "Created by", "Ends"].map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", {}, live.map((s) => el("tr", {},
        el("td", {}, Object.entries(s.matchers || {}).map(([k, v]) => el("code", {class: "matcher"}, k + "=" + v))),
        el("td", {}, s.state),
        el("td", {}, s.reason || "—"),
        el("td", {}, s.createdBy || "—"),
        el("td", {}, time(s.endsAt))))));
  }

  async function refreshAlerting() {
    const [alerts, silences] = await Promise.all([getJson("v1/alerts?status=FIRING"), getJson("v1/silences")]);
    const unavailable = (answer) => message(answer.status === 404
      ? "Alerting not available on this server."
      : "Alerting not available: " + failure("this server", answer), "muted");
    replace(document.getElementById("alerts"), alerts.ok ? alertsTable(alerts.body.alerts || []) : unavailable(alerts));
    replace(document.getElementById("silences"), silences.ok ? silencesTable(silences.body.silences || []) : unavailable(silences));
  }

  for (const id of ["filter-text", "filter-readiness", "filter-problems"]) {
    document.getElementById(id).addEventListener("input", render);
  }
  document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());
  poll(async () => {
    const [problem] = await Promise.all([refreshWorkflows(), refreshAlerting()]);
    return problem;
  });
})();
