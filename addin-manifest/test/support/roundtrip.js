"use strict";
/*
 * The round trip, driven by tests/addin/test_round_trip.py: fetches the Send check
 * script from a running `sendguard serve` (with its baked-in settings), runs it with
 * office-addin-mock on the draft read from stdin, and prints what Outlook would be told.
 * Usage: node roundtrip.js BASE_URL < draft.json
 */
const { loadHandler } = require("./harness");

async function main(baseUrl) {
  const draft = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  const response = await fetch(baseUrl + "/addin/launchevent.js");
  if (response.status !== 200) {
    throw new Error("the service answered " + response.status + " for launchevent.js");
  }
  const source = await response.text();
  const responses = [];
  const h = loadHandler({
    draft: draft,
    source: source,
    fetch: (url, init) => fetch(url, init).then((r) => { responses.push(r.status); return r; })
  });
  const { options, elapsedMs } = await h.run();
  const saved = h.session.get("sendguard.lastScan");
  process.stdout.write(JSON.stringify({
    options: options,
    elapsedMs: elapsedMs,
    requests: h.requests.map((r) => ({ url: r.url, headers: r.init.headers })),
    responses: responses,
    config: h.context.SENDGUARD_CONFIG,
    saved: saved ? JSON.parse(saved) : null
  }) + "\n");
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(String(err && err.stack) + "\n");
  process.exitCode = 1;
});
