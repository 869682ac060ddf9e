"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { loadHandler, jsonResponse } = require("./support/harness");

const CONFIG = { apiBaseUrl: "https://sendguard.test", apiScope: "api://sendguard.test/abc/access_as_user", clientId: "abc" };
const OUTSIDER = { emailAddress: "parent@gmail.com", displayName: "A Parent", recipientType: "externalUser" };
const COLLEAGUE = { emailAddress: "office@oakfield.sch.uk", displayName: "Office", recipientType: "user" };
const OUTLOOK_LIMIT_MS = 5000;

function verdict(action, findings) {
  return { scan_id: "01JABCDEFGHJKMNPQRSTVWXYZ0", action: action, findings: findings || [], summary: "" };
}

const UPN_FINDING = {
  rule: "subject-personal-data", action: "block", title: "Personal data in the subject line",
  message: "The subject line contains a Unique Pupil Number (UPN) (H************).",
  locations: ["subject"], entities: { UK_UPN: 1 },
  policy: "Information Security Policy, section 4 (By email)", fix: "Take it out of the subject."
};
const VISIBLE_FINDING = {
  rule: "external-recipients-visible", action: "warn", title: "Outside addresses visible to each other",
  message: "2 outside addresses are in To and Cc.", locations: ["recipients"], entities: {},
  policy: "Information Security Policy, section 4 (By email): outsiders must not see each other's addresses", fix: "Put them in Bcc."
};

