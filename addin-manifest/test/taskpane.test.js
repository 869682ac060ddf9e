"use strict";
/*
 * The task pane page in a simulated browser (jsdom) with office-addin-mock as Outlook:
 * what the sender sees, and what each button changes in the draft or tells the service.
 */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { composeItem, loadTaskPane } = require("./support/harness");

const SRC = path.join(__dirname, "..", "src");
const SCAN_ID = "01JABCDEFGHJKMNPQRSTVWXYZ0";

function savedScan(action, findings) {
  return JSON.stringify({ scan_id: SCAN_ID, action: action, summary: "", findings: findings });
}

const FINDINGS = [
  { rule: "external-recipients-visible", action: "warn", title: "Outside addresses visible to each other",
    message: "2 outside addresses are in To and Cc.", locations: ["recipients"],
    policy: "Information Security Policy, section 4 (By email)", fix: "Put them in Bcc." },
  { rule: "subject-personal-data", action: "warn", title: "Personal data in the subject line",
    message: "The subject line contains a Unique Pupil Number (UPN) (H************).", locations: ["subject"],
    policy: "Information Security Policy, section 4 (By email)", fix: "Take it out of the subject." },
  { rule: "unprotected-attachment-external", action: "block", title: "Unprotected file with personal data",
    message: "register.xlsx is not password-protected.", locations: ["attachment:register.xlsx"],
    policy: "Information Security Policy, section 4 (Using password protected files)", fix: "Protect it." }
];

const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms || 20));

/**
 * extra: draft (fields that replace the default draft's), respond(url, init) (the service's answer;
 * default 202), roaming (the mailbox's roaming settings).
 */
