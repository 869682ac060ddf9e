"use strict";
/*
 * Block, Protect, Send again, driven by tests/addin/test_round_trip.py against a running
 * `sendguard serve`: the Send check script and the task pane's page and scripts as the service
 * serves them, on one office-addin-mock draft read from stdin. The first Send is checked, the
 * task pane opens on the result it saved and presses "Protect this file" (the real /v1/protect),
 * then the same draft, as the pane left it, is sent again. Prints what each step saw.
 * Usage: node protect-roundtrip.js BASE_URL < draft.json
 */
const { composeItem, loadHandler, loadTaskPane } = require("./harness");

const PANE_WAIT_MS = 30000;

async function served(baseUrl, name) {
  const response = await fetch(baseUrl + "/addin/" + name);
  if (response.status !== 200) {
    throw new Error("the service answered " + response.status + " for " + name);
  }
  return response.text();
}

/** fetch, noting each call's address, status and (for a scan or a protection) the answer the script was given. */
function recordingFetch(log) {
  return async (url, init) => {
    const response = await fetch(url, init);
    const entry = { url: String(url), status: response.status };
    if (/\/v1\/(scan|protect)$/.test(String(url)) && response.status === 200) {
      entry.body = await response.clone().json();
    }
    log.push(entry);
    return response;
  };
}

async function send(compose, source) {
  const responses = [];
  const h = loadHandler({ compose: compose, source: source, fetch: recordingFetch(responses) });
  const { options } = await h.run();
  // NOTE: an allowed Send saves nothing, so the session may still hold an earlier Send's result.
  const saved = h.session.get("sendguard.lastScan");
  return { options: options, responses: responses, saved: saved ? JSON.parse(saved) : null };
}

/** The draft's attachments as Outlook gives them: details, then each one's content (getAttachmentContentAsync). */
function attachmentsNow(item) {
  const call = (start) => new Promise((resolve, reject) => {
    start((r) => (r.status === "succeeded" ? resolve(r.value) : reject(r.error)));
  });
  return call((cb) => item.getAttachmentsAsync(cb)).then((details) => Promise.all(details.map((a) =>
    call((cb) => item.getAttachmentContentAsync(a.id, cb)).then((content) => ({
      id: a.id, name: a.name, contentType: a.contentType, format: content.format, content: content.content
    })))));
}

async function until(check, what) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > PANE_WAIT_MS) {
      throw new Error("the task pane never " + what);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function main(baseUrl) {
  const draft = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  const compose = composeItem(draft);
  const source = await served(baseUrl, "launchevent.js");

  const first = await send(compose, source);

  const paneRequests = [];
  const pane = loadTaskPane({
    item: compose.item,
    html: await served(baseUrl, "taskpane.html"),
    // In the page's order: config.js (this deployment's settings), fixes.js, taskpane.js.
    scripts: [await served(baseUrl, "config.js"), await served(baseUrl, "fixes.js"),
      await served(baseUrl, "taskpane.js")],
    url: baseUrl + "/addin/taskpane.html",
    fetch: recordingFetch(paneRequests)
  });
  await until(() => pane.button("Protect this file"), "offered Protect this file");
  pane.button("Protect this file").click();
  // Done when the outcome "changed" has been answered (the pane reports it after showing the password).
  await until(() => paneRequests.some((r) => r.url.includes("/outcome")), "reported the outcome");
  const shownPassword = pane.document.querySelector("code.password");

  const afterProtect = await attachmentsNow(compose.item);
  const second = await send(compose, source);

  process.stdout.write(JSON.stringify({
    first: first,
    pane: {
      requests: paneRequests,
      text: pane.document.body.textContent,
      password: shownPassword ? shownPassword.textContent : null
    },
    added: compose.item.addedAttachments.map((a) => a.name),
    removed: compose.item.removedAttachments.slice(),
    attachments: afterProtect,
    second: second
  }) + "\n");
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(String(err && err.stack) + "\n");
  process.exitCode = 1;
});
