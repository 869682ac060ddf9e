"use strict";
/*
 * Loads src/launchevent.js the way Outlook's JavaScript-only runtime does: a plain
 * script in a fresh global scope with no require, no module and no DOM, where
 * Office is an office-addin-mock object and fetch is whatever the test gives.
 */
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { OfficeMockObject } = require("office-addin-mock");

const SCRIPT = path.join(__dirname, "..", "..", "src", "launchevent.js");
// What the service serves: MSAL and the handler in one file (tools/build-launchevent.js).
const BUNDLE = path.join(__dirname, "..", "..", "bundle", "launchevent.js");

function ok(value) {
  return { status: "succeeded", value: value };
}

function failed(message) {
  return { status: "failed", error: { name: "GenericResponseError", code: 9002, message: message } };
}

/** "1.14" as [1, 14], so 1.9 < 1.14. */
function versionParts(v) {
  return String(v || "0").split(".").map(Number);
}

function atLeast(have, want) {
  const [a, b] = [versionParts(have), versionParts(want)];
  return a[0] > b[0] || (a[0] === b[0] && (a[1] || 0) >= (b[1] || 0));
}

/** Outlook takes at most 100 recipients in one setAsync or addAsync call. */
const RECIPIENTS_PER_CALL = 100;

function recipientField(list, call, failing) {
  let current = list.slice();
  const refuse = (value, cb) => {
    if (value.length > RECIPIENTS_PER_CALL) {
      call(cb, { status: "failed", error: { name: "NumberOfRecipientsExceeded", code: 9041, message: "too many recipients" } });
      return true;
    }
    if (failing && failing()) {
      call(cb, failed("recipients could not be changed"));
      return true;
    }
    return false;
  };
  return {
    getAsync: (cb) => call(cb, ok(current.slice())),
    setAsync: (value, cb) => { if (!refuse(value, cb)) { current = value.slice(); call(cb, ok()); } },
    addAsync: (value, cb) => { if (!refuse(value, cb)) { current = current.concat(value); call(cb, ok()); } }
  };
}

/**
 * A compose item. attachments: {id, name, size, contentType, attachmentType, isInline,
 * content (base64) | error (string) | delayMs}.
 */
