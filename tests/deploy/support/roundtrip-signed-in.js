"use strict";
/*
 * The add-in's Send check through the production topology: fetches launchevent.js from
 * the https address (nginx), runs it with office-addin-mock on the draft read from stdin,
 * signed in with the token given, and prints what Outlook would be told and what the
 * service answered. Trusts the test's certificate through NODE_EXTRA_CA_CERTS.
 * Usage: node roundtrip-signed-in.js BASE_URL TOKEN < draft.json
 */
const path = require("node:path");
const { loadHandler } = require(path.join(process.env.ADDIN_DIR, "test", "support", "harness"));

async function main(baseUrl, token) {
  const draft = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  const response = await fetch(baseUrl + "/addin/launchevent.js");
  if (response.status !== 200) {
    throw new Error("the service answered " + response.status + " for launchevent.js");
  }
  const answers = [];
  const h = loadHandler({
    draft: draft,
    source: await response.text(),
    token: token,
    fetch: (url, init) => fetch(url, init).then((r) => { answers.push({ url: url, status: r.status }); return r; })
  });
  const { options, elapsedMs } = await h.run();
  const saved = h.session.get("sendguard.lastScan");
  process.stdout.write(JSON.stringify({
    options: options,
    elapsedMs: elapsedMs,
    answers: answers,
    saved: saved ? JSON.parse(saved) : null
  }) + "\n");
}

main(process.argv[2], process.argv[3]).catch((err) => {
  process.stderr.write(String(err && err.stack) + "\n");
  process.exitCode = 1;
});
