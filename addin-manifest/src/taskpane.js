/*
 * SendGuard task pane: shows the last verdict for this draft and applies the fixes
 * that fixes.js plans. Office.js calls stay here; the decisions are in fixes.js.
 */
(function () {
  "use strict";
  var Fixes = window.SendGuardFixes;
  var config = window.SENDGUARD_TASKPANE || {};
  var SESSION_KEY = "sendguard.lastScan";
  var result = null;

  function officeCall(start) {
    return new Promise(function (resolve, reject) {
      start(function (r) {
        if (r.status === Office.AsyncResultStatus.Succeeded) { resolve(r.value); } else { reject(r.error); }
      });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function setStatus(text) { document.getElementById("status").textContent = text; }

  function loadLastScan() {
    var item = Office.context.mailbox.item;
    if (item.sessionData && item.sessionData.getAsync) {
      return officeCall(function (cb) { item.sessionData.getAsync(SESSION_KEY, cb); })
        .catch(function () { return null; });
    }
    return Promise.resolve(Office.context.roamingSettings.get(SESSION_KEY) || null);
  }

  function token() {
    return Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
  }

  function report(outcome, reason) {
    var body = Fixes.outcomeRequest(outcome, reason);
    var url = config.apiBaseUrl.replace(/\/+$/, "") + "/v1/scans/" + encodeURIComponent(result.scan_id) + "/outcome";
    return token().then(function (t) {
      return fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + t },
        body: JSON.stringify(body)
      });
    }).then(function (response) {
      // 409: this scan's outcome is already recorded (one per scan); the first one stands.
      if (response.status !== 202 && response.status !== 409) { throw new Error("status " + response.status); }
    });
  }

  function fixButton(label, action, resultNode) {
    var button = el("button", null, label);
    button.type = "button";
    button.addEventListener("click", function () {
      button.disabled = true;
      action().then(function (message) {
        resultNode.textContent = message;
      }, function () {
        resultNode.textContent = "Outlook could not make this change. Please make it yourself.";
        button.disabled = false;
      });
    });
    return button;
  }

  function moveToBcc() {
    var item = Office.context.mailbox.item;
    var get = function (field) { return officeCall(function (cb) { field.getAsync(cb); }); };
    return Promise.all([get(item.to), get(item.cc), get(item.bcc)]).then(function (lists) {
      var sender = Office.context.mailbox.userProfile;
      var plan = Fixes.planMoveToBcc({ to: lists[0], cc: lists[1], bcc: lists[2] }, config.internalDomains,
        { emailAddress: sender.emailAddress, displayName: sender.displayName });
      var set = function (field, list) {
        return officeCall(function (cb) { field.setAsync(list, cb); });
      };
      return set(item.bcc, plan.bcc)
        .then(function () { return set(item.to, plan.to); })
        .then(function () { return set(item.cc, plan.cc); })
        .then(function () { return plan.moved + " outside address(es) moved to Bcc."; });
    });
  }

  function editSubject(container) {
    var item = Office.context.mailbox.item;
    return officeCall(function (cb) { item.subject.getAsync(cb); }).then(function (subject) {
      var plan = Fixes.suggestSubject(subject, result.findings);
      var input = el("input");
      input.type = "text";
      input.value = plan.subject;
      input.setAttribute("aria-label", "Suggested subject");
      container.appendChild(input);
      var outcome = el("span", "fix-result");
      container.appendChild(fixButton("Use this subject", function () {
        return officeCall(function (cb) { item.subject.setAsync(input.value, cb); })
          .then(function () { return "Subject changed."; });
      }, outcome));
      container.appendChild(outcome);
    });
  }

  function showPasswordLines(container) {
    var item = Office.context.mailbox.item;
    return officeCall(function (cb) { item.body.getAsync(Office.CoercionType.Text, cb); }).then(function (text) {
      var lines = Fixes.passwordLines(text);
      if (!lines.length) {
        container.appendChild(el("p", null, "Delete the line that gives the password and send it another way."));
        return;
      }
      container.appendChild(el("p", null, "Delete this line from the email, then send the password another way (a text message or a call):"));
      lines.forEach(function (l) { container.appendChild(el("code", null, "Line " + l.line + ": " + l.text)); });
    });
  }

  function removeAttachments(container) {
    var item = Office.context.mailbox.item;
    return officeCall(function (cb) { item.getAttachmentsAsync(cb); }).then(function (attachments) {
      Fixes.attachmentsToRemove(result.findings, attachments).forEach(function (a) {
        var outcome = el("span", "fix-result");
        container.appendChild(fixButton("Remove " + a.name, function () {
          return officeCall(function (cb) { item.removeAttachmentAsync(a.id, cb); })
            .then(function () { return a.name + " removed. Attach a password-protected copy if it must go."; });
        }, outcome));
        container.appendChild(outcome);
      });
    });
  }

  function render() {
    var list = document.getElementById("findings");
    Fixes.describeFindings(result).forEach(function (f) {
      var li = el("li", "finding " + (f.severity === "Must be fixed" ? "block" : "warn"));
      li.appendChild(el("div", "severity", f.severity));
      li.appendChild(el("strong", null, f.title));
      li.appendChild(el("p", null, f.text));
      if (f.fix) { li.appendChild(el("p", null, "What to do: " + f.fix)); }
      if (f.policy) { li.appendChild(el("p", "policy", f.policy)); }
      var fixes = el("div", "fixes");
      li.appendChild(fixes);
      f.fixes.forEach(function (kind) {
        if (kind === "moveToBcc") {
          var outcome = el("span", "fix-result");
          fixes.appendChild(fixButton("Move outside addresses to Bcc", moveToBcc, outcome));
          fixes.appendChild(outcome);
        } else if (kind === "editSubject") {
          editSubject(fixes);
        } else if (kind === "passwordLine") {
          showPasswordLines(fixes);
        } else if (kind === "removeAttachment") {
          removeAttachments(fixes);
        }
      });
      list.appendChild(li);
    });
    setStatus(result.action === "block"
      ? "This email must be changed before it can be sent."
      : "Please check these points before you send this email.");
    renderChoice();
  }

  function renderChoice() {
    var section = document.getElementById("choice");
    var reasons = document.getElementById("reasons");
    var recorded = document.getElementById("recorded");
    var sendAnyway = document.getElementById("sent-anyway");
    if (result.action === "block") {
      section.querySelector("fieldset").hidden = true;
    }
    Fixes.SEND_ANYWAY_REASONS.forEach(function (r) {
      var label = el("label");
      var radio = el("input");
      radio.type = "radio";
      radio.name = "reason";
      radio.value = r.value;
      radio.addEventListener("change", function () { sendAnyway.disabled = false; });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + r.label));
      reasons.appendChild(label);
    });
    function record(outcome, reason) {
      report(outcome, reason).then(function () {
        recorded.textContent = "Thank you: your choice is recorded.";
      }, function () {
        recorded.textContent = "Your choice could not be recorded just now.";
      });
    }
    document.getElementById("changed").addEventListener("click", function () { record("changed"); });
    document.getElementById("cancelled").addEventListener("click", function () { record("cancelled"); });
    sendAnyway.addEventListener("click", function () {
      var chosen = document.querySelector("input[name=reason]:checked");
      if (chosen) { record("sent_anyway", chosen.value); }
    });
    section.hidden = false;
  }

  Office.onReady(function () {
    loadLastScan().then(function (saved) {
      result = saved ? JSON.parse(saved) : null;
      if (!result || !result.findings || !result.findings.length) {
        setStatus("Nothing to show yet: SendGuard checks this email when you press Send.");
        return;
      }
      render();
    });
  });
})();