function composeItem(draft) {
  let attachments = (draft.attachments || []).slice();
  const stats = { inFlight: 0, maxInFlight: 0, contentCalls: 0, officeInFlight: 0, maxOfficeInFlight: 0, saves: 0 };
  // Every async call of the item counts towards Outlook's limit on concurrent calls.
  const call = (callback, result, ms) => {
    stats.officeInFlight += 1;
    stats.maxOfficeInFlight = Math.max(stats.maxOfficeInFlight, stats.officeInFlight);
    setTimeout(() => { stats.officeInFlight -= 1; callback(result); }, ms || 1);
  };
  // Each field named here refuses its first change only, as Outlook may when busy.
  const failingFields = new Set(draft.failingFields || []);
  let savedId = null;
  const session = new Map();
  let subject = draft.subject || "";
  const removed = [];
  const item = {
    subject: {
      getAsync: (cb) => call(cb, ok(subject)),
      setAsync: (value, cb) => { subject = value; call(cb, ok()); }
    },
    removeAttachmentAsync: (id, cb) => {
      removed.push(id);
      attachments = attachments.filter((a) => a.id !== id);
      call(cb, ok());
    },
    removedAttachments: removed,
    addedAttachments: [],
    addFileAttachmentFromBase64Async: (content, name, options, cb) => {
      if (typeof options === "function") { cb = options; }
      const id = "added-" + (item.addedAttachments.length + 1);
      item.addedAttachments.push({ id: id, name: name, content: content });
      attachments.push({ id: id, name: name, size: Math.floor(content.length * 3 / 4), content: content });
      call(cb, ok(id));
    },
    body: { getAsync: (type, cb) => call(cb, ok(type === "html" ? (draft.html || "") : (draft.text || ""))) },
    to: recipientField(draft.to || [], call, () => failingFields.delete("to")),
    cc: recipientField(draft.cc || [], call, () => failingFields.delete("cc")),
    bcc: recipientField(draft.bcc || [], call, () => failingFields.delete("bcc")),
    from: { getAsync: (cb) => call(cb, ok(draft.from || { emailAddress: "t.jones@oakfield.sch.uk", displayName: "Tom Jones" })) },
    getAttachmentsAsync: (cb) => call(cb, ok(attachments.map((a) => ({
      id: a.id, name: a.name, size: a.size, contentType: a.contentType || "application/octet-stream",
      attachmentType: a.attachmentType || "file", isInline: Boolean(a.isInline)
    })))),
    getAttachmentContentAsync: (id, cb) => {
      const a = attachments.find((x) => x.id === id);
      stats.contentCalls += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      stats.officeInFlight += 1;
      stats.maxOfficeInFlight = Math.max(stats.maxOfficeInFlight, stats.officeInFlight);
      const timer = setTimeout(() => {
        stats.inFlight -= 1;
        stats.officeInFlight -= 1;
        if (!a || a.error) {
          cb(failed(a ? a.error : "no such attachment"));
        } else {
          cb(ok({ format: a.format || "base64", content: a.content }));
        }
      }, (a && a.delayMs) || 5);
      if (a && a.delayMs > 1000) {
        timer.unref(); // a call the handler gave up on must not hold the test process open
      }
    },
    getItemIdAsync: (cb) => {
      const id = draft.itemId || savedId;
      call(cb, id ? ok(id) : { status: "failed", error: { name: "ItemNotSaved", code: 9012, message: "The item has not been saved." } });
    },
    handlers: {},
    addHandlerAsync: (type, handler, options, cb) => {
      if (typeof options === "function") { cb = options; }
      item.handlers[type] = handler;
      if (cb) { call(cb, ok()); }
    },
    sessionData: {
      getAsync: (key, cb) => call(cb, session.has(key) ? ok(session.get(key)) : failed("not found")),
      setAsync: (key, value, cb) => { session.set(key, value); call(cb, ok()); }
    }
  };
  if (draft.saveAs) {
    // saveAsync gives the saved draft's (EWS) id.
    item.saveAsync = (cb) => { stats.saves += 1; savedId = draft.saveAs; call(cb, ok(savedId)); };
  }
  if (draft.sensitivityLabel) {
    item.sensitivityLabel = { getAsync: (cb) => call(cb, ok(draft.sensitivityLabel)) };
  }
  if (draft.withoutSessionData) {
    delete item.sessionData;
  }
  (draft.session || []).forEach(([key, value]) => session.set(key, value));
  return { item, stats, session };
}

/**
 * The handler as Outlook would call it. Returns {run(), stats, session, requests}.
 * options: draft or compose (a composeItem result to reuse), fetch(url, init), token (string | Error | function), config (overrides),
 * msal (a fake MSAL global), bundled (load the built file with the real MSAL), sets (Mailbox and
 * NestedAppAuth versions Outlook supports), labelsCatalog, platform, withoutFetch (only XMLHttpRequest, as some runtimes), source (the script's text, e.g. as a server served it).
 */
function loadHandler(options) {
  // A compose item already made (composeItem) is reused: a second Send of the same draft, as the task pane left it.
  const { item, stats, session } = options.compose || composeItem(options.draft || {});
  const associated = {};
  const token = options.token === undefined ? "token-for-tests" : options.token;
  const office = new OfficeMockObject({
    host: "outlook",
    context: {
      mailbox: { item: item },
      diagnostics: { platform: options.platform || "PC" }
    },
    auth: {
      getAccessToken: () => {
        if (typeof token === "function") { return token(); }
        return token instanceof Error ? Promise.reject(token) : Promise.resolve(token);
      }
    },
    actions: { associate: (name, fn) => { associated[name] = fn; } },
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" }, RestVersion: { v2_0: "v2.0" } }
  });
  // office-addin-mock keeps nested objects as its own mock objects; the item must stay the one built above.
  office.context.mailbox.item = item;
  const requests = [];
  const recordedFetch = (url, init) => {
    requests.push({ url: url, init: init, body: init && init.body ? JSON.parse(init.body) : null });
    return options.fetch(url, init);
  };
  const context = vm.createContext({
    Office: office,
    fetch: options.withoutFetch ? undefined : recordedFetch,
    XMLHttpRequest: options.withoutFetch ? fakeXhr(recordedFetch) : undefined,
    AbortController: AbortController,
    setTimeout: setTimeout,
    clearTimeout: clearTimeout,
    msal: options.msal
  });
  office.context.mailbox.convertToRestId = (id, version) => "rest(" + version + "):" + id;
  const sets = options.sets || { Mailbox: "1.15" };
  office.context.requirements = {
    isSetSupported: (name, version) => Boolean(sets[name]) && atLeast(sets[name], version)
  };
  if (options.labelsCatalog) {
    const labels = options.labelsCatalog;
    office.context.sensitivityLabelsCatalog = {
      getIsEnabledAsync: (cb) => setTimeout(() => cb(ok(labels.enabled !== false)), 1),
      getAsync: (cb) => setTimeout(() => cb(ok(labels.labels)), 1)
    };
  }
  const source = options.source || fs.readFileSync(options.bundled ? BUNDLE : SCRIPT, "utf8");
  vm.runInContext(source, context, { filename: "launchevent.js" });
  if (options.config) {
    Object.assign(context.SENDGUARD_CONFIG, options.config);
  }
  const handler = associated.onMessageSendHandler;
  if (typeof handler !== "function") {
    throw new Error("launchevent.js did not associate onMessageSendHandler");
  }
  function run() {
    const started = Date.now();
    return new Promise((resolve) => {
      // Options built in the script's own realm: copied so deepEqual compares plain values.
      handler({ completed: (opts) => resolve({ options: JSON.parse(JSON.stringify(opts)), elapsedMs: Date.now() - started }) });
    });
  }
  return { run, stats, session, requests, context };
}

