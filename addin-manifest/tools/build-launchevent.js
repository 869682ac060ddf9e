"use strict";
/*
 * Builds bundle/launchevent.js, the Send check as Outlook runs it: MSAL (for nested app
 * authentication) and src/launchevent.js in one plain script, because classic Outlook on
 * Windows runs only that one JavaScript file, with no imports.
 *
 * Nothing is downloaded here: MSAL is the pinned @azure/msal-browser in node_modules (npm ci),
 * and esbuild only rewrites its syntax down to ES2017 (no ?. or ??, no class fields), which the
 * JavaScript-only runtime parses. MSAL runs inside a try block, so a runtime that cannot start it
 * still gets the handler (which then signs in with Office single sign-on).
 *
 * Usage: node tools/build-launchevent.js          writes bundle/launchevent.js
 *        node tools/build-launchevent.js --check  exits 1 when bundle/launchevent.js is out of date
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const SOURCE = path.join(ROOT, "src", "launchevent.js");
const OUTPUT = path.join(ROOT, "bundle", "launchevent.js");
const TARGET = "es2017";

function msalSource() {
  const dir = path.dirname(require.resolve("@azure/msal-browser/package.json"));
  const version = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  const code = fs.readFileSync(path.join(dir, "lib", "msal-browser.min.js"), "utf8");
  const licence = fs.readFileSync(path.join(dir, "LICENSE"), "utf8").trim();
  return { version, code, licence };
}

function build() {
  const esbuild = require("esbuild");
  const msal = msalSource();
  const lowered = esbuild.transformSync(msal.code, { target: TARGET, minify: true, legalComments: "none" }).code;
  const handler = fs.readFileSync(SOURCE, "utf8");
  return [
    "/*",
    " * SendGuard's Send check, built by tools/build-launchevent.js: do not edit; edit src/launchevent.js",
    " * and run `npm run build`. It carries @azure/msal-browser " + msal.version + " (syntax lowered to " + TARGET + "):",
    " *",
    msal.licence.split("\n").map((line) => (" * " + line).trimEnd()).join("\n"),
    " */",
    "try {",
    "  (function () {",
    lowered.trim(),
    "  }).call(this);",
    "} catch (msalFailed) {",
    "  // NOTE: without MSAL the handler signs in with Office single sign-on.",
    "}",
    "",
    handler
  ].join("\n");
}

function main(argv) {
  const built = build();
  if (argv.includes("--check")) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : "";
    if (current !== built) {
      console.error("bundle/launchevent.js is out of date: run `npm run build`");
      return 1;
    }
    console.log("bundle/launchevent.js is up to date");
    return 0;
  }
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, built);
  console.log(OUTPUT);
  return 0;
}

module.exports = { build, OUTPUT };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
