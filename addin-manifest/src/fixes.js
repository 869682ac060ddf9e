/*
 * SendGuard task pane: the fixes, as pure functions (no Office.js, no DOM), so they
 * can be tested under Node. taskpane.js applies what these functions plan.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.SendGuardFixes = api;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // The closed list the service accepts (service/store/events.py SendAnywayReason), in plain words.
  var SEND_ANYWAY_REASONS = [
    { value: "recipient_entitled", label: "The recipients are entitled to see this information" },
    { value: "secure_channel", label: "It is going by a secure route (for example, encrypted email)" },
    { value: "consent_given", label: "The person it is about has agreed" },
    { value: "urgent_safeguarding", label: "It is urgent to keep a child safe" },
    { value: "not_personal_data", label: "SendGuard is mistaken: this is not personal data" },
    { value: "other", label: "Another reason" }
  ];
  var OUTCOMES = ["sent_anyway", "changed", "cancelled"];
  var NEUTRAL_SUBJECT = "Pupil query";

  // Which one-click fix helps with which rule (CONTRACT section 7).
  var FIXES_FOR_RULE = {
    "external-recipients-visible": ["moveToBcc"],
    "subject-personal-data": ["editSubject"],
    "password-in-message": ["passwordLine"],
    "unprotected-attachment-external": ["protectAttachment", "removeAttachment"],
    "ctf-attachment": ["removeAttachment"],
    "unscannable-attachment": ["removeAttachment"],
    "special-category-external": ["protectAttachment", "removeAttachment"],
    // CONTRACT section 8, misdirected email.
    "recipient-name-mismatch": ["removeRecipient"],
    "new-external-recipient": ["removeRecipient"],
    "recipient-address-changed": ["removeRecipient"],
    "attachment-about-someone-else": ["removeAttachment"]
  };
  // The recipient a misdirected-email finding is about can only be in To for a greeting mismatch
  // (CONTRACT section 8: greetings are matched against To only).
  var TO_ONLY_RULES = ["recipient-name-mismatch"];
  // The rules whose attachment SendGuard can replace with a password-protected copy (CONTRACT section 9).
  var PROTECTABLE_RULES = ["unprotected-attachment-external", "special-category-external"];
  // Outlook takes at most 100 recipients in one setAsync or addAsync call.
  var RECIPIENTS_PER_CALL = 100;

  /** The list in consecutive slices of at most `size`. */
  function inBatches(list, size) {
    var out = [];
    for (var i = 0; i < list.length; i += size) {
      out.push(list.slice(i, i + size));
    }
    return out;
  }

  function domainOf(address) {
    var at = String(address || "").lastIndexOf("@");
    return at < 0 ? "" : String(address).slice(at + 1).trim().toLowerCase().replace(/\.$/, "");
  }

  function inDomains(domain, domains) {
    return (domains || []).some(function (d) {
      d = String(d).toLowerCase();
      return domain === d || domain.slice(-(d.length + 1)) === "." + d;
    });
  }

  /** External means outside the trust's domains, whatever Outlook's recipientType says (CONTRACT section 5). */
  function isExternal(address, internalDomains) {
    return !inDomains(domainOf(address), internalDomains);
  }

  function sameAddress(a, b) {
    return String(a.emailAddress || "").toLowerCase() === String(b.emailAddress || "").toLowerCase();
  }

  /**
   * Moves external To and Cc recipients to Bcc so outsiders no longer see each other.
   * Recipients are Office.js EmailAddressDetails. When To would be empty the sender goes
   * in To, as Outlook needs one visible recipient in some clients.
   */
  function planMoveToBcc(recipients, internalDomains, sender) {
    var keepTo = [];
    var keepCc = [];
    var moved = [];
    (recipients.to || []).forEach(function (r) {
      (isExternal(r.emailAddress, internalDomains) ? moved : keepTo).push(r);
    });
    (recipients.cc || []).forEach(function (r) {
      (isExternal(r.emailAddress, internalDomains) ? moved : keepCc).push(r);
    });
    var bcc = (recipients.bcc || []).slice();
    moved.forEach(function (r) {
      if (!bcc.some(function (b) { return sameAddress(b, r); })) {
        bcc.push(r);
      }
    });
    if (keepTo.length === 0 && moved.length > 0 && sender && sender.emailAddress) {
      keepTo.push({ emailAddress: sender.emailAddress, displayName: sender.displayName || "" });
    }
    return { to: keepTo, cc: keepCc, bcc: bcc, moved: moved.length };
  }

  /** The masked forms quoted in a finding's message, e.g. "H************" or "O***** S****". */
  function maskedForms(text) {
    var out = [];
    var re = /\(([^()]*\*[^()]*)\)/g;
    var m;
    while ((m = re.exec(String(text || ""))) !== null) {
      m[1].split(/,\s*/).forEach(function (part) {
        if (part.indexOf("*") >= 0 && /[^*\s]/.test(part)) {
          out.push(part.trim());
        }
      });
    }
    return out;
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** A pattern that finds the original of a masked form: kept characters as they are, each * one character. */
  function patternForMask(mask) {
    var source = "";
    var stars = 0;
    function flush() {
      if (stars) { source += "[^\\s]{" + stars + "}"; stars = 0; }
    }
    for (var i = 0; i < mask.length; i += 1) {
      var ch = mask.charAt(i);
      if (ch === "*") {
        stars += 1;
      } else if (/\s/.test(ch)) {
        flush();
        source += "\\s+";
      } else {
        flush();
        source += escapeRegExp(ch);
      }
    }
    flush();
    return new RegExp("(^|[^\\w])" + source + "(?=$|[^\\w])", "gi");
  }

  function tidy(subject) {
    return subject
      .replace(/\(\s*\)|\[\s*\]/g, " ")
      .replace(/\s+([,.;:!?])/g, "$1")
      .replace(/([-\u2013\u2014:,;/]\s*){2,}/g, "$1")
      .replace(/\s{2,}/g, " ")
      .replace(/^[\s\-\u2013\u2014:,;/]+|[\s\-\u2013\u2014:,;/]+$/g, "")
      .trim();
  }

  /**
   * An edited subject with what the finding masked taken out. When too little is
   * left to say what the email is about, a neutral subject such as "Pupil query".
   */
  function suggestSubject(subject, findings) {
    var edited = String(subject || "");
    var removed = 0;
    (findings || []).forEach(function (f) {
      if (f.rule !== "subject-personal-data" && (f.locations || []).indexOf("subject") < 0) {
        return;
      }
      maskedForms(f.message).forEach(function (mask) {
        edited = edited.replace(patternForMask(mask), function (_all, lead) {
          removed += 1;
          return lead;
        });
      });
    });
    var prefix = /^((re|fw|fwd)\s*:\s*)+/i.exec(edited);
    var rest = tidy(prefix ? edited.slice(prefix[0].length) : edited);
    var meaningful = rest.replace(/[^A-Za-z]/g, "").length >= 3;
    var suggestion = (prefix ? prefix[0] : "") + (meaningful ? rest : NEUTRAL_SUBJECT);
    return { subject: suggestion, removed: removed, neutral: !meaningful };
  }

  var PASSWORD_LINE = /\b(password|passcode|passphrase|pass\s*word|pin(\s*(code|number))?)\b\s*(is|:|=|-)?/i;

  /** The body's lines that give a password, with the value masked, so the sender knows which line to delete. */
  function passwordLines(bodyText) {
    var lines = String(bodyText || "").split(/\r?\n/);
    var out = [];
    lines.forEach(function (line, index) {
      var m = PASSWORD_LINE.exec(line);
      if (!m) {
        return;
      }
      var after = line.slice(m.index + m[0].length);
      var masked = line.slice(0, m.index + m[0].length) + after.replace(/[^\s]/g, function (ch, i) {
        return i === after.search(/\S/) ? ch : "*";
      });
      out.push({ line: index + 1, text: masked.trim() });
    });
    return out;
  }

  /** Attachments the findings name ("attachment:<file name>"), matched to the draft's attachment ids. */
  function attachmentsToRemove(findings, attachments) {
    var names = {};
    (findings || []).forEach(function (f) {
      (f.locations || []).forEach(function (loc) {
        if (loc.indexOf("attachment:") === 0) {
          names[loc.slice("attachment:".length)] = f.rule;
        }
      });
    });
    return (attachments || []).filter(function (a) {
      return Object.prototype.hasOwnProperty.call(names, a.name);
    }).map(function (a) {
      return { id: a.id, name: a.name, rule: names[a.name] };
    });
  }

  function containsWords(text, words) {
    words = String(words || "").trim();
    if (words.length < 3) {
      return false;
    }
    return new RegExp("(^|[^\\w@.])" + escapeRegExp(words) + "(?=$|[^\\w@])", "i").test(text);
  }

  /**
   * The draft's recipients that a finding names, by address or display name (its message says
   * "You have not emailed s.hughes@gmail.com before." or "... this goes to Susan Hughes."):
   * the ones "Remove" takes out. `recipients` holds Office.js EmailAddressDetails per field.
   */
  function recipientsToRemove(finding, recipients) {
    var text = String((finding && finding.message) || "");
    var fields = TO_ONLY_RULES.indexOf(finding && finding.rule) >= 0 ? ["to"] : ["to", "cc", "bcc"];
    var out = [];
    fields.forEach(function (field) {
      ((recipients && recipients[field]) || []).forEach(function (r) {
        var address = String(r.emailAddress || "");
        var named = containsWords(text, address) || containsWords(text, r.displayName);
        var already = out.some(function (o) { return o.emailAddress.toLowerCase() === address.toLowerCase() && o.field === field; });
        if (named && !already) {
          out.push({ field: field, emailAddress: address, displayName: String(r.displayName || ""), rule: finding.rule });
        }
      });
    });
    return out;
  }

  /** The field's recipients without `target` (matched by address, any case). */
  function withoutRecipient(list, target) {
    return (list || []).filter(function (r) {
      return String(r.emailAddress || "").toLowerCase() !== String(target.emailAddress || "").toLowerCase();
    });
  }

  /** Attachments a protectable finding names: the ones "Protect this file" can replace. */
  function attachmentsToProtect(findings, attachments) {
    var protectable = (findings || []).filter(function (f) { return PROTECTABLE_RULES.indexOf(f.rule) >= 0; });
    return attachmentsToRemove(protectable, attachments);
  }

  /** What the sender is told with a new password: the policy's way to pass it on. */
  function passwordAdvice(password) {
    return {
      password: String(password),
      instruction: "Do not put this password in this email. When the recipient confirms they have received " +
        "the file, give them the password by phone or in a separate email."
    };
  }

  /** Each finding in plain words with its policy, its fix and the one-click fixes that apply. */
  function describeFindings(result) {
    var order = { block: 0, warn: 1, info: 2 };
    function rank(action) { return Object.prototype.hasOwnProperty.call(order, action) ? order[action] : 3; }
    return (result && result.findings ? result.findings : [])
      .slice()
      .sort(function (a, b) { return rank(a.action) - rank(b.action); })
      .map(function (f) {
        return {
          rule: f.rule,
          severity: f.action === "block" ? "Must be fixed" : f.action === "warn" ? "Check before sending" : "Tip",
          title: f.title,
          text: f.message,
          policy: f.policy || "",
          fix: f.fix || "",
          fixes: FIXES_FOR_RULE[f.rule] || []
        };
      });
  }

  /** The body of POST /v1/scans/{scan_id}/outcome; throws on anything the service would refuse. */
  function outcomeRequest(outcome, reason) {
    if (OUTCOMES.indexOf(outcome) < 0) {
      throw new Error("unknown outcome: " + outcome);
    }
    if (outcome !== "sent_anyway") {
      return { outcome: outcome };
    }
    var known = SEND_ANYWAY_REASONS.some(function (r) { return r.value === reason; });
    if (!known) {
      throw new Error("choose one of the listed reasons");
    }
    return { outcome: outcome, reason: reason };
  }

  return {
    SEND_ANYWAY_REASONS: SEND_ANYWAY_REASONS,
    NEUTRAL_SUBJECT: NEUTRAL_SUBJECT,
    isExternal: isExternal,
    planMoveToBcc: planMoveToBcc,
    maskedForms: maskedForms,
    suggestSubject: suggestSubject,
    passwordLines: passwordLines,
    attachmentsToRemove: attachmentsToRemove,
    recipientsToRemove: recipientsToRemove,
    withoutRecipient: withoutRecipient,
    attachmentsToProtect: attachmentsToProtect,
    passwordAdvice: passwordAdvice,
    inBatches: inBatches,
    RECIPIENTS_PER_CALL: RECIPIENTS_PER_CALL,
    describeFindings: describeFindings,
    outcomeRequest: outcomeRequest
  };
});
