"use strict";
// The DPO dashboard: signs in (MSAL Browser), reads /v1/dpo/stats and draws charts and tables.
// A token put in sessionStorage under TOKEN_KEY (by an automated test, or an operator's
// tooling) is used as it is; the service checks every token either way.

const TOKEN_KEY = "sendguard.accessToken";

const COLUMNS = {
  daily_verdicts: { day: "Day", action: "Verdict", scans: "Drafts" },
  daily_rules: { day: "Day", rule: "Rule", scans: "Drafts" },
  rule_outcomes: {
    rule: "Rule", fired: "Fired", shadow: "Shadow (not shown)", changed: "Changed", cancelled: "Cancelled",
    sent_anyway: "Sent anyway", no_outcome: "No outcome", sent_anyway_share: "Sent anyway share",
    mostly_overridden: "Mostly overridden",
  },
  override_reasons: { rule: "Rule", reason: "Reason", count: "Times" },
  entity_types: { entity_type: "Kind", scans: "Drafts", found: "Items found" },
  recipient_classes: { recipient_class: "Recipients", scans: "Drafts", recipients: "Recipients in all" },
  platforms: { platform: "Outlook", scans: "Drafts" },
  latency: { scans: "Drafts", p50_ms: "Median (ms)", p95_ms: "95th percentile (ms)" },
  senders: { sender: "Sender (hash)", scans: "Intercepts", warned: "Warned", blocked: "Blocked", sent_anyway: "Sent anyway" },
  misdirected: {
    warned: "Warned", corrected: "Corrected", changed: "Changed", cancelled: "Cancelled", sent_anyway: "Sent anyway",
    no_outcome: "No outcome", corrected_share: "Corrected share",
  },
  units: {
    unit: "School or department", scans: "Drafts", intercepts: "Intercepts", warned: "Warned", blocked: "Blocked",
    sent_anyway: "Sent anyway", override_rate: "Override rate",
  },
};

const REASONS = {
  recipient_entitled: "The recipient is entitled to it",
  secure_channel: "It goes by a secure route",
  consent_given: "Consent was given",
  urgent_safeguarding: "Urgent safeguarding",
  not_personal_data: "It is not personal data",
  other: "Other",
  not_given: "Not given",
};

const VERDICT_COLOURS = { allow: "#4d9078", info: "#5b8bd0", warn: "#e0a030", block: "#c0392b" };
const OUTCOME_COLOURS = { changed: "#4d9078", cancelled: "#5b8bd0", sent_anyway: "#c0392b", no_outcome: "#aaaaaa" };
const PALETTE = ["#1f5f8b", "#e0a030", "#c0392b", "#4d9078", "#8e5ea2", "#3cba9f", "#c45850", "#7f7f7f",
  "#bcbd22", "#17becf", "#ff7f0e", "#2ca02c"];

const charts = {};
let token = null;

async function signIn() {
  const injected = sessionStorage.getItem(TOKEN_KEY);
  if (injected) return injected;
  const config = await (await fetch("/dashboard/config.json")).json();
  if (config.dev) return "";  // development mode: the service asks for no token on this machine
  if (!config.client_id || !config.authority || !config.scope) {
    throw new Error("Sign-in is not configured: set SENDGUARD_TENANT_ID and SENDGUARD_API_CLIENT_ID.");
  }
  const app = new msal.PublicClientApplication({
    auth: { clientId: config.client_id, authority: config.authority, redirectUri: `${location.origin}/dashboard` },
    cache: { cacheLocation: "sessionStorage" },
  });
  await app.initialize();
  const redirected = await app.handleRedirectPromise();
  const account = (redirected && redirected.account) || app.getAllAccounts()[0];
  const request = { scopes: [config.scope] };
  if (!account) {
    await app.loginRedirect(request);
    return null;
  }
  document.getElementById("signed-in").textContent = `Signed in as ${account.username}`;
  try {
    return (await app.acquireTokenSilent({ ...request, account })).accessToken;
  } catch (e) {
    await app.acquireTokenRedirect({ ...request, account });
    return null;
  }
}