test("allow: the email goes with no dialog", async () => {
  const h = loadHandler({ draft: { subject: "Trip", html: "<p>Hello</p>", to: [COLLEAGUE] }, fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  const { options } = await h.run();
  assert.deepEqual(options, { allowEvent: true });
  const sent = h.requests[0];
  assert.equal(sent.url, "https://sendguard.test/v1/scan");
  assert.equal(sent.init.headers.Authorization, "Bearer token-for-tests");
  assert.equal(sent.init.headers["X-Client-Platform"], "PC");
  assert.deepEqual(sent.body.message.to, [{ address: "office@oakfield.sch.uk", name: "Office", type: "user" }]);
  assert.equal(sent.body.message.body.type, "html");
  assert.equal(sent.body.message.from.address, "t.jones@oakfield.sch.uk");
});

test("warn: not sent, Send anyway offered, details one click away", async () => {
  const h = loadHandler({ draft: { subject: "Trip", to: [OUTSIDER, OUTSIDER] }, fetch: jsonResponse(200, verdict("warn", [VISIBLE_FINDING])), config: CONFIG });
  const { options } = await h.run();
  assert.equal(options.allowEvent, false);
  assert.equal(options.sendModeOverride, "promptUser");
  assert.match(options.errorMessage, /Outside addresses visible to each other \(Information Security Policy, section 4 \(By email\)\)/);
  assert.ok(options.errorMessage.length <= 500);
  assert.ok(options.errorMessageMarkdown.length <= 500);
  assert.ok(options.cancelLabel.length <= 20);
  assert.equal(options.commandId, "msgComposeOpenPaneButton");
  const saved = JSON.parse(h.session.get("sendguard.lastScan"));
  assert.equal(saved.scan_id, "01JABCDEFGHJKMNPQRSTVWXYZ0");
  assert.equal(saved.findings[0].rule, "external-recipients-visible");
});

test("block: not sent and no Send anyway", async () => {
  const h = loadHandler({ draft: { subject: "H801200001001", to: [OUTSIDER] }, fetch: jsonResponse(200, verdict("block", [UPN_FINDING])), config: CONFIG });
  const { options } = await h.run();
  assert.equal(options.allowEvent, false);
  assert.equal(options.sendModeOverride, undefined);
  assert.match(options.errorMessage, /stopped this email/);
  assert.match(options.errorMessage, /section 4/);
});

test("a long verdict is cut to Outlook's 500 characters", async () => {
  const long = Object.assign({}, UPN_FINDING, { title: "x".repeat(400), policy: "y".repeat(300) });
  const h = loadHandler({ draft: {}, fetch: jsonResponse(200, verdict("block", [long, long, long])), config: CONFIG });
  const { options } = await h.run();
  assert.equal(options.errorMessage.length, 500);
  assert.ok(options.errorMessageMarkdown.length <= 500);
  assert.match(options.errorMessage, /to see how to fix it\.$/); // the way to the details is never cut off
  assert.match(options.errorMessageMarkdown, /to see how to fix it\.$/);
});

test("service down: the sender chooses, told that the check did not run", async () => {
  const h = loadHandler({ draft: { subject: "Trip" }, fetch: () => Promise.reject(new TypeError("fetch failed")), config: CONFIG });
  const { options } = await h.run();
  assert.equal(options.allowEvent, false);
  assert.equal(options.sendModeOverride, "promptUser");
  assert.match(options.errorMessage, /could not be reached, so this email was not checked/);
});

test("the service's own error (503) is handled as unreachable", async () => {
  const h = loadHandler({ draft: {}, fetch: jsonResponse(503, { detail: "busy" }), config: CONFIG });
  const { options } = await h.run();
  assert.equal(options.allowEvent, false);
  assert.equal(options.sendModeOverride, "promptUser");
});

test("slow service: the handler answers before Outlook's 5 seconds", async () => {
  const h = loadHandler({ draft: { subject: "Trip" }, fetch: jsonResponse(200, verdict("allow"), 20000), config: CONFIG });
  const { options, elapsedMs } = await h.run();
  assert.ok(elapsedMs < OUTLOOK_LIMIT_MS - 500, `took ${elapsedMs} ms`);
  assert.ok(elapsedMs >= 3500, `gave up too early, after ${elapsedMs} ms`);
  assert.equal(options.allowEvent, false);
  assert.equal(options.sendModeOverride, "promptUser");
  assert.match(options.errorMessage, /took too long/);
});

test("token failure: no request is sent and the sender chooses", async () => {
  const h = loadHandler({ draft: {}, token: new Error("consent_required"), fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  const { options } = await h.run();
  assert.equal(h.requests.length, 0);
  assert.equal(options.allowEvent, false);
  assert.equal(options.sendModeOverride, "promptUser");
  assert.match(options.errorMessage, /could not sign you in/);
});

test("a draft Outlook cannot read: the sender chooses, and Outlook is always answered", async () => {
  const h = loadHandler({ draft: {}, fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  h.context.Office.context.mailbox.item.subject.getAsync = (cb) => cb({ status: "failed", error: { message: "busy" } });
  const { options } = await h.run();
  assert.equal(h.requests.length, 0);
  assert.equal(options.sendModeOverride, "promptUser");
  assert.match(options.errorMessage, /could not read this email/);
});

test("retryThenPrompt: the first failure asks to try again, the second lets the sender choose", async () => {
  const h = loadHandler({ draft: {}, fetch: () => Promise.reject(new Error("down")), config: Object.assign({ unreachableAction: "retryThenPrompt" }, CONFIG) });
  const first = (await h.run()).options;
  assert.equal(first.allowEvent, false);
  assert.equal(first.sendModeOverride, undefined);
  assert.match(first.errorMessage, /Press Send again/);
  const second = (await h.run()).options;
  assert.equal(second.sendModeOverride, "promptUser");
});

// Issue 13, item 1: NAA wherever Outlook supports NestedAppAuth 1.1, with the tenant's authority; SSO only elsewhere.
test("item 1: NAA is used where NestedAppAuth 1.1 is supported, Office SSO only where it is not", async () => {
  const calls = [];
  const msal = {
    createNestablePublicClientApplication: (cfg) => {
      calls.push(["create", cfg.auth.clientId, cfg.auth.authority]);
      return Promise.resolve({
        acquireTokenSilent: (req) => { calls.push(["silent", req.scopes[0]]); return Promise.resolve({ accessToken: "naa-token" }); }
      });
    }
  };
  const naaSets = { Mailbox: "1.15", NestedAppAuth: "1.1" };
  const tenant = "3f2a1b4c-0000-4000-8000-00000000abcd";
  const h = loadHandler({ draft: {}, msal: msal, sets: naaSets, fetch: jsonResponse(200, verdict("allow")),
    config: Object.assign({ tenantId: tenant }, CONFIG) });
  await h.run();
  assert.equal(h.requests[0].init.headers.Authorization, "Bearer naa-token");
  assert.deepEqual(calls, [["create", "abc", "https://login.microsoftonline.com/" + tenant], ["silent", CONFIG.apiScope]]);

  // Without NestedAppAuth 1.1 the same MSAL is left alone and Office SSO signs in.
  const old = loadHandler({ draft: {}, msal: msal, sets: { Mailbox: "1.15" }, token: "sso-token", fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  await old.run();
  assert.equal(old.requests[0].init.headers.Authorization, "Bearer sso-token");
  assert.equal(calls.length, 2);

  // Where NAA is supported but fails, the sender is told sign-in failed: no silent switch to the legacy token.
  let ssoCalls = 0;
  const broken = { createNestablePublicClientApplication: () => Promise.resolve({ acquireTokenSilent: () => Promise.reject(new Error("interaction_required")) }) };
  const h3 = loadHandler({ draft: {}, msal: broken, sets: naaSets, token: () => { ssoCalls += 1; return Promise.resolve("sso-token"); },
    fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  const { options } = await h3.run();
  assert.equal(ssoCalls, 0);
  assert.equal(h3.requests.length, 0);
  assert.match(options.errorMessage, /could not sign you in/);
});

test("item 1: the served file carries MSAL and the handler in one script that loads with no DOM", async () => {
  const { BUNDLE, SCRIPT } = require("./support/harness");
  const bundle = fs.readFileSync(BUNDLE, "utf8");
  const pinned = require("../package.json").dependencies["@azure/msal-browser"];
  assert.ok(bundle.includes("@azure/msal-browser " + pinned + " "), "the bundle is built from the pinned MSAL");
  assert.ok(bundle.endsWith("\n" + fs.readFileSync(SCRIPT, "utf8")), "bundle/launchevent.js is out of date: run `npm run build`");
  require("acorn").parse(bundle, { ecmaVersion: 2017, sourceType: "script" }); // what the JavaScript-only runtime parses
  assert.doesNotMatch(bundle, /^\s*(import|export)\s/m);

  // The real MSAL, loaded in a runtime with no window or document, offers NAA to the handler.
  const seen = [];
  const h = loadHandler({ bundled: true, draft: {}, sets: { Mailbox: "1.15", NestedAppAuth: "1.1" },
    fetch: jsonResponse(200, verdict("allow")), config: Object.assign({ tenantId: "contoso.onmicrosoft.com" }, CONFIG) });
  assert.equal(typeof h.context.msal.createNestablePublicClientApplication, "function");
  const real = h.context.msal.createNestablePublicClientApplication;
  h.context.msal.createNestablePublicClientApplication = (cfg) => {
    seen.push(cfg.auth.authority);
    return Promise.resolve({ acquireTokenSilent: () => Promise.resolve({ accessToken: "naa-token" }) });
  };
  assert.deepEqual((await h.run()).options, { allowEvent: true });
  assert.deepEqual(seen, ["https://login.microsoftonline.com/contoso.onmicrosoft.com"]);
  assert.equal(h.requests[0].init.headers.Authorization, "Bearer naa-token");

  // With no host to broker the token, the real MSAL fails and the sender is told, in time.
  h.context.msal.createNestablePublicClientApplication = real;
  const again = loadHandler({ bundled: true, draft: {}, sets: { Mailbox: "1.15", NestedAppAuth: "1.1" },
    fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  const { options } = await again.run();
  assert.equal(again.requests.length, 0);
  assert.equal(options.allowEvent, false);
  assert.match(options.errorMessage, /could not sign you in/);
});

test("500+ recipients are all sent with their types", async () => {
  const to = [];
  for (let i = 0; i < 520; i += 1) {
    to.push({ emailAddress: `parent${i}@example.com`, displayName: `Parent ${i}`, recipientType: i % 2 ? "externalUser" : "other" });
  }
  const h = loadHandler({ draft: { to: to, bcc: [COLLEAGUE] }, fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  const { options, elapsedMs } = await h.run();
  assert.deepEqual(options, { allowEvent: true });
  assert.equal(h.requests[0].body.message.to.length, 520);
  assert.equal(h.requests[0].body.message.to[519].type, "externalUser");
  assert.equal(h.requests[0].body.message.bcc.length, 1);
  assert.ok(elapsedMs < 1000);
});

test("a 30 MB attachment goes by name, size and type, with the item id for Graph", async () => {
  const small = Buffer.from("name,upn\n").toString("base64");
  const h = loadHandler({
    draft: {
      itemId: "AAMkAGI2TG93AAA=",
      attachments: [
        { id: "a1", name: "register.csv", size: 9, content: small, contentType: "text/csv" },
        { id: "a2", name: "video.mp4", size: 30 * 1024 * 1024, content: "never-fetched", contentType: "video/mp4" }
      ]
    },
    fetch: jsonResponse(200, verdict("allow")),
    config: CONFIG
  });
  await h.run();
  const sent = h.requests[0];
  const [csv, video] = sent.body.message.attachments;
  assert.equal(csv.content_base64, small);
  assert.equal(video.content_base64, undefined);
  assert.equal(video.size, 30 * 1024 * 1024);
  assert.equal(video.content_type, "video/mp4");
  assert.equal(h.stats.contentCalls, 1);
  assert.equal(sent.init.headers["X-Sendguard-Item-Id"], "rest(v2.0):AAMkAGI2TG93AAA=");
});

test("an attachment Outlook cannot return is still listed, without content", async () => {
  const h = loadHandler({
    draft: { attachments: [{ id: "a1", name: "locked.docx", size: 1000, error: "AttachmentTypeNotSupported" }] },
    fetch: jsonResponse(200, verdict("allow")),
    config: CONFIG
  });
  const { options } = await h.run();
  assert.deepEqual(options, { allowEvent: true });
  const [a] = h.requests[0].body.message.attachments;
  assert.equal(a.name, "locked.docx");
  assert.equal(a.content_base64, undefined);
  assert.equal(h.requests[0].init.headers["X-Sendguard-Item-Id"], undefined); // the draft was never saved
});

test("never more than 3 attachment calls in flight", async () => {
  const attachments = [];
  for (let i = 0; i < 10; i += 1) {
    attachments.push({ id: `a${i}`, name: `f${i}.txt`, size: 4, content: "aGVsbG8=", delayMs: 30 });
  }
  const h = loadHandler({ draft: { attachments: attachments }, fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  await h.run();
  assert.equal(h.stats.contentCalls, 10);
  assert.equal(h.stats.maxInFlight, 3);
  assert.ok(h.requests[0].body.message.attachments.every((a) => a.content_base64 === "aGVsbG8="));
});

test("slow attachments are sent without content rather than miss the deadline", async () => {
  const h = loadHandler({
    draft: { attachments: [{ id: "a1", name: "slow.pdf", size: 100, content: "AAAA", delayMs: 10000 }] },
    fetch: jsonResponse(200, verdict("allow")),
    config: CONFIG
  });
  const { options, elapsedMs } = await h.run();
  assert.deepEqual(options, { allowEvent: true });
  assert.equal(h.requests[0].body.message.attachments[0].content_base64, undefined);
  assert.ok(elapsedMs < OUTLOOK_LIMIT_MS - 500, `took ${elapsedMs} ms`);
});

test("the sensitivity label is passed on where Outlook has one", async () => {
  const h = loadHandler({ draft: { sensitivityLabel: "bf4a2a1c-0000-4000-8000-000000000001" }, fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  await h.run();
  assert.equal(h.requests[0].body.message.sensitivity_label, "bf4a2a1c-0000-4000-8000-000000000001");
});

test("without fetch the check goes over XMLHttpRequest", async () => {
  const h = loadHandler({ draft: { subject: "Trip" }, withoutFetch: true, fetch: jsonResponse(200, verdict("warn", [VISIBLE_FINDING])), config: CONFIG });
  const { options } = await h.run();
  assert.equal(h.requests[0].init.headers["X-Client-Platform"], "PC");
  assert.equal(options.sendModeOverride, "promptUser");
});

test("the handler is plain script: no import, require, module or DOM", () => {
  const source = fs.readFileSync(path.join(__dirname, "..", "src", "launchevent.js"), "utf8");
  assert.doesNotMatch(source, /^\s*(import|export)\s/m);
  assert.doesNotMatch(source, /\brequire\(|\bmodule\.exports|\bdocument\.|\bwindow\./);
  assert.doesNotMatch(source, /\?\.|\?\?/); // ES2020 syntax the classic Windows runtime may not parse
});

// Issue 13, item 2: Graph takes the REST form of the id, and an unsaved draft has none until saved.
test("item 2: the item id goes to Graph in REST form, saving an unsaved draft only when needed", async () => {
  const big = { id: "a1", name: "video.mp4", size: 30 * 1024 * 1024, content: "x", contentType: "video/mp4" };
  const h = loadHandler({ draft: { saveAs: "AAMkNEWDRAFT=", attachments: [big] }, fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  await h.run();
  assert.equal(h.stats.saves, 1);
  assert.equal(h.requests[0].init.headers["X-Sendguard-Item-Id"], "rest(v2.0):AAMkNEWDRAFT=");

  const small = { id: "a1", name: "note.txt", size: 4, content: "aGVsbG8=" };
  const h2 = loadHandler({ draft: { saveAs: "AAMkNEWDRAFT=", attachments: [small] }, fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  await h2.run();
  assert.equal(h2.stats.saves, 0); // every attachment came with its content: nothing for Graph to fetch
  assert.equal(h2.requests[0].init.headers["X-Sendguard-Item-Id"], undefined);
});

// Issue 13, item 3: Outlook gives the label's GUID; the service compares names.
test("item 3: the sensitivity label's GUID is sent as the label's name from the catalogue", async () => {
  const catalog = { labels: [
    { id: "aaaa0000-0000-4000-8000-000000000001", name: "Confidential", children: [
      { id: "bf4a2a1c-0000-4000-8000-000000000001", name: "Confidential - Staff only", children: [] }] },
    { id: "cccc0000-0000-4000-8000-000000000003", name: "General", children: [] }
  ] };
  const h = loadHandler({ draft: { sensitivityLabel: "CCCC0000-0000-4000-8000-000000000003" }, labelsCatalog: catalog,
    fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  await h.run();
  assert.equal(h.requests[0].body.message.sensitivity_label, "General");
  const child = loadHandler({ draft: { sensitivityLabel: "bf4a2a1c-0000-4000-8000-000000000001" }, labelsCatalog: catalog,
    fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  await child.run();
  assert.equal(child.requests[0].body.message.sensitivity_label, "Confidential - Staff only");
  const off = loadHandler({ draft: { sensitivityLabel: "cccc0000-0000-4000-8000-000000000003" },
    labelsCatalog: Object.assign({ enabled: false }, catalog), fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  await off.run();
  assert.equal(off.requests[0].body.message.sensitivity_label, "cccc0000-0000-4000-8000-000000000003");
});

// Issue 13, item 4: Outlook on the web and new Outlook allow 3 concurrent item calls of any kind.
test("item 4: never more than 3 Office calls of any kind in flight", async () => {
  const attachments = [];
  for (let i = 0; i < 5; i += 1) {
    attachments.push({ id: `a${i}`, name: `f${i}.txt`, size: 4, content: "aGVsbG8=", delayMs: 20 });
  }
  const h = loadHandler({ draft: { subject: "Trip", to: [OUTSIDER], cc: [COLLEAGUE], sensitivityLabel: "x", attachments: attachments },
    fetch: jsonResponse(200, verdict("allow")), config: CONFIG });
  const { options } = await h.run();
  assert.deepEqual(options, { allowEvent: true });
  assert.equal(h.stats.maxOfficeInFlight, 3);
  assert.equal(h.requests[0].body.message.subject, "Trip");
  assert.equal(h.requests[0].body.message.attachments.length, 5);
});

/** Whether every `**` and every unescaped `_` in the Markdown is closed. */
function balanced(markdown) {
  const unescaped = markdown.replace(/\\./g, "");
  return (unescaped.match(/\*\*/g) || []).length % 2 === 0 && (unescaped.match(/_/g) || []).length % 2 === 0;
}

// Issue 13, item 5: Smart Alerts Markdown: list items end with \r, service text is not formatting, no open `**`.
test("item 5: the dialog's Markdown escapes titles, ends list items with \\r and never leaves ** open", async () => {
  const starry = Object.assign({}, UPN_FINDING, { title: "Pupil *UPN* in_subject_line", policy: "Policy_A: why" });
  const h = loadHandler({ draft: {}, fetch: jsonResponse(200, verdict("block", [starry, VISIBLE_FINDING])), config: CONFIG });
  const md = (await h.run()).options.errorMessageMarkdown;
  assert.ok(md.includes("- **Pupil \\*UPN\\* in\\_subject\\_line** \u2014 _Policy\\_A_\r"), md);
  assert.ok(md.includes("- **Outside addresses visible to each other** \u2014 _Information Security Policy, section 4 (By email)_\r"), md);
  assert.ok(md.includes("_Policy\\_A_\r- **Outside"), md); // items follow each other as in Microsoft's examples
  assert.ok(balanced(md), md);

  for (const width of [150, 230, 380, 470]) {
    const long = Object.assign({}, UPN_FINDING, { title: "a**b ".repeat(width / 5), policy: "p_q ".repeat(20) });
    const hl = loadHandler({ draft: {}, fetch: jsonResponse(200, verdict("block", [long, long, long])), config: CONFIG });
    const cut = (await hl.run()).options.errorMessageMarkdown;
    assert.ok(cut.length <= 500, `${cut.length}`);
    assert.ok(balanced(cut), cut);
    assert.match(cut, /to see how to fix it\.$/);
  }
});

// Issue 13, item 6: cancelLabel, commandId and sendModeOverride need Mailbox 1.14; the Markdown needs 1.15.
test("item 6: on Outlook without Mailbox 1.14 the dialog points at no missing button", async () => {
  const h = loadHandler({ draft: {}, sets: { Mailbox: "1.13" }, fetch: jsonResponse(200, verdict("warn", [VISIBLE_FINDING])), config: CONFIG });
  const { options } = await h.run();
  assert.equal(options.allowEvent, false);
  assert.equal(options.cancelLabel, undefined);
  assert.equal(options.commandId, undefined);
  assert.equal(options.sendModeOverride, undefined);
  assert.equal(options.errorMessageMarkdown, undefined);
  assert.doesNotMatch(options.errorMessage, /Show details/);
  assert.match(options.errorMessage, /Open SendGuard from the ribbon/);

  const down = loadHandler({ draft: {}, sets: { Mailbox: "1.13" }, fetch: () => Promise.reject(new Error("down")), config: CONFIG });
  const failed = (await down.run()).options;
  assert.equal(failed.sendModeOverride, undefined);
  assert.doesNotMatch(failed.errorMessage, /before you choose Send anyway/);

  const mid = loadHandler({ draft: {}, sets: { Mailbox: "1.14" }, fetch: jsonResponse(200, verdict("warn", [VISIBLE_FINDING])), config: CONFIG });
  const at14 = (await mid.run()).options;
  assert.equal(at14.sendModeOverride, "promptUser");
  assert.equal(at14.commandId, "msgComposeOpenPaneButton");
  assert.equal(at14.errorMessageMarkdown, undefined);
});

// Issue 13, item 8 (the handler's half): the task pane learns which scan to show.
test("item 8: the dialog passes the scan id to the task pane in contextData", async () => {
  const h = loadHandler({ draft: {}, fetch: jsonResponse(200, verdict("block", [UPN_FINDING])), config: CONFIG });
  const { options } = await h.run();
  assert.deepEqual(JSON.parse(options.contextData), { scan_id: "01JABCDEFGHJKMNPQRSTVWXYZ0" });
});

// Issue 13, item 12: the findings stay with the draft; the mailbox's roaming settings are never used.
test("item 12: without session data nothing is written to the mailbox's roaming settings", async () => {
  const h = loadHandler({ draft: { withoutSessionData: true }, fetch: jsonResponse(200, verdict("warn", [VISIBLE_FINDING])), config: CONFIG });
  const writes = [];
  h.context.Office.context.roamingSettings = { set: (k, v) => writes.push(k), get: () => null, saveAsync: (cb) => cb({ status: "succeeded" }) };
  const { options } = await h.run();
  assert.equal(options.allowEvent, false);
  assert.deepEqual(writes, []);
});
