"use strict";
/*
 * The task pane page in a simulated browser (jsdom) with office-addin-mock as Outlook:
 * what the sender sees, and what each button changes in the draft or tells the service.
 */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");
const { OfficeMockObject } = require("office-addin-mock");
const { composeItem } = require("./support/harness");

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

async function openPane(action, findings) {
  const draft = {
    subject: "Reading group - H801200001001",
    to: [{ emailAddress: "a@gmail.com", displayName: "A" }, { emailAddress: "head@oakfield.sch.uk", displayName: "Head" }],
    cc: [{ emailAddress: "b@yahoo.co.uk", displayName: "B" }],
    attachments: [{ id: "att-1", name: "register.xlsx", size: 100 }, { id: "att-2", name: "letter.pdf", size: 100 }],
    session: [["sendguard.lastScan", savedScan(action, findings)]]
  };
  const { item } = composeItem(draft);
  const html = fs.readFileSync(path.join(SRC, "taskpane.html"), "utf8").replace(/<script[^>]*><\/script>/g, "");
  const dom = new JSDOM(html, { runScripts: "outside-only", url: "https://sendguard.test/addin/taskpane.html" });
  const window = dom.window;
  const posted = [];
  window.Office = new OfficeMockObject({
    host: "outlook",
    context: { mailbox: { userProfile: { emailAddress: "t.jones@oakfield.sch.uk", displayName: "Tom Jones" } } },
    auth: { getAccessToken: () => Promise.resolve("pane-token") },
    onReady: (cb) => setTimeout(cb, 0),
    AsyncResultStatus: { Succeeded: "succeeded" },
    CoercionType: { Text: "text" }
  });
  window.Office.context.mailbox.item = item;
  window.SENDGUARD_TASKPANE = { apiBaseUrl: "https://sendguard.test", internalDomains: ["oakfield.sch.uk"] };
  window.fetch = (url, init) => { posted.push({ url: url, init: init }); return Promise.resolve({ status: 202 }); };
  window.eval(fs.readFileSync(path.join(SRC, "fixes.js"), "utf8"));
  window.eval(fs.readFileSync(path.join(SRC, "taskpane.js"), "utf8"));
  await tick(60);
  const buttons = () => Array.from(window.document.querySelectorAll("button"));
  const button = (text) => buttons().find((b) => b.textContent === text);
  return { window, document: window.document, item, posted, button };
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
