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

  /**
   * The last verdict for this draft, from the draft's own session data.
   * NOTE: never from roaming settings: they are the mailbox's, so they would show another draft's result.
   */
  function loadLastScan() {
    var item = Office.context.mailbox.item;
    if (!item.sessionData || typeof item.sessionData.getAsync !== "function") {
      return Promise.resolve(null);
    }
    return officeCall(function (cb) { item.sessionData.getAsync(SESSION_KEY, cb); })
      .catch(function () { return null; });
  }

  function token() {
    return Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
  }

  /** POST a JSON body to the service, signed in as the user; resolves to the response. */
  function postToService(path, body) {
    var url = config.apiBaseUrl.replace(/\/+$/, "") + path;
    return token().then(function (t) {
      return fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + t },
        body: JSON.stringify(body)
      });
    });
  }

  function report(outcome, reason) {
    var path = "/v1/scans/" + encodeURIComponent(result.scan_id) + "/outcome";
    return postToService(path, Fixes.outcomeRequest(outcome, reason)).then(function (response) {
      // 409: this scan's outcome is already recorded (one per scan); the first one stands.
      if (response.status !== 202 && response.status !== 409) { throw new Error("status " + response.status); }
    });
  }

  /** A button that runs `action`; a failure's own plain sentence (a PlainError) is shown as it is. */
  function fixButton(label, action, resultNode) {
    var button = el("button", null, label);
    button.type = "button";
    button.addEventListener("click", function () {
      button.disabled = true;
      action().then(function (message) {
        if (typeof message === "string") { resultNode.textContent = message; }
      }, function (err) {
        resultNode.textContent = err && err.plain ? err.message
          : "Outlook could not make this change. Please make it yourself.";
        button.disabled = false;
      });
    });
    return button;
  }

  function plainError(message) {
    var err = new Error(message);
    err.plain = true;
    return err;
  }

  /** Replaces a recipient field's list, in calls of at most 100 recipients (Outlook's limit for each call). */
  function setRecipients(field, list) {
    var batches = Fixes.inBatches(list, Fixes.RECIPIENTS_PER_CALL);
    var first = officeCall(function (cb) { field.setAsync(batches.length ? batches[0] : [], cb); });
    return batches.slice(1).reduce(function (done, batch) {
      return done.then(function () { return officeCall(function (cb) { field.addAsync(batch, cb); }); });
    }, first);
  }

  function sequence(steps) {
    return steps.reduce(function (done, step) { return done.then(step); }, Promise.resolve());
  }

  /**
   * All or nothing from the sender's view: when any call fails, To, Cc and Bcc are put back
   * as they were, so no outsider is left in both To and Bcc.
   */
  function moveToBcc() {
    var item = Office.context.mailbox.item;
    var get = function (field) { return officeCall(function (cb) { field.getAsync(cb); }); };
    return Promise.all([get(item.to), get(item.cc), get(item.bcc)]).then(function (lists) {
      var sender = Office.context.mailbox.userProfile;
      var plan = Fixes.planMoveToBcc({ to: lists[0], cc: lists[1], bcc: lists[2] }, config.internalDomains,
        { emailAddress: sender.emailAddress, displayName: sender.displayName });
      var apply = function (to, cc, bcc) {
        return sequence([
          function () { return setRecipients(item.bcc, bcc); },
          function () { return setRecipients(item.to, to); },
          function () { return setRecipients(item.cc, cc); }
        ]);
      };
      return apply(plan.to, plan.cc, plan.bcc).then(function () {
        return plan.moved + " outside address(es) moved to Bcc.";
      }, function (err) {
        return apply(lists[0], lists[1], lists[2]).then(function () {
          throw plainError("Outlook could not move the addresses, so To, Cc and Bcc are as they were. Please move them yourself.");
        }, function () {
          throw plainError("Outlook could not change the recipients, and could not put them all back: check To, Cc and Bcc yourself.");
        });
      });
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
            .then(function () {
              return a.rule === "attachment-about-someone-else"
                ? a.name + " removed. Attach the right person's file."
                : a.name + " removed. Attach a password-protected copy if it must go.";
            });
        }, outcome));
        container.appendChild(outcome);
      });
    });
  }

  /** "Remove <recipient>" for each recipient a misdirected-email finding names (CONTRACT section 8). */
  function removeRecipients(finding, container) {
    var item = Office.context.mailbox.item;
    var get = function (field) { return officeCall(function (cb) { field.getAsync(cb); }); };
    return Promise.all([get(item.to), get(item.cc), get(item.bcc)]).then(function (lists) {
      var fields = { to: item.to, cc: item.cc, bcc: item.bcc };
      Fixes.recipientsToRemove(finding, { to: lists[0], cc: lists[1], bcc: lists[2] }).forEach(function (r) {
        var outcome = el("span", "fix-result");
        var shown = r.displayName ? r.displayName + " (" + r.emailAddress + ")" : r.emailAddress;
        container.appendChild(fixButton("Remove " + shown, function () {
          return get(fields[r.field]).then(function (current) {
            return setRecipients(fields[r.field], Fixes.withoutRecipient(current, r));
          }).then(function () {
            return shown + " removed. Pick the right person from the address book.";
          });
        }, outcome));
        container.appendChild(outcome);
      });
    });
  }

  /** The protected copy from the service (CONTRACT section 9); the file itself is never kept there. */
  function protectedCopy(attachment, contentBase64) {
    var body = { attachment: { name: attachment.name, content_type: attachment.contentType || "application/octet-stream",
      content_base64: contentBase64 } };
    return postToService("/v1/protect", body).then(function (response) {
      if (response.status === 422) {
        // An already protected or unreadable file: the service says why in one plain sentence.
        return response.json().then(function (problem) {
          throw plainError(problem && typeof problem.detail === "string" ? problem.detail : "SendGuard cannot protect this file.");
        }, function () { throw plainError("SendGuard cannot protect this file."); });
      }
      if (response.status !== 200) { throw plainError("SendGuard could not protect this file just now. Please try again."); }
      return response.json();
    }).then(function (copy) {
      if (!copy || typeof copy.content_base64 !== "string" || typeof copy.password !== "string" || !copy.name) {
        throw plainError("SendGuard could not protect this file just now. Please try again.");
      }
      return copy;
    });
  }

  /** Swaps the attachment for its protected copy, then shows the password and records the change. */
  function protectAttachment(attachment, container) {
    var item = Office.context.mailbox.item;
    return officeCall(function (cb) { item.getAttachmentContentAsync(attachment.id, cb); }).then(function (content) {
      if (!content || content.format !== "base64") {
        throw plainError("Outlook cannot hand this attachment over: remove it and attach a protected copy yourself.");
      }
      return protectedCopy(attachment, content.content);
    }).then(function (copy) {
      return officeCall(function (cb) {
        item.addFileAttachmentFromBase64Async(copy.content_base64, copy.name, { isInline: false }, cb);
      }).then(function () {
        return officeCall(function (cb) { item.removeAttachmentAsync(attachment.id, cb); }).then(function () {
          return "";
        }, function () {
          return " Outlook could not remove the original: remove " + attachment.name + " yourself.";
        });
      }).then(function (leftOver) {
        var advice = Fixes.passwordAdvice(copy.password);
        var box = el("div", "protected");
        box.appendChild(el("p", null, attachment.name + " is replaced by a password-protected copy, " + copy.name + "." + leftOver));
        var line = el("p", null, "Password: ");
        line.appendChild(el("code", "password", advice.password));
        box.appendChild(line);
        box.appendChild(el("p", null, advice.instruction));
        container.appendChild(box);
        // The draft is changed: that is this scan's outcome (409: already recorded, the first one stands).
        return report("changed").catch(function () { return undefined; });
      });
    });
  }

  function protectAttachments(container) {
    var item = Office.context.mailbox.item;
    return officeCall(function (cb) { item.getAttachmentsAsync(cb); }).then(function (attachments) {
      Fixes.attachmentsToProtect(result.findings, attachments).forEach(function (a) {
        var detail = attachments.filter(function (x) { return x.id === a.id; })[0] || a;
        var row = el("div", "protect");
        row.appendChild(el("span", null, a.name + ": "));
        var outcome = el("div", "fix-result");
        var button = fixButton("Protect this file", function () { return protectAttachment(detail, outcome); }, outcome);
        button.setAttribute("aria-label", "Protect " + a.name);
        row.appendChild(button);
        row.appendChild(outcome);
        container.appendChild(row);
      });
    });
  }

  function render() {
    var list = document.getElementById("findings");
    list.textContent = "";
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
        } else if (kind === "protectAttachment") {
          protectAttachments(fixes);
        } else if (kind === "removeRecipient") {
          removeRecipients({ rule: f.rule, message: f.text }, fixes);
        }
      });
      list.appendChild(li);
    });
    setStatus(result.action === "block"
      ? "This email must be changed before it can be sent."
      : "Please check these points before you send this email.");
    var section = document.getElementById("choice");
    section.querySelector("fieldset").hidden = result.action === "block";
    document.getElementById("recorded").textContent = "";
    section.hidden = false;
  }

  /** The "What did you decide?" controls, wired once; they report on whichever scan is shown. */
  function wireChoice() {
    var reasons = document.getElementById("reasons");
    var recorded = document.getElementById("recorded");
    var sendAnyway = document.getElementById("sent-anyway");
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
  }

  function parsed(saved) {
    try {
      return saved ? JSON.parse(saved) : null;
    } catch (err) {
      return null;
    }
  }

  /** Shows the draft's last verdict; called when the pane opens and when a new Send check opens it again. */
  function show() {
    return loadLastScan().then(function (saved) {
      result = parsed(saved);
      if (!result || !result.findings || !result.findings.length) {
        document.getElementById("findings").textContent = "";
        document.getElementById("choice").hidden = true;
        setStatus("Nothing to show yet: SendGuard checks this email when you press Send.");
        return;
      }
      render();
    });
  }

  Office.onReady(function () {
    wireChoice();
    show();
    // A pane that is already open when the Send check's "Show details" is chosen gets the new scan's id
    // in InitializationContextChanged (Mailbox 1.15) instead of opening again: show that scan.
    var item = Office.context.mailbox.item;
    var changed = Office.EventType && Office.EventType.InitializationContextChanged;
    if (changed && typeof item.addHandlerAsync === "function") {
      item.addHandlerAsync(changed, function () { show(); }, function () { return undefined; });
    }
  });
})();