async function openPane(action, findings, extra) {
  extra = extra || {};
  const draft = Object.assign({
    subject: "Reading group - H801200001001",
    to: [{ emailAddress: "a@gmail.com", displayName: "A" }, { emailAddress: "head@oakfield.sch.uk", displayName: "Head" }],
    cc: [{ emailAddress: "b@yahoo.co.uk", displayName: "B" }],
    attachments: [{ id: "att-1", name: "register.xlsx", size: 100, content: Buffer.from("PK register").toString("base64"),
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    { id: "att-2", name: "letter.pdf", size: 100, content: "JVBERi0=" }],
    session: [["sendguard.lastScan", savedScan(action, findings)]]
  }, extra.draft || {});
  const { item, session } = composeItem(draft);
  const posted = [];
  const roaming = new Map(extra.roaming || []);
  const respond = extra.respond || (() => ({ status: 202 }));
  const { window, document, button } = loadTaskPane({
    item: item,
    html: fs.readFileSync(path.join(SRC, "taskpane.html"), "utf8"),
    scripts: ["fixes.js", "taskpane.js"].map((name) => fs.readFileSync(path.join(SRC, name), "utf8")),
    config: { apiBaseUrl: "https://sendguard.test", internalDomains: ["oakfield.sch.uk"] },
    fetch: (url, init) => {
      posted.push({ url: url, init: init });
      const r = respond(url, init);
      return Promise.resolve({ status: r.status, json: () => (r.body === undefined ? Promise.reject(new SyntaxError("no body")) : Promise.resolve(r.body)) });
    },
    prepare: (w) => {
      w.Office.context.roamingSettings = { get: (key) => roaming.get(key), set: (key, v) => roaming.set(key, v), saveAsync: (cb) => cb({ status: "succeeded" }) };
    }
  });
  await tick(60);
  return { window, document, item, session, posted, button };
}

// Copied out of the page's realm so deepEqual compares plain values.
const value = (field) => new Promise((resolve) => field.getAsync((r) => resolve(JSON.parse(JSON.stringify(r.value)))));

test("each finding is shown in plain words with its policy, blocks first", async () => {
  const pane = await openPane("block", FINDINGS);
  const items = Array.from(pane.document.querySelectorAll("#findings > li"));
  assert.equal(items.length, 3);
  assert.match(items[0].textContent, /Must be fixed.*Unprotected file with personal data/);
  assert.match(items[0].textContent, /section 4 \(Using password protected files\)/);
  assert.match(pane.document.getElementById("status").textContent, /must be changed/);
  // A block cannot be sent anyway, so no reason is asked for.
  assert.equal(pane.document.querySelector("fieldset").hidden, true);
});

test("one click moves the outside addresses to Bcc", async () => {
  const pane = await openPane("warn", FINDINGS.slice(0, 2));
  pane.button("Move outside addresses to Bcc").click();
  await tick();
  assert.deepEqual((await value(pane.item.to)).map((r) => r.emailAddress), ["head@oakfield.sch.uk"]);
  assert.deepEqual(await value(pane.item.cc), []);
  assert.deepEqual((await value(pane.item.bcc)).map((r) => r.emailAddress), ["a@gmail.com", "b@yahoo.co.uk"]);
  assert.match(pane.document.body.textContent, /2 outside address\(es\) moved to Bcc/);
});

test("the edited subject is offered and used on request", async () => {
  const pane = await openPane("warn", FINDINGS.slice(0, 2));
  const input = pane.document.querySelector("input[type=text]");
  assert.equal(input.value, "Reading group");
  pane.button("Use this subject").click();
  await tick();
  assert.equal(await value(pane.item.subject), "Reading group");
});

test("the attachment a finding names can be removed", async () => {
  const pane = await openPane("block", FINDINGS);
  assert.equal(pane.button("Remove letter.pdf"), undefined);
  pane.button("Remove register.xlsx").click();
  await tick();
  assert.deepEqual(pane.item.removedAttachments, ["att-1"]);
});

test("sending anyway is reported with the chosen reason from the closed list", async () => {
  const pane = await openPane("warn", FINDINGS.slice(0, 2));
  const record = pane.document.getElementById("sent-anyway");
  assert.equal(record.disabled, true);
  const radio = pane.document.querySelector("input[value=secure_channel]");
  radio.checked = true;
  radio.dispatchEvent(new pane.window.Event("change"));
  record.click();
  await tick();
  assert.equal(pane.posted.length, 1);
  assert.equal(pane.posted[0].url, `https://sendguard.test/v1/scans/${SCAN_ID}/outcome`);
  assert.equal(pane.posted[0].init.headers.Authorization, "Bearer pane-token");
  assert.deepEqual(JSON.parse(pane.posted[0].init.body), { outcome: "sent_anyway", reason: "secure_channel" });
  assert.match(pane.document.getElementById("recorded").textContent, /recorded/);
});

test("with nothing checked yet the pane says so", async () => {
  const pane = await openPane("allow", []);
  assert.match(pane.document.getElementById("status").textContent, /checks this email when you press Send/);
  assert.equal(pane.document.getElementById("choice").hidden, true);
});

const OTHER_SCAN = "01JZZZZZZZZZZZZZZZZZZZZZZZ9";

// Issue 13, item 8: a pane that is already open gets the new scan through InitializationContextChanged.
test("item 8: an open task pane shows the new Send check's findings, not the old ones", async () => {
  const pane = await openPane("warn", FINDINGS.slice(0, 1));
  assert.match(pane.document.getElementById("findings").textContent, /Outside addresses visible/);
  const handler = pane.item.handlers.olkInitializationContextChanged;
  assert.equal(typeof handler, "function");
  pane.session.set("sendguard.lastScan", JSON.stringify({ scan_id: OTHER_SCAN, action: "block", summary: "", findings: [FINDINGS[2]] }));
  handler({ type: "olkInitializationContextChanged", initializationContextData: JSON.stringify({ scan_id: OTHER_SCAN }) });
  await tick(60);
  const shown = pane.document.getElementById("findings").textContent;
  assert.match(shown, /Unprotected file with personal data/);
  assert.doesNotMatch(shown, /Outside addresses visible/);
  assert.equal(pane.document.querySelectorAll("#findings > li").length, 1);
  assert.equal(pane.document.querySelector("fieldset").hidden, true);
  pane.button("I have changed the email").click();
  await tick();
  assert.equal(pane.posted.length, 1); // one report, for the scan now shown
  assert.equal(pane.posted[0].url, `https://sendguard.test/v1/scans/${OTHER_SCAN}/outcome`);
});

function parents(n, domain) {
  const out = [];
  for (let i = 0; i < n; i += 1) {
    out.push({ emailAddress: `parent${i}@${domain || "gmail.com"}`, displayName: `Parent ${i}` });
  }
  return out;
}

// Issue 13, item 9: setAsync and addAsync take at most 100 recipients a call.
test("item 9: a letter to 150 parents moves all of them to Bcc", async () => {
  const pane = await openPane("warn", FINDINGS.slice(0, 1), { draft: { to: parents(150), cc: [] } });
  pane.button("Move outside addresses to Bcc").click();
  await tick(200);
  const bcc = await value(pane.item.bcc);
  assert.equal(bcc.length, 150);
  assert.equal(new Set(bcc.map((r) => r.emailAddress)).size, 150);
  assert.deepEqual((await value(pane.item.to)).map((r) => r.emailAddress), ["t.jones@oakfield.sch.uk"]);
  assert.match(pane.document.body.textContent, /150 outside address\(es\) moved to Bcc/);
});

test("item 9: when Outlook refuses part of the move, To, Cc and Bcc are as they were", async () => {
  const pane = await openPane("warn", FINDINGS.slice(0, 1), { draft: { to: parents(150), cc: parents(3, "yahoo.co.uk"), failingFields: ["cc"] } });
  pane.button("Move outside addresses to Bcc").click();
  await tick(300);
  assert.equal((await value(pane.item.to)).length, 150);
  assert.equal((await value(pane.item.bcc)).length, 0);
  assert.match(pane.document.body.textContent, /To, Cc and Bcc are as they were/);
});

// Issue 13, item 12: roaming settings are the mailbox's, not this draft's.
test("item 12: another draft's result in roaming settings is never shown", async () => {
  const pane = await openPane("block", FINDINGS, { draft: { withoutSessionData: true }, roaming: [["sendguard.lastScan", savedScan("block", FINDINGS)]] });
  assert.match(pane.document.getElementById("status").textContent, /checks this email when you press Send/);
  assert.equal(pane.document.querySelectorAll("#findings > li").length, 0);
});

const PROTECTED = { name: "register.xlsx", content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  content_base64: Buffer.from("encrypted").toString("base64"), password: "maple-river-7342-orbit" };

test("Protect this file: the protected copy replaces the original and the password is shown with the policy's advice", async () => {
  const pane = await openPane("block", [FINDINGS[2]], {
    respond: (url) => (url.endsWith("/v1/protect") ? { status: 200, body: PROTECTED } : { status: 409, body: { detail: "already" } })
  });
  assert.equal(pane.button("Protect this file").getAttribute("aria-label"), "Protect register.xlsx");
  pane.button("Protect this file").click();
  await tick(100);
  const [protect, outcome] = pane.posted;
  assert.equal(protect.url, "https://sendguard.test/v1/protect");
  assert.equal(protect.init.headers.Authorization, "Bearer pane-token");
  assert.deepEqual(JSON.parse(protect.init.body), { attachment: { name: "register.xlsx",
    content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    content_base64: Buffer.from("PK register").toString("base64") } });
  assert.deepEqual(pane.item.addedAttachments.map((a) => [a.name, a.content]), [["register.xlsx", PROTECTED.content_base64]]);
  assert.deepEqual(pane.item.removedAttachments, ["att-1"]);
  const text = pane.document.body.textContent;
  assert.match(text, /maple-river-7342-orbit/);
  assert.match(text, /by phone or in a separate email/);
  assert.match(text, /confirms they have received/);
  // The swap is the scan's outcome; a 409 (already recorded) is not an error.
  assert.equal(outcome.url, `https://sendguard.test/v1/scans/${SCAN_ID}/outcome`);
  assert.deepEqual(JSON.parse(outcome.init.body), { outcome: "changed" });
  assert.doesNotMatch(text, /could not/);
});

test("Protect this file: a file the service refuses stays, with the service's plain reason", async () => {
  const pane = await openPane("block", [Object.assign({}, FINDINGS[2], { rule: "special-category-external" })], {
    respond: () => ({ status: 422, body: { detail: "This file is already password-protected." } })
  });
  pane.button("Protect this file").click();
  await tick(100);
  assert.deepEqual(pane.item.addedAttachments, []);
  assert.deepEqual(pane.item.removedAttachments, []);
  assert.match(pane.document.body.textContent, /This file is already password-protected\./);
  assert.equal(pane.posted.length, 1); // nothing changed, so no outcome is reported
});

test("Protect this file is offered only for the two protectable rules", async () => {
  const pane = await openPane("block", [Object.assign({}, FINDINGS[2], { rule: "ctf-attachment" })]);
  assert.equal(pane.button("Protect this file"), undefined);
  assert.ok(pane.button("Remove register.xlsx"));
});
