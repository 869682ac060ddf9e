"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { validateFile } = require("../tools/validate-manifest");

const EXAMPLES = path.join(__dirname, "..", "examples");

function scratch(name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sendguard-manifest-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

test("the example unified manifest passes Microsoft's published schema", async () => {
  assert.deepEqual(await validateFile(path.join(EXAMPLES, "manifest.json")), []);
});

test("the schema check catches a wrong send mode and a missing field", async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "manifest.json"), "utf8"));
  manifest.extensions[0].autoRunEvents[0].events[0].options.sendMode = "sometimes";
  delete manifest.developer;
  const problems = await validateFile(scratch("manifest.json", JSON.stringify(manifest)));
  assert.ok(problems.some((p) => p.includes("/options/sendMode")), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes("developer")), problems.join("\n"));
});

test("the example XML manifest is read by Microsoft's office-addin-manifest", async () => {
  assert.deepEqual(await validateFile(path.join(EXAMPLES, "manifest.xml")), []);
});

test("Microsoft's converter reads the XML manifest's Send check and send mode", async () => {
  const { converted, sendEvents } = require("../tools/validate-manifest");
  const unified = await converted(path.join(EXAMPLES, "manifest.xml"));
  const [event] = sendEvents(unified);
  assert.equal(event.options.sendMode, "softBlock");
  const runtime = unified.extensions[0].runtimes.find((r) => r.actions.some((a) => a.id === event.actionId));
  assert.equal(runtime.code.script, "https://sendguard.example.org/addin/launchevent.js");
  assert.equal(unified.webApplicationInfo.id, "11111111-2222-4333-8444-555555555555");
});

test("an XML manifest without the Send check is refused", async () => {
  const xml = fs.readFileSync(path.join(EXAMPLES, "manifest.xml"), "utf8")
    .replace(/<ExtensionPoint xsi:type="LaunchEvent">[\s\S]*?<\/ExtensionPoint>/, "");
  const problems = await validateFile(scratch("manifest.xml", xml));
  assert.ok(problems.some((p) => p.includes("messageSending")), problems.join("\n"));
});

test("a damaged XML manifest is refused", async () => {
  const xml = fs.readFileSync(path.join(EXAMPLES, "manifest.xml"), "utf8").replace("</OfficeApp>", "");
  const problems = await validateFile(scratch("manifest.xml", xml));
  assert.ok(problems.length > 0);
});

test("the unified manifest runs the handler on send with the default soft block", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "manifest.json"), "utf8"));
  const ext = manifest.extensions[0];
  const event = ext.autoRunEvents[0].events[0];
  assert.equal(event.type, "messageSending");
  assert.equal(event.options.sendMode, "softBlock");
  const runtime = ext.runtimes.find((r) => r.actions.some((a) => a.id === event.actionId));
  assert.match(runtime.code.script, /\/addin\/launchevent\.js$/);
  const button = ext.ribbons[0].tabs[0].groups[0].controls[0];
  // Smart Alerts' commandId opens the task pane through this button.
  assert.equal(button.id, "msgComposeOpenPaneButton");
});

