"use strict";
/*
 * Validates manifests offline: a .json against Microsoft's published unified-manifest
 * schema (shipped in @microsoft/app-manifest); a .xml by reading it with Microsoft's
 * office-addin-manifest, converting it with Microsoft's office-addin-manifest-converter
 * and validating the result against the same schema (no npm package ships the XML
 * manifest's XSD). Usage: node tools/validate-manifest.js FILE...
 * Prints one line per file; exits 1 when any is invalid.
 */
const fs = require("node:fs");
const path = require("node:path");
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const os = require("node:os");
const { OfficeAddinManifest } = require("office-addin-manifest");
const converter = require("office-addin-manifest-converter");

const SCHEMA_DIR = path.join(path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
  "build", "json-schemas", "teams");

function schemaFor(manifest) {
  const file = path.join(SCHEMA_DIR, "v" + manifest.manifestVersion, "MicrosoftTeams.schema.json");
  if (!fs.existsSync(file)) {
    throw new Error("no published schema for manifestVersion " + manifest.manifestVersion);
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function validateManifest(manifest) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schemaFor(manifest));
  if (validate(manifest)) {
    return [];
  }
  return validate.errors.map((e) => `${e.instancePath || "(top)"} ${e.message}`);
}

function validateJson(file) {
  return validateManifest(JSON.parse(fs.readFileSync(file, "utf8")));
}

/** The XML manifest as Microsoft's converter reads it: the unified manifest it turns into. */
async function converted(file) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "sendguard-converted-"));
  try {
    const log = console.log;
    console.log = () => {}; // the converter narrates each step
    try {
      await converter.convert(file, out, false);
    } finally {
      console.log = log;
    }
    return JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function sendEvents(manifest) {
  const events = [];
  (manifest.extensions || []).forEach((ext) => (ext.autoRunEvents || []).forEach((group) => {
    (group.events || []).forEach((e) => { if (e.type === "messageSending") { events.push(e); } });
  }));
  return events;
}

async function validateXml(file) {
  const info = await OfficeAddinManifest.readManifestFile(file);
  const problems = [];
  if (!info.id) { problems.push("no add-in id"); }
  if (!info.displayName) { problems.push("no display name"); }
  if (!info.version) { problems.push("no version"); }
  if (!info.hosts || info.hosts.indexOf("Mailbox") < 0) { problems.push("not a Mailbox add-in"); }
  const unified = await converted(file);
  problems.push(...validateManifest(unified).map((p) => "converted: " + p));
  if (sendEvents(unified).length !== 1) {
    problems.push("converted: no single messageSending event (the LaunchEvent OnMessageSend was not understood)");
  }
  return problems;
}

/** The problems found in one manifest file; an empty list when it is valid. */
async function validateFile(file) {
  try {
    return file.endsWith(".json") ? validateJson(file) : await validateXml(file);
  } catch (err) {
    return [String(err.message).split("\n")[0]];
  }
}

/** "messageSending <send mode>", as Outlook will read the manifest. */
async function sendCheck(file) {
  const unified = file.endsWith(".json") ? JSON.parse(fs.readFileSync(file, "utf8")) : await converted(file);
  return sendEvents(unified).map((e) => `messageSending ${e.options ? e.options.sendMode : "(none)"}`).join(", ");
}

async function main(files) {
  let failed = false;
  for (const file of files) {
    const problems = await validateFile(file);
    if (problems.length) {
      failed = true;
      console.log(`invalid ${file}: ${problems.join("; ")}`);
    } else {
      console.log(`valid ${file}: ${await sendCheck(file)}`);
    }
  }
  return failed ? 1 : 0;
}

module.exports = { validateFile, converted, sendEvents };

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