/**
 * The task pane page in a simulated browser (jsdom), with office-addin-mock as Outlook around `item`.
 * options: item (composeItem's), html (taskpane.html), scripts (the texts of config.js, fixes.js and
 * taskpane.js, run in that order as the page's script tags would), url (the page's address),
 * fetch(url, init) (the page's fetch), config (window.SENDGUARD_TASKPANE, when no config.js is given),
 * prepare(window) (anything more the test's Outlook has, set before the scripts run).
 */
function loadTaskPane(options) {
  const { JSDOM } = require("jsdom");
  // The page's own script tags are dropped: Office.js is the mock, and the scripts are run below.
  const html = options.html.replace(/<script[^>]*><\/script>/g, "");
  const dom = new JSDOM(html, { runScripts: "outside-only", url: options.url || "https://sendguard.test/addin/taskpane.html" });
  const window = dom.window;
  window.Office = new OfficeMockObject({
    host: "outlook",
    context: { mailbox: { userProfile: { emailAddress: "t.jones@oakfield.sch.uk", displayName: "Tom Jones" } } },
    auth: { getAccessToken: () => Promise.resolve("pane-token") },
    onReady: (cb) => setTimeout(cb, 0),
    AsyncResultStatus: { Succeeded: "succeeded" },
    CoercionType: { Text: "text" },
    EventType: { InitializationContextChanged: "olkInitializationContextChanged" }
  });
  // office-addin-mock keeps nested objects as its own mock objects; the item must stay the one given.
  window.Office.context.mailbox.item = options.item;
  if (options.config) {
    window.SENDGUARD_TASKPANE = options.config;
  }
  window.fetch = options.fetch;
  if (options.prepare) {
    options.prepare(window);
  }
  options.scripts.forEach((source) => window.eval(source));
  const button = (text) => Array.from(window.document.querySelectorAll("button")).find((b) => b.textContent === text);
  return { window, document: window.document, button };
}

/** An XMLHttpRequest that answers through the test's fetch, for runtimes without fetch. */
function fakeXhr(fetchLike) {
  return function FakeXMLHttpRequest() {
    const headers = {};
    let method = "GET";
    let url = "";
    this.open = (m, u) => { method = m; url = u; };
    this.setRequestHeader = (name, value) => { headers[name] = value; };
    this.abort = () => {};
    this.send = (body) => {
      fetchLike(url, { method: method, headers: headers, body: body })
        .then((r) => r.json().then((data) => {
          this.status = r.status;
          this.responseText = JSON.stringify(data);
          this.onload();
        }))
        .catch(() => this.onerror());
    };
  };
}

function jsonResponse(status, body, delayMs) {
  return (url, init) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ status: status, json: () => Promise.resolve(body) }), delayMs || 0);
    if (init && init.signal) {
      init.signal.addEventListener("abort", () => { clearTimeout(timer); reject(new Error("aborted")); });
    }
  });
}

module.exports = { loadHandler, loadTaskPane, composeItem, jsonResponse, ok, failed, SCRIPT, BUNDLE };
