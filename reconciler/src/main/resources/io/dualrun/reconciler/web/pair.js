"use strict";
// One pair: verdict, every finding (baseline vs candidate), both runs side by side, outputs and
// freshness breaches. Cells where the two sides differ are highlighted.
(() => {
  const {el, getJson, failure, replace, poll, time, badge, message, externalLink, diffCell, workflowHref} = Dash;
  const parts = location.pathname.split("/").filter(Boolean);
  const workflow = decodeURIComponent(parts[parts.length - 2]);
  const partition = decodeURIComponent(parts[parts.length - 1]);
  const enc = encodeURIComponent;
  document.title = "dualrun — " + workflow + " / " + partition;
  document.getElementById("title").textContent = workflow + " / " + partition;
  Dash.append(document.getElementById("crumbs"), " › ", el("a", {href: workflowHref(workflow)}, workflow),
    " › ", el("span", {"aria-current": "page"}, partition));

  function verdict(p) {
    const items = [
      ["Outcome", badge(p.outcome)],
      ["Revision", p.revision],
      ["Decision", p.reason ? p.reason : "not decided yet"],
      ["Decided at", time(p.decidedAt)],
      ["Previous outcome", p.previousOutcome || "—"],
      ["Resolution", p.resolution ? "yes: a mismatch resolved by this revision" : "no"],
      ["Owner", p.owner || "—"],
      ["Tier", p.tier === null || p.tier === undefined ? "—" : p.tier],
      ["Inventoried", p.inventoried ? "yes" : "no (default rules)"],
      ["Last activity", time(p.lastActivity)],
    ];
    return el("dl", {class: "facts"}, items.map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, v))));
  }

  /** The finding's column; for CONTENT, the columns that differ (marked) and those that agree. */
  function columnCell(f) {
    const differing = f.differingColumns || [];
    const equal = f.equalColumns || [];
    if (differing.length === 0 && equal.length === 0) return f.column || "—";
    return el("div", {class: "columns"},
      differing.map((c) => el("span", {class: "column-differs", title: "differs"}, c)),
      equal.length ? el("div", {class: "muted column-equal"}, equal.length + " equal: " + equal.join(", ")) : null);
  }

  /** The findings table; a detail cell holds the sentence, differing buckets, the root-cause hint and the waiver. */
  function findings(list) {
    if (list.length === 0) return message("No finding.");
    return el("table", {class: "grid", id: "finding-table"},
      el("thead", {}, el("tr", {}, ["Kind", "Output", "Column", "Baseline", "Candidate", "Detail"].map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", {}, list.map((f) => {
        const differs = f.baselineValue !== f.candidateValue;
        return el("tr", {"data-kind": f.kind},
          el("td", {}, badge(f.kind)),
          el("td", {}, f.output || "—"),
          el("td", {}, columnCell(f)),
          diffCell("td", differs, el("span", {class: "value baseline-value"}, f.baselineValue ?? "—")),
          diffCell("td", differs, el("span", {class: "value candidate-value"}, f.candidateValue ?? "—")),
          el("td", {}, f.detail, (f.buckets || []).length ? el("div", {class: "muted"}, "buckets: " + f.buckets.join(", ")) : null,
            f.hint ? el("div", {class: "hint"}, el("strong", {}, "Hint: "), f.hint) : null,
            f.waiver ? el("div", {class: "waived"}, "waived by ", el("a", {href: "/v1/waivers/" + encodeURIComponent(f.waiver)}, f.waiver)) : null));
      })));
  }

  const RUN_FIELDS = [
    {label: "Orchestrator", value: (s) => s.orchestrator},
    {label: "Run id", value: (s) => s.runId},
    {label: "Attempt", value: (s) => s.attempt, extra: (s) => attempts(s)},
    {label: "Status", value: (s) => s.status, compare: true, show: (s) => badge(s.status)},
    {label: "Start", value: (s) => s.startTime, show: (s) => time(s.startTime)},
    {label: "End", value: (s) => s.endTime, show: (s) => time(s.endTime)},
    {label: "Duration", value: (s) => s.durationMs, show: (s) => Dash.duration(s.durationMs), durationFinding: true},
    {label: "Failed task", value: (s) => s.failedTask, compare: true},
    {label: "Error", value: (s) => s.error, compare: true, show: (s) => (s.error ? el("pre", {class: "error-text"}, s.error) : "—")},
    {label: "Log", value: (s) => s.logUrl, show: (s) => externalLink(s.logUrl, "log")},
  ];

  function attempts(side) {
    const list = side.attempts || [];
    if (list.length < 2) return null;
    return el("div", {class: "muted"}, "attempts: " + list.map((a) => a.attempt + " (" + a.runId + ")" + (a.current ? " current" : "")).join(", "));
  }

  function runs(p) {
    const sides = [p.baseline, p.candidate];
    const slower = (p.findings || []).some((f) => f.kind === "DURATION");
    return el("table", {class: "grid sides", id: "run-table"},
      el("thead", {}, el("tr", {}, el("th", {scope: "col"}, "Field"), el("th", {scope: "col"}, "Baseline"), el("th", {scope: "col"}, "Candidate"))),
      el("tbody", {}, RUN_FIELDS.map((field) => {
        const values = sides.map((s) => (s ? field.value(s) ?? null : undefined));
        const differs = sides.every((s) => s) && ((field.compare && values[0] !== values[1]) || (field.durationFinding && slower));
        return el("tr", {},
          el("th", {scope: "row"}, field.label),
          sides.map((s, i) => s
            ? diffCell("td", differs && (i === 1 || field.compare), field.show ? field.show(s) : values[i] ?? "—", field.extra ? field.extra(s) : null)
            : el("td", {class: "missing"}, i === 0 ? "no baseline event yet" : "no candidate event yet")));
      })));
  }

  function outputs(p) {
    const names = new Set();
    const bySide = [p.baseline, p.candidate].map((s) => {
      const m = new Map();
      (s ? s.outputs || [] : []).forEach((o) => {
        m.set(o.output, o);
        names.add(o.output);
      });
      return m;
    });
    (p.findings || []).filter((f) => f.output).forEach((f) => names.add(f.output));
    if (names.size === 0) return message("No output fingerprint on either side.");
    const cell = (o, key, differs) => diffCell("td", differs, o ? (o[key] ?? "—") : el("span", {class: "missing"}, "missing"));
    return el("table", {class: "grid", id: "output-table"},
      el("thead", {}, el("tr", {}, ["Output", "Baseline rows", "Candidate rows", "Baseline content hash", "Candidate content hash"].map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", {}, [...names].sort().map((name) => {
        const [b, c] = bySide.map((m) => m.get(name));
        const missing = !b || !c;
        const rows = missing || b.rowCount !== c.rowCount;
        const hashes = missing || b.contentHash !== c.contentHash;
        return el("tr", {},
          el("th", {scope: "row"}, name),
          cell(b, "rowCount", rows), cell(c, "rowCount", rows),
          el("td", {class: hashes ? "diff hash" : "hash"}, b ? b.contentHash ?? "—" : "missing"),
          el("td", {class: hashes ? "diff hash" : "hash"}, c ? c.contentHash ?? "—" : "missing"));
      })));
  }

  /** One value of a drill-down row, or — where that side has no such row. */
  function cell(values, i) {
    if (!values) return "—";
    return values[i] === null || values[i] === undefined ? "null" : values[i];
  }

  /**
   * The automatic drill-downs of the pair's outputs (dualrun drilldown): status, counts and the
   * differing rows, each column of a changed row with both values, the differing ones highlighted.
   */
  function drillDowns(list) {
    if (list.length === 0) return message("No drill-down (dualrun drilldown drills into CONTENT mismatches through the sides' agents).");
    return el("div", {id: "drill-downs"}, list.map((d) => {
      const columns = d.columns || [];
      const header = el("p", {class: "drill-summary"},
        el("strong", {}, d.output), " ", badge(d.status), " ",
        d.onlyInBaseline + " only in the baseline, " + d.onlyInCandidate + " only in the candidate, " + d.changed + " changed",
        " · revision " + d.revision + " · ", time(d.finishedAt),
        d.message ? el("div", {class: "muted"}, d.message) : null);
      const rows = d.rows || [];
      if (rows.length === 0) return el("section", {class: "drill-down", "data-output": d.output}, header);
      return el("section", {class: "drill-down", "data-output": d.output}, header,
        el("table", {class: "grid drill-rows"},
          el("thead", {}, el("tr", {}, ["Difference", "Key"].concat(columns).map((h) => el("th", {scope: "col"}, h)))),
          el("tbody", {}, rows.map((r) => el("tr", {"data-kind": r.kind},
            el("td", {}, badge(r.kind)),
            el("td", {}, (r.key || []).join(", ")),
            columns.map((c, i) => {
              const changed = (r.changedColumns || []).includes(c);
              if (r.kind !== "CHANGED") return el("td", {}, cell(r.baseline || r.candidate, i));
              return diffCell("td", changed, changed
                ? el("span", {class: "value"}, cell(r.baseline, i) + " → " + cell(r.candidate, i))
                : cell(r.baseline, i));
            }))))),
        rows.length < d.onlyInBaseline + d.onlyInCandidate + d.changed
          ? el("p", {class: "muted"}, "the first " + rows.length + " differing keys")
          : null);
    }));
  }

  function breaches(p) {
    const all = p.breaches || [];
    if (all.length === 0) return message("No freshness breach.");
    return el("table", {class: "grid", id: "breach-table"},
      el("thead", {}, el("tr", {}, ["Kind", "State", "Late side", "Due", "On-time side finished", "Observed", "Detail"].map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", {}, all.map((b) => el("tr", {class: b.state === "OPEN" ? "row-bad" : null},
        el("td", {}, badge(b.kind)),
        el("td", {}, badge(b.state)),
        el("td", {}, b.side),
        el("td", {}, time(b.dueTime)),
        el("td", {}, time(b.referenceTime)),
        el("td", {}, time(b.observedAt)),
        el("td", {}, b.detail)))));
  }

  poll(async () => {
    const answer = await getJson("v1/pairs/" + enc(workflow) + "/" + enc(partition));
    if (!answer.ok) {
      const text = failure("Pair " + workflow + "/" + partition, answer);
      replace(document.getElementById("verdict"), message(text, "error"));
      return answer.status === 404 ? null : text;
    }
    const p = answer.body;
    replace(document.getElementById("verdict"), verdict(p));
    replace(document.getElementById("findings"), findings(p.findings || []));
    replace(document.getElementById("runs"), runs(p));
    replace(document.getElementById("outputs"), outputs(p));
    replace(document.getElementById("breaches"), breaches(p));
    replace(document.getElementById("drilldowns"), drillDowns(p.drillDowns || []));
    return null;
  });
})();