function headers() {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function filterQuery() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value) params.set(name, value);
  return params;
}

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

function readFiltersFromAddress() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams(location.search);
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 29 * 86400000);
  form.elements.from.value = params.get("from") || isoDay(monthAgo);
  form.elements.to.value = params.get("to") || isoDay(today);
  if (params.get("min_firings")) form.elements.min_firings.value = params.get("min_firings");
  for (const name of ["rule", "action", "platform", "unit"]) {
    const value = params.get(name);
    if (!value) continue;
    const select = form.elements[name];
    if (![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
    select.value = value;
  }
}

function formatCell(column, value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (column === "sent_anyway_share" || column === "override_rate" || column === "corrected_share") return `${Math.round(value * 1000) / 10}%`;
  if (column === "reason") return REASONS[value] || value;
  return String(value);
}

function renderTable(name, rows) {
  const section = document.querySelector(`[data-section="${name}"]`);
  section.querySelector("table")?.remove();
  section.querySelector(".csv")?.remove();
  section.querySelector(".empty")?.remove();
  const columns = COLUMNS[name];
  const table = document.createElement("table");
  table.id = `table-${name}`;
  const head = table.createTHead().insertRow();
  for (const [key, label] of Object.entries(columns)) {
    const th = document.createElement("th");
    th.textContent = label;
    th.dataset.column = key;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    if (row.mostly_overridden) tr.classList.add("overridden");
    for (const key of Object.keys(columns)) {
      const td = tr.insertCell();
      td.dataset.column = key;
      td.textContent = formatCell(key, row[key]);
    }
  }
  if (!rows.length) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = "Nothing in this range.";
    section.appendChild(p);
  }
  section.appendChild(table);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "csv no-print";
  button.dataset.csv = name;
  button.textContent = "Download CSV";
  button.addEventListener("click", () => downloadCsv(name));
  section.appendChild(button);
}

