/*
 * SendGuard: the Send check (Outlook Smart Alerts, OnMessageSend).
 *
 * One plain script, no modules, no DOM: classic Outlook on Windows runs it in its
 * JavaScript-only runtime; the web, new Outlook and Mac load it from commands.html.
 * The service (`sendguard serve`) replaces the block between the config markers
 * with the administrator's settings when it serves this file.
 */
/* sendguard-config:start */
var SENDGUARD_CONFIG = {
  "apiBaseUrl": "",
  "apiScope": "",
  "clientId": "",
  "tenantId": "",
  "unreachableAction": "promptUser",
  "deadlineMs": 4000,
  "attachmentContentCapBytes": 4194304,
  "totalContentCapBytes": 16777216,
  "taskPaneCommandId": "msgComposeOpenPaneButton"
};
/* sendguard-config:end */

var SendGuard = (function () {
  "use strict";

  // Outlook on the web and new Outlook allow at most 3 concurrent calls of the item's async APIs
  // (getAsync, getAttachmentContentAsync and the like); every Office call below shares these slots.
  var MAX_CALLS_IN_FLIGHT = 3;
  var ERROR_MESSAGE_LIMIT = 500;
  var CANCEL_LABEL = "Show details"; // at most 20 characters
  var SESSION_KEY = "sendguard.lastScan";
  var FAILURE_KEY = "sendguard.failedAt";
  var FAILURE_MEMORY_MS = 15 * 60 * 1000;
  // Time kept back from the deadline for the scan itself once the draft is collected.
  var SCAN_RESERVE_MS = 1500;
  var STORE_GRACE_MS = 500;
  // Getting the item id may include saving the draft; it never eats into the scan's own time.
  var ITEM_ID_MS = 1000;
  var RECIPIENT_TYPES = { user: true, externalUser: true, distributionList: true, other: true };

  function TimeoutError(what) {
    this.name = "TimeoutError";
    this.message = what + " took too long";
  }

  function CheckFailed(kind, detail) {
    this.name = "CheckFailed";
    this.kind = kind; // "signin" | "timeout" | "unreachable" | "draft"
    this.message = detail || kind;
  }

  /** A promise for an Office.js callback-style call; rejects with the Office error. */
  function officeCall(start) {
    return new Promise(function (resolve, reject) {
      try {
        start(function (result) {
          if (result && result.status === "succeeded") {
            resolve(result.value);
          } else {
            reject((result && result.error) || new Error("Office call failed"));
          }
        });
      } catch (err) {
        reject(err);
      }
    });
  }

  /** The promise's value, or a TimeoutError once `ms` have passed. */
  function within(promise, ms, what, timers) {
    return new Promise(function (resolve, reject) {
      if (ms <= 0) {
        promise.catch(function () { return undefined; }); // given up on: its failure is no longer news
        reject(new TimeoutError(what));
        return;
      }
      var timer = timers.setTimeout(function () { reject(new TimeoutError(what)); }, ms);
      promise.then(
        function (value) { timers.clearTimeout(timer); resolve(value); },
        function (err) { timers.clearTimeout(timer); reject(err); }
      );
    });
  }

  /** Runs `work` over `items` with at most `limit` promises pending at once; results keep their order. */
  function mapLimited(items, limit, work) {
    var results = new Array(items.length);
    var next = 0;
    function worker() {
      if (next >= items.length) {
        return Promise.resolve();
      }
      var index = next;
      next += 1;
      return Promise.resolve()
        .then(function () { return work(items[index], index); })
        .then(function (value) { results[index] = value; })
        .then(worker);
    }
    var workers = [];
    for (var i = 0; i < Math.min(limit, items.length); i += 1) {
      workers.push(worker());
    }
    return Promise.all(workers).then(function () { return results; });
  }

  function recipient(details) {
    var out = { address: String(details.emailAddress || "") };
    if (details.displayName) {
      out.name = String(details.displayName);
    }
    if (RECIPIENT_TYPES[details.recipientType]) {
      out.type = details.recipientType;
    }
    return out;
  }

  /** officeCall with at most `limit` calls pending at once; the rest wait their turn in order. */
  function officeCallLimiter(limit) {
    var active = 0;
    var waiting = [];
    function pump() {
      while (active < limit && waiting.length) {
        active += 1;
        waiting.shift()();
      }
    }
    return function (start) {
      return new Promise(function (resolve, reject) {
        waiting.push(function () {
          officeCall(start).then(
            function (value) { active -= 1; pump(); resolve(value); },
            function (err) { active -= 1; pump(); reject(err); }
          );
        });
        pump();
      });
    };
  }

  function recipientsOf(field, call) {
    if (!field || typeof field.getAsync !== "function") {
      return Promise.resolve([]);
    }
    return call(function (cb) { field.getAsync(cb); }).then(function (list) {
      return (list || []).map(recipient);
    });
  }

  function optional(promise) {
    return promise.then(function (v) { return v; }, function () { return null; });
  }

  function base64Bytes(text) {
    return Math.floor((text.length * 3) / 4);
  }

  /** Attachments with content where Outlook gives it within the caps and the time; otherwise name, type and size. */
  function collectAttachments(item, config, deadline, clock, timers, call) {
    if (typeof item.getAttachmentsAsync !== "function") {
      return Promise.resolve({ list: [], withoutContent: 0 });
    }
    var budget = config.totalContentCapBytes;
    var withoutContent = 0;
    return call(function (cb) { item.getAttachmentsAsync(cb); }).then(function (details) {
      details = details || [];
      return mapLimited(details, MAX_CALLS_IN_FLIGHT, function (a) {
        var out = {
          name: String(a.name || "attachment"),
          content_type: a.contentType || null,
          size: typeof a.size === "number" ? a.size : null,
          is_inline: Boolean(a.isInline)
        };
        var wanted = a.attachmentType === "file" && !a.isInline && typeof a.size === "number" &&
          a.size <= config.attachmentContentCapBytes && a.size <= budget;
        var timeLeft = deadline - SCAN_RESERVE_MS - clock();
        if (!wanted || timeLeft <= 0 || typeof item.getAttachmentContentAsync !== "function") {
          if (!a.isInline) { withoutContent += 1; }
          return out;
        }
        budget -= a.size; // reserved before the call so three calls in flight cannot overrun it
        var content = call(function (cb) { item.getAttachmentContentAsync(a.id, cb); });
        return within(content, timeLeft, "attachment", timers).then(function (content) {
          if (content && content.format === "base64" && typeof content.content === "string" &&
              base64Bytes(content.content) <= config.attachmentContentCapBytes) {
            out.content_base64 = content.content;
          } else {
            withoutContent += 1;
          }
          return out;
        }, function () {
          withoutContent += 1; // Outlook could not return it: the service judges it or fetches it through Graph
          return out;
        });
      });
    }).then(function (list) {
      return { list: list, withoutContent: withoutContent };
    });
  }

  function flattenLabels(labels, out) {
    (labels || []).forEach(function (label) {
      if (label && label.id) { out.push(label); }
      flattenLabels(label && label.children, out);
    });
    return out;
  }

  /**
   * The label's name: Outlook gives the label's GUID, and the service compares names
   * ("Public", "General"). Where the catalogue cannot be read the GUID is passed on, so an
   * organisation file that lists label ids still matches.
   */
  function labelName(office, labelId, call) {
    var catalog = office.context && office.context.sensitivityLabelsCatalog;
    if (!labelId || !catalog || typeof catalog.getIsEnabledAsync !== "function" || typeof catalog.getAsync !== "function") {
      return Promise.resolve(labelId ? String(labelId) : null);
    }
    return call(function (cb) { catalog.getIsEnabledAsync(cb); }).then(function (enabled) {
      if (!enabled) { return String(labelId); }
      return call(function (cb) { catalog.getAsync(cb); }).then(function (labels) {
        var wanted = String(labelId).toLowerCase();
        var match = flattenLabels(labels, []).filter(function (l) { return String(l.id).toLowerCase() === wanted; })[0];
        return match && match.name ? String(match.name) : String(labelId);
      });
    }).catch(function () { return String(labelId); });
  }

  function isNotSaved(err) {
    var name = String((err && (err.name || err.code)) || "");
    return name === "ItemNotSaved" || name === "9012" || /not saved/i.test(String(err && err.message));
  }

  /**
   * The item's id as Microsoft Graph takes it. getItemIdAsync gives the EWS form (convertToRestId
   * makes the REST form), and an unsaved draft has no id until saveAsync. The draft is saved only
   * when the service must fetch an attachment itself.
   * NOTE: in classic Outlook's cached mode a just-saved draft reaches the server only when the
   * mailbox syncs; until then Graph answers "not found" and the service reports the attachment as
   * unscannable rather than passing it.
   */
  function restItemId(office, item, ms, timers, call) {
    var mailbox = office.context.mailbox;
    var id = call(function (cb) { item.getItemIdAsync(cb); }).catch(function (err) {
      if (!isNotSaved(err) || typeof item.saveAsync !== "function") { throw err; }
      return call(function (cb) { item.saveAsync(cb); });
    }).then(function (itemId) {
      if (!itemId) { throw new Error("no item id"); }
      var versions = office.MailboxEnums && office.MailboxEnums.RestVersion;
      if (typeof mailbox.convertToRestId === "function") {
        return mailbox.convertToRestId(itemId, (versions && versions.v2_0) || "v2.0");
      }
      return itemId;
    });
    return within(id, ms, "item id", timers).catch(function () { return null; });
  }

  /** The draft as a ScanRequest (CONTRACT section 2) plus the item id when the service must fetch attachments. */
  function collectDraft(office, config, deadline, clock, timers) {
    var item = office.context.mailbox.item;
    var call = officeCallLimiter(MAX_CALLS_IN_FLIGHT);
    var subject = call(function (cb) { item.subject.getAsync(cb); });
    var body = call(function (cb) { item.body.getAsync("html", cb); });
    var to = recipientsOf(item.to, call);
    var cc = recipientsOf(item.cc, call);
    var bcc = recipientsOf(item.bcc, call);
    var sender = item.from && typeof item.from.getAsync === "function"
      ? optional(call(function (cb) { item.from.getAsync(cb); })) : Promise.resolve(null);
    var label = item.sensitivityLabel && typeof item.sensitivityLabel.getAsync === "function"
      ? optional(call(function (cb) { item.sensitivityLabel.getAsync(cb); }).then(function (id) {
        return labelName(office, id, call);
      })) : Promise.resolve(null);
    var attachments = collectAttachments(item, config, deadline, clock, timers, call);
    return Promise.all([subject, body, to, cc, bcc, sender, label, attachments]).then(function (parts) {
      var message = {
        subject: parts[0] || "",
        body: { content: parts[1] || "", type: "html" },
        to: parts[2],
        cc: parts[3],
        bcc: parts[4],
        attachments: parts[7].list,
        sensitivity_label: parts[6] ? String(parts[6]) : null,
        flagged_confidential: false
      };
      if (parts[5] && parts[5].emailAddress) {
        message.from = recipient(parts[5]);
      }
      if (parts[7].withoutContent === 0 || typeof item.getItemIdAsync !== "function") {
        return { request: { message: message }, itemId: null };
      }
      return restItemId(office, item, Math.min(ITEM_ID_MS, deadline - SCAN_RESERVE_MS - clock()), timers, call)
        .then(function (itemId) { return { request: { message: message }, itemId: itemId }; });
    });
  }

  /**
   * Where NAA signs in: the trust's own tenant when the service names it (a single-tenant
   * registration accepts no other authority), else any work or school account.
   */
  function naaAuthority(config) {
    var tenant = String(config.tenantId || "").replace(/[^A-Za-z0-9.-]/g, "");
    return "https://login.microsoftonline.com/" + (tenant || "organizations");
  }

  /**
   * The default token: nested app authentication (MSAL, bundled into this file for classic
   * Outlook on Windows) wherever Outlook supports NestedAppAuth 1.1; Office single sign-on only
   * where it does not. Never a prompt: Send is no time to ask the sender to sign in.
   */
  function defaultTokenSource(office, globalScope) {
    var pca = null;
    function naaSupported() {
      var msal = globalScope.msal;
      var requirements = office.context && office.context.requirements;
      if (!msal || typeof msal.createNestablePublicClientApplication !== "function" ||
          !requirements || typeof requirements.isSetSupported !== "function") {
        return false;
      }
      try {
        return Boolean(requirements.isSetSupported("NestedAppAuth", "1.1"));
      } catch (err) {
        return false;
      }
    }
    function naa(config) {
      if (!pca) {
        pca = Promise.resolve().then(function () {
          return globalScope.msal.createNestablePublicClientApplication({
            auth: { clientId: config.clientId, authority: naaAuthority(config) }
          });
        });
        pca.catch(function () { pca = null; }); // try again at the next Send
      }
      return pca.then(function (app) {
        return app.acquireTokenSilent({ scopes: [config.apiScope] });
      }).then(function (result) { return result && result.accessToken; });
    }
    function officeSso() {
      return office.auth.getAccessToken({ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false });
    }
    return function (config) {
      return naaSupported() ? naa(config) : officeSso();
    };
  }

  function platformOf(office) {
    var diagnostics = office.context && office.context.diagnostics;
    return diagnostics && diagnostics.platform ? String(diagnostics.platform) : "other";
  }

  function postScan(deps, draft, token, deadline) {
    var config = deps.config;
    var headers = {
      "Content-Type": "application/json",
      "Authorization": "Bearer " + token,
      "X-Client-Platform": platformOf(deps.office)
    };
    if (draft.itemId) {
      headers["X-Sendguard-Item-Id"] = draft.itemId;
    }
    var controller = typeof deps.AbortController === "function" ? new deps.AbortController() : null;
    var options = { method: "POST", headers: headers, body: JSON.stringify(draft.request) };
    if (controller) {
      options.signal = controller.signal;
    }
    var call = Promise.resolve().then(function () {
      return deps.fetch(config.apiBaseUrl.replace(/\/+$/, "") + "/v1/scan", options);
    }).then(function (response) {
      if (response.status !== 200) {
        throw new CheckFailed(response.status === 401 || response.status === 403 ? "signin" : "unreachable",
          "the service answered " + response.status);
      }
      return response.json();
    }).then(function (result) {
      if (!result || ["allow", "warn", "block"].indexOf(result.action) < 0 || !Array.isArray(result.findings)) {
        throw new CheckFailed("unreachable", "the service's answer was not a verdict");
      }
      return result;
    });
    return within(call, deadline - deps.now(), "the check", deps.timers).catch(function (err) {
      if (controller) { controller.abort(); }
      if (err instanceof TimeoutError) { throw new CheckFailed("timeout", err.message); }
      if (err instanceof CheckFailed) { throw err; }
      throw new CheckFailed("unreachable", err && err.name);
    });
  }

  function clip(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit - 1) + "\u2026";
  }

  var RANK = { block: 3, warn: 2, info: 1, allow: 0 };

  function shownFindings(result) {
    return result.findings
      .filter(function (f) { return f.action === "warn" || f.action === "block"; })
      .sort(function (a, b) { return RANK[b.action] - RANK[a.action]; });
  }

  /** The policy's name and section, without the explanation after the colon (the task pane shows that). */
  function policySection(policy) {
    var text = String(policy || "");
    var colon = text.indexOf(":");
    return (colon > 0 ? text.slice(0, colon) : text).trim();
  }

  /** opening + middle + close within `limit` characters; only the middle is cut. */
  function fitted(opening, middle, close, separator, limit) {
    var room = limit - opening.length - close.length - 2 * separator.length;
    return opening + separator + clip(middle, Math.max(room, 1)) + separator + close;
  }

  /** Outlook's Smart Alerts features by Mailbox requirement set (absent requirements API: a current client). */
  function supports(office, version) {
    var requirements = office.context && office.context.requirements;
    if (!requirements || typeof requirements.isSetSupported !== "function") {
      return true;
    }
    try {
      return Boolean(requirements.isSetSupported("Mailbox", version));
    } catch (err) {
      return false;
    }
  }

  /** Text from the service shown as itself in the dialog's Markdown, never as formatting. */
  function escapeMarkdown(text) {
    return String(text).replace(/[\\`*_~[\]<>#|]/g, "\\$&");
  }

  /** One Markdown list item; Smart Alerts ends each list item with \r (and a new line is \n\n). */
  function markdownItem(title, policy) {
    return "- **" + escapeMarkdown(title) + "**" + (policy ? " \u2014 _" + escapeMarkdown(policy) + "_" : "") + "\r";
  }

  /**
   * The findings as a Markdown list within `room` characters. Whole items only, so no `**` or
   * `_` is left open; the first item alone is shortened (its title cut, its policy left out).
   */
  function markdownList(findings, room) {
    var lines = [];
    var used = 0;
    findings.forEach(function (f) {
      var line = markdownItem(f.title, policySection(f.policy));
      var extra = line.length;
      if (used + extra <= room) {
        lines.push(line);
        used += extra;
      }
    });
    if (!lines.length && findings.length) {
      var title = String(findings[0].title);
      var keep = title.length;
      var line = markdownItem(title, "");
      while (line.length > room && keep > 1) {
        keep = Math.max(1, keep - (line.length - room));
        line = markdownItem(clip(title, keep), "");
      }
      lines.push(line);
    }
    return lines.join(""); // as Microsoft's examples: "- one\r- two\r"
  }

  /** The Smart Alerts options for a verdict (CONTRACT section 4). */
  function verdictOptions(result, config, office) {
    if (result.action === "allow") {
      return { allowEvent: true };
    }
    // cancelLabel, commandId, contextData and sendModeOverride need Mailbox 1.14; the Markdown message 1.15.
    var current = supports(office, "1.14");
    var blocked = result.action === "block";
    var findings = shownFindings(result).slice(0, 3);
    var opening = blocked
      ? "SendGuard stopped this email: it must be changed before it can be sent."
      : "SendGuard found something to check before this email goes.";
    var close = current
      ? "Choose \u201c" + CANCEL_LABEL + "\u201d to see how to fix it."
      : "Open SendGuard from the ribbon to see how to fix it." +
        (blocked ? "" : " If Outlook offers no Send Anyway, change the email or ask IT to update Outlook.");
    var plain = findings.map(function (f) {
      var policy = policySection(f.policy);
      return f.title + (policy ? " (" + policy + ")" : "") + ".";
    });
    var options = {
      allowEvent: false,
      errorMessage: fitted(opening, plain.join(" "), close, " ", ERROR_MESSAGE_LIMIT)
    };
    if (supports(office, "1.15")) {
      var head = "**" + opening + "**";
      var room = ERROR_MESSAGE_LIMIT - head.length - close.length - 4;
      options.errorMessageMarkdown = head + "\n\n" + markdownList(findings, room) + "\n\n" + close;
    }
    if (current) {
      options.cancelLabel = CANCEL_LABEL;
      options.commandId = config.taskPaneCommandId;
      // Tells a task pane that is already open which scan to show (InitializationContextChanged).
      options.contextData = JSON.stringify({ scan_id: result.scan_id });
      if (!blocked) {
        options.sendModeOverride = promptUser(office);
      }
    }
    return options;
  }

  function promptUser(office) {
    var enums = office.MailboxEnums && office.MailboxEnums.SendModeOverride;
    return (enums && enums.PromptUser) || "promptUser";
  }

  var FAILURE_WORDS = {
    signin: "SendGuard could not sign you in",
    timeout: "SendGuard took too long to answer",
    unreachable: "SendGuard could not be reached",
    draft: "SendGuard could not read this email"
  };

  /** What the administrator chose for a check that could not run: never a silent pass, never a permanent block. */
  function failureOptions(kind, config, office, failedBefore) {
    var reason = FAILURE_WORDS[kind] || FAILURE_WORDS.unreachable;
    if (config.unreachableAction === "retryThenPrompt" && !failedBefore) {
      var retry = {
        allowEvent: false,
        errorMessage: reason + ", so this email was not checked. Press Send again in a moment to retry."
      };
      if (supports(office, "1.15")) {
        retry.errorMessageMarkdown = "**" + reason + "**, so this email was not checked.\n\nPress **Send** again in a moment to retry.";
      }
      return retry;
    }
    if (!supports(office, "1.14")) {
      // No sendModeOverride before Mailbox 1.14: the manifest's send mode decides whether Send Anyway is offered.
      return {
        allowEvent: false,
        errorMessage: reason + ", so this email was not checked. Press Send again in a moment; if Outlook " +
          "offers Send Anyway, check the email yourself for personal data first."
      };
    }
    var options = {
      allowEvent: false,
      errorMessage: reason + ", so this email was not checked. Check it yourself for personal data " +
        "before you choose Send anyway.",
      sendModeOverride: promptUser(office)
    };
    if (supports(office, "1.15")) {
      options.errorMessageMarkdown = "**" + reason + "**, so this email was not checked.\n\nCheck it yourself for " +
        "personal data before you choose **Send anyway**.";
    }
    return options;
  }

  function sessionData(office) {
    var item = office.context.mailbox.item;
    var data = item && item.sessionData;
    return data && typeof data.setAsync === "function" ? data : null;
  }

  /**
   * Keeps a value with this draft (session data) for the task pane.
   * NOTE: never in roaming settings: they belong to the mailbox, not the draft, so the task pane
   * of another draft would show this one's findings.
   */
  function remember(deps, key, value, ms) {
    var data = sessionData(deps.office);
    if (!data) {
      return Promise.resolve();
    }
    var write = officeCall(function (cb) { data.setAsync(key, value, cb); });
    return within(write, ms, "saving", deps.timers).catch(function () { return undefined; });
  }

  function recall(deps, key, ms) {
    var data = sessionData(deps.office);
    if (!data || typeof data.getAsync !== "function") {
      return Promise.resolve(null);
    }
    return within(officeCall(function (cb) { data.getAsync(key, cb); }), ms, "reading", deps.timers)
      .catch(function () { return null; });
  }

  /** What the task pane needs: masked findings only, never the draft's text. */
  function savedResult(result, clock) {
    return JSON.stringify({
      scan_id: result.scan_id,
      action: result.action,
      summary: clip(String(result.summary || ""), 2000),
      findings: result.findings.slice(0, 30).map(function (f) {
        return { rule: f.rule, action: f.action, title: f.title, message: f.message,
          locations: f.locations, policy: f.policy || "", fix: f.fix || "" };
      }),
      checked_at: clock()
    });
  }

  /** The OnMessageSend handler, with every outside dependency passed in so tests can drive it. */
  function createHandler(deps) {
    var timers = deps.timers;
    var now = deps.now;
    return function onMessageSendHandler(event) {
      var config = deps.config;
      var started = now();
      var deadline = started + config.deadlineMs;
      // Saving for the task pane may run a little past the scan's deadline, still well inside Outlook's 5 seconds.
      var storeBy = deadline + STORE_GRACE_MS;
      var retrying = config.unreachableAction === "retryThenPrompt";
      var tokenPromise = within(Promise.resolve().then(function () { return deps.getToken(config); }),
        deadline - now() - 200, "sign-in", timers).then(function (token) {
        if (!token) { throw new Error("no token"); }
        return token;
      }).catch(function (err) {
        throw new CheckFailed(err instanceof TimeoutError ? "timeout" : "signin", err && err.message);
      });
      tokenPromise.catch(function () { return undefined; }); // handled below; avoid an unhandled rejection
      var collected = Promise.resolve().then(function () {
        return collectDraft(deps.office, config, deadline, now, timers);
      }).catch(function (err) {
        throw new CheckFailed("draft", err && err.message);
      });
      return Promise.all([collected, tokenPromise]).then(function (parts) {
        return postScan(deps, parts[0], parts[1], deadline);
      }).then(function (result) {
        var options = verdictOptions(result, config, deps.office);
        var saving = options.allowEvent ? Promise.resolve()
          : remember(deps, SESSION_KEY, savedResult(result, now), storeBy - now());
        return saving.then(function () {
          return retrying ? remember(deps, FAILURE_KEY, "", storeBy - now()) : undefined;
        }).then(function () { return options; });
      }).catch(function (err) {
        var kind = err instanceof CheckFailed ? err.kind : "unreachable";
        if (!retrying) {
          return failureOptions(kind, config, deps.office, true);
        }
        return recall(deps, FAILURE_KEY, (storeBy - now()) / 2).then(function (lastFailure) {
          var failedBefore = Boolean(lastFailure) && now() - Number(lastFailure) < FAILURE_MEMORY_MS;
          return remember(deps, FAILURE_KEY, String(now()), storeBy - now()).then(function () {
            // Without session data the failure cannot be remembered: let the sender choose rather than block.
            return failureOptions(kind, config, deps.office, failedBefore || !sessionData(deps.office));
          });
        });
      }).then(function (options) {
        event.completed(options);
        return options;
      });
    };
  }

  /** fetch where the runtime has it; otherwise the same call over XMLHttpRequest. */
  function httpClient(globalScope) {
    if (typeof globalScope.fetch === "function") {
      return function (url, options) { return globalScope.fetch(url, options); };
    }
    return function (url, options) {
      return new Promise(function (resolve, reject) {
        var xhr = new globalScope.XMLHttpRequest();
        xhr.open(options.method, url, true);
        Object.keys(options.headers).forEach(function (name) { xhr.setRequestHeader(name, options.headers[name]); });
        xhr.onload = function () {
          var text = xhr.responseText;
          resolve({ status: xhr.status, json: function () { return Promise.resolve().then(function () { return JSON.parse(text); }); } });
        };
        xhr.onerror = function () { reject(new Error("network error")); };
        if (options.signal) {
          options.signal.addEventListener("abort", function () { xhr.abort(); });
        }
        xhr.send(options.body);
      });
    };
  }

  function defaultDeps(globalScope) {
    var office = globalScope.Office;
    return {
      office: office,
      config: globalScope.SENDGUARD_CONFIG,
      fetch: httpClient(globalScope),
      AbortController: globalScope.AbortController,
      getToken: defaultTokenSource(office, globalScope),
      now: function () { return Date.now(); },
      timers: {
        setTimeout: function (fn, ms) { return globalScope.setTimeout(fn, ms); },
        clearTimeout: function (id) { return globalScope.clearTimeout(id); }
      }
    };
  }

  return {
    createHandler: createHandler,
    defaultDeps: defaultDeps,
    verdictOptions: verdictOptions,
    failureOptions: failureOptions,
    mapLimited: mapLimited,
    MAX_CALLS_IN_FLIGHT: MAX_CALLS_IN_FLIGHT,
    SESSION_KEY: SESSION_KEY
  };
})();

(function (globalScope) {
  "use strict";
  if (globalScope.Office && globalScope.Office.actions && typeof globalScope.Office.actions.associate === "function") {
    var handler = SendGuard.createHandler(SendGuard.defaultDeps(globalScope));
    globalScope.Office.actions.associate("onMessageSendHandler", handler);
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
