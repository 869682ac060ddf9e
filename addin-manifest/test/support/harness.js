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

function ok(value) {
  return { status: "succeeded", value: value };
}

function failed(message) {
  return { status: "failed", error: { name: "GenericResponseError", code: 9002, message: message } };
}

/** Calls back later, like Outlook does; `ms` adds a delay. */
function later(callback, result, ms) {
  setTimeout(() => callback(result), ms || 0);
}

function recipientField(list) {
  let current = list.slice();
  return {
    getAsync: (cb) => later(cb, ok(current.slice())),
    setAsync: (value, cb) => { current = value.slice(); later(cb, ok()); }
  };
}

/**
 * A compose item. attachments: {id, name, size, contentType, attachmentType, isInline,
 * content (base64) | error (string) | delayMs}.
 */
function composeItem(draft) {
  const attachments = draft.attachments || [];
  const stats = { inFlight: 0, maxInFlight: 0, contentCalls: 0 };
  const session = new Map();
  let subject = draft.subject || "";
  const removed = [];
  const item = {
    subject: {
      getAsync: (cb) => later(cb, ok(subject)),
      setAsync: (value, cb) => { subject = value; later(cb, ok()); }
    },
    removeAttachmentAsync: (id, cb) => { removed.push(id); later(cb, ok()); },
    removedAttachments: removed,
    body: { getAsync: (type, cb) => later(cb, ok(type === "html" ? (draft.html || "") : (draft.text || ""))) },
    to: recipientField(draft.to || []),
    cc: recipientField(draft.cc || []),
    bcc: recipientField(draft.bcc || []),
    from: { getAsync: (cb) => later(cb, ok(draft.from || { emailAddress: "t.jones@oakfield.sch.uk", displayName: "Tom Jones" })) },
    getAttachmentsAsync: (cb) => later(cb, ok(attachments.map((a) => ({
      id: a.id, name: a.name, size: a.size, contentType: a.contentType || "application/octet-stream",
      attachmentType: a.attachmentType || "file", isInline: Boolean(a.isInline)
    })))),
    getAttachmentContentAsync: (id, cb) => {
      const a = attachments.find((x) => x.id === id);
      stats.contentCalls += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      const timer = setTimeout(() => {
        stats.inFlight -= 1;
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
    getItemIdAsync: (cb) => later(cb, draft.itemId ? ok(draft.itemId) : failed("not saved")),
    sessionData: {
      getAsync: (key, cb) => later(cb, session.has(key) ? ok(session.get(key)) : failed("not found")),
      setAsync: (key, value, cb) => { session.set(key, value); later(cb, ok()); }
    }
  };
  if (draft.sensitivityLabel) {
    item.sensitivityLabel = { getAsync: (cb) => later(cb, ok(draft.sensitivityLabel)) };
  }
  (draft.session || []).forEach(([key, value]) => session.set(key, value));
  return { item, stats, session };
}

/**
 * The handler as Outlook would call it. Returns {run(), stats, session, requests}.
 * options: draft, fetch(url, init), token (string | Error | function), config (overrides),
 * msal (a fake MSAL global), platform, withoutFetch (only XMLHttpRequest, as some runtimes), source (the script's text, e.g. as a server served it).
 */
function loadHandler(options) {
  const { item, stats, session } = composeItem(options.draft || {});
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
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } }
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
  vm.runInContext(options.source || fs.readFileSync(SCRIPT, "utf8"), context, { filename: "launchevent.js" });
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

module.exports = { loadHandler, composeItem, jsonResponse, ok, failed };
