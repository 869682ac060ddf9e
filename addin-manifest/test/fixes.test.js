"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Fixes = require("../src/fixes");

const INTERNAL = ["oakfield.sch.uk", "oakfieldtrust.org.uk"];
const r = (emailAddress, displayName) => ({ emailAddress, displayName: displayName || "", recipientType: "externalUser" });

test("outside To and Cc move to Bcc; colleagues stay where they are", () => {
  const plan = Fixes.planMoveToBcc({
    to: [r("a@gmail.com"), r("head@oakfield.sch.uk")],
    cc: [r("b@yahoo.co.uk"), r("office@primary.oakfieldtrust.org.uk")],
    bcc: [r("a@gmail.com")]
  }, INTERNAL, { emailAddress: "t.jones@oakfield.sch.uk" });
  assert.deepEqual(plan.to.map((x) => x.emailAddress), ["head@oakfield.sch.uk"]);
  assert.deepEqual(plan.cc.map((x) => x.emailAddress), ["office@primary.oakfieldtrust.org.uk"]);
  assert.deepEqual(plan.bcc.map((x) => x.emailAddress), ["a@gmail.com", "b@yahoo.co.uk"]);
  assert.equal(plan.moved, 2);
});

test("a look-alike domain is outside; when To empties the sender goes in To", () => {
  const plan = Fixes.planMoveToBcc({ to: [r("x@oakfield-sch.uk"), r("y@gmail.com")], cc: [], bcc: [] },
    INTERNAL, { emailAddress: "t.jones@oakfield.sch.uk", displayName: "Tom Jones" });
  assert.deepEqual(plan.to, [{ emailAddress: "t.jones@oakfield.sch.uk", displayName: "Tom Jones" }]);
  assert.equal(plan.bcc.length, 2);
});

test("the subject loses the masked UPN and keeps its meaning", () => {
  const findings = [{ rule: "subject-personal-data", locations: ["subject"],
    message: "The subject line contains a Unique Pupil Number (UPN) (H************)." }];
  const plan = Fixes.suggestSubject("Re: Year 5 trip - H801200001001", findings);
  assert.equal(plan.subject, "Re: Year 5 trip");
  assert.equal(plan.removed, 1);
});

test("a subject that is only a name becomes a neutral one", () => {
  const findings = [{ rule: "subject-personal-data", locations: ["subject"],
    message: "The subject line names someone (O***** S****)." }];
  const plan = Fixes.suggestSubject("Oliver Smith", findings);
  assert.equal(plan.subject, Fixes.NEUTRAL_SUBJECT);
  assert.equal(plan.neutral, true);
});

test("a masked name is found in the subject by its shape, not other names", () => {
  const findings = [{ rule: "subject-personal-data", locations: ["subject"], message: "Named: (O***** S****)." }];
  assert.equal(Fixes.suggestSubject("Oliver Smith, reading group (Omar Shah)", findings).subject, "reading group (Omar Shah)");
});

test("masked forms are read from the finding's message", () => {
  assert.deepEqual(Fixes.maskedForms("contains (H************, 9** *** ****) and (no stars)"), ["H************", "9** *** ****"]);
});

test("the password line is pointed at with its value masked", () => {
  const lines = Fixes.passwordLines("Dear Mr Ahmed,\nPlease find the report attached.\nThe password is Tulip2024!\nThanks");
  assert.deepEqual(lines, [{ line: 3, text: "The password is T*********" }]);
});

test("attachments named by findings are offered for removal", () => {
  const findings = [{ rule: "ctf-attachment", locations: ["attachment:pupils.xml"] },
    { rule: "subject-personal-data", locations: ["subject"] }];
  const attachments = [{ id: "a1", name: "pupils.xml" }, { id: "a2", name: "letter.pdf" }];
  assert.deepEqual(Fixes.attachmentsToRemove(findings, attachments), [{ id: "a1", name: "pupils.xml", rule: "ctf-attachment" }]);
});

test("findings come in plain words, blocks first, with their fixes", () => {
  const described = Fixes.describeFindings({ findings: [
    { rule: "external-recipients-visible", action: "warn", title: "Visible", message: "m", policy: "section 4", fix: "Bcc" },
    { rule: "password-in-message", action: "block", title: "Password", message: "m", policy: "section 4", fix: "Separately" }
  ] });
  assert.deepEqual(described.map((d) => [d.severity, d.fixes[0]]), [["Must be fixed", "passwordLine"], ["Check before sending", "moveToBcc"]]);
});

test("the outcome is one of the service's closed list of reasons", () => {
  assert.deepEqual(Fixes.outcomeRequest("sent_anyway", "secure_channel"), { outcome: "sent_anyway", reason: "secure_channel" });
  assert.deepEqual(Fixes.outcomeRequest("changed"), { outcome: "changed" });
  assert.throws(() => Fixes.outcomeRequest("sent_anyway", "my own words"));
  assert.throws(() => Fixes.outcomeRequest("sent_anyway"));
  assert.throws(() => Fixes.outcomeRequest("deleted"));
});

test("misdirected-email findings offer to remove the recipient they name", () => {
  const recipients = {
    to: [{ emailAddress: "s.hughes@gmail.com", displayName: "Susan Hughes" }],
    cc: [{ emailAddress: "sarah.hughes@oakfield.sch.uk", displayName: "Sarah Hughes" }],
    bcc: [{ emailAddress: "dan.mercer77@hotmail.com", displayName: "" }]
  };
  const mismatch = { rule: "recipient-name-mismatch", message: "You greet Sarah, but this goes to Susan Hughes." };
  assert.deepEqual(Fixes.recipientsToRemove(mismatch, recipients), [
    { field: "to", emailAddress: "s.hughes@gmail.com", displayName: "Susan Hughes", rule: "recipient-name-mismatch" }
  ]);
  const fresh = { rule: "new-external-recipient", message: "You have not emailed dan.mercer77@hotmail.com before, and this email contains a phone number." };
  assert.deepEqual(Fixes.recipientsToRemove(fresh, recipients).map((r) => [r.field, r.emailAddress]), [["bcc", "dan.mercer77@hotmail.com"]]);
  const changed = { rule: "recipient-address-changed", message: "You usually write to Sarah Hughes at oakfield.sch.uk; this address is gmail.com." };
  // Only the draft's own Sarah Hughes is named; an address that merely contains the name is not.
  assert.deepEqual(Fixes.recipientsToRemove(changed, recipients).map((r) => r.emailAddress), ["sarah.hughes@oakfield.sch.uk"]);
  assert.deepEqual(Fixes.recipientsToRemove({ rule: "recipient-name-mismatch", message: "nothing named" }, recipients), []);
  assert.deepEqual(Fixes.withoutRecipient(recipients.to.concat([{ emailAddress: "a@b.com" }]), { emailAddress: "S.Hughes@gmail.com" }),
    [{ emailAddress: "a@b.com" }]);
  const described = Fixes.describeFindings({ findings: [
    { rule: "recipient-name-mismatch", action: "warn", title: "t", message: "m" },
    { rule: "attachment-about-someone-else", action: "warn", title: "t", message: "m", locations: ["attachment:r.docx"] }
  ] });
  assert.deepEqual(described.map((d) => d.fixes), [["removeRecipient"], ["removeAttachment"]]);
});