async function downloadCsv(name) {
  const response = await fetch(`/v1/dpo/export/${name}.csv?${filterQuery()}`, { headers: headers() });
  if (!response.ok) {
    setStatus(`The CSV could not be made (${response.status}).`);
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = `sendguard-${name}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function pivot(rows, key, series) {
  const labels = [...new Set(rows.map((r) => r[key]))].sort();
  const names = [...new Set(rows.map((r) => r[series]))].sort();
  const data = Object.fromEntries(names.map((n) => [n, labels.map(() => 0)]));
  for (const r of rows) data[r[series]][labels.indexOf(r[key])] += r.scans;
  return { labels, names, data };
}

function drawChart(id, config) {
  charts[id]?.destroy();
  const base = { responsive: true, maintainAspectRatio: false, animation: false };
  charts[id] = new Chart(document.getElementById(id), { ...config, options: { ...base, ...config.options } });
}

function stackedBars(id, rows, series, colours) {
  const { labels, names, data } = pivot(rows, "day", series);
  drawChart(id, {
    type: "bar",
    data: {
      labels,
      datasets: names.map((n, i) => ({ label: n, data: data[n], backgroundColor: colours[n] || PALETTE[i % PALETTE.length] })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

function drawCharts(stats) {
  stackedBars("chart-daily-verdicts", stats.daily_verdicts, "action", VERDICT_COLOURS);
  stackedBars("chart-daily-rules", stats.daily_rules, "rule", {});
  const rules = stats.rule_outcomes.filter((r) => r.fired > 0);
  drawChart("chart-rule-outcomes", {
    type: "bar",
    data: {
      labels: rules.map((r) => r.rule),
      datasets: ["changed", "cancelled", "sent_anyway", "no_outcome"].map((o) => ({
        label: COLUMNS.rule_outcomes[o], data: rules.map((r) => r[o]), backgroundColor: OUTCOME_COLOURS[o],
      })),
    },
    options: { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } },
  });
  drawChart("chart-units", {
    type: "bar",
    data: {
      labels: stats.units.map((u) => u.unit),
      datasets: [
        { label: COLUMNS.units.warned, data: stats.units.map((u) => u.warned), backgroundColor: VERDICT_COLOURS.warn },
        { label: COLUMNS.units.blocked, data: stats.units.map((u) => u.blocked), backgroundColor: VERDICT_COLOURS.block },
        { label: COLUMNS.units.sent_anyway, data: stats.units.map((u) => u.sent_anyway), backgroundColor: PALETTE[0] },
      ],
    },
    options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  drawChart("chart-entity-types", {
    type: "bar",
    data: {
      labels: stats.entity_types.map((e) => e.entity_type),
      datasets: [{ label: "Drafts", data: stats.entity_types.map((e) => e.scans), backgroundColor: PALETTE[0] }],
    },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

function setStatus(text) {
  document.getElementById("status").textContent = text;
}

function fillRuleChoices(stats) {
  const select = document.getElementById("filters").elements.rule;
  const known = new Set([...select.options].map((o) => o.value));
  for (const r of stats.rule_outcomes) if (!known.has(r.rule)) select.add(new Option(r.rule, r.rule));
}

function fillUnitChoices(stats) {
  const select = document.getElementById("filters").elements.unit;
  const known = new Set([...select.options].map((o) => o.value));
  for (const u of stats.units) if (!known.has(u.unit)) select.add(new Option(u.unit, u.unit));
}

function describeRange(f) {
  const parts = [`From ${f.start || "the first record"} to ${f.end || "today"} (UTC)`];
  if (f.rule) parts.push(`rule ${f.rule}`);
  if (f.action) parts.push(`verdict ${f.action}`);
  if (f.platform) parts.push(`Outlook ${f.platform}`);
  if (f.unit) parts.push(`school or department ${f.unit}`);
  return parts.join(", ");
}

async function load() {
  setStatus("Loading…");
  const query = filterQuery();
  history.replaceState(null, "", `/dashboard?${query}`);
  const response = await fetch(`/v1/dpo/stats?${query}`, { headers: headers() });
  if (response.status === 401) return setStatus("Please sign in again: your session has ended.");
  if (response.status === 403) return setStatus("This dashboard is for the Data Protection Officer: your account does not have the SendGuard.DPO role.");
  if (!response.ok) return setStatus(`The figures could not be loaded (${response.status}).`);
  const stats = await response.json();
  for (const [name, value] of Object.entries(stats.totals)) {
    const cell = document.querySelector(`[data-figure="${name}"]`);
    if (cell) cell.textContent = String(value);
  }
  document.getElementById("min-firings").textContent = String(stats.filter.min_firings);
  const misdirected = stats.misdirected[0];
  document.querySelector('[data-figure="misdirected_corrected"]').textContent = misdirected.warned
    ? `${misdirected.corrected} of ${misdirected.warned}` : "none warned";
  for (const name of Object.keys(COLUMNS)) renderTable(name, stats[name]);
  drawCharts(stats);
  fillRuleChoices(stats);
  fillUnitChoices(stats);
  document.getElementById("units-unmapped").hidden = !stats.units.every((u) => u.unit === "unmapped");
  document.getElementById("range").textContent = describeRange(stats.filter);
  document.getElementById("generated").textContent = `Generated ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by SendGuard.`;
  document.getElementById("summary").hidden = false;
  document.getElementById("report").hidden = false;
  setStatus("");
  document.body.dataset.loaded = "yes";
}

window.addEventListener("beforeprint", () => Object.values(charts).forEach((c) => c.resize()));

document.addEventListener("DOMContentLoaded", async () => {
  readFiltersFromAddress();
  document.getElementById("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    load().catch((e) => setStatus(`The figures could not be loaded: ${e.message}`));
  });
  document.getElementById("print").addEventListener("click", () => window.print());
  try {
    token = await signIn();
    if (token === null) return;  // on the way to the sign-in page
    await load();
  } catch (e) {
    setStatus(`Sign-in failed: ${e.message}`);
  }
});
