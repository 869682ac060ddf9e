"""The data inventory: every column of every table of the store, read from the table definitions.

The descriptions are kept here by column name; a column without one is shown as
"not described" and fails the tests, so the page cannot silently fall behind the tables.
"""

from pydantic import BaseModel

from service.store.models import Base

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "scans": {
        "scan_id": "A random identifier of the check (a ULID, which also encodes its time).",
        "created_at": "When the draft was checked (UTC).",
        "action": "The verdict: allow, info, warn or block.",
        "rules_fired": "The ids of the rules that fired, e.g. personal-data-external.",
        "shadow_rules": "The ids of rules in shadow mode that would have fired (never shown to staff).",
        "entity_counts": "How many items of each kind of personal data were found, e.g. {\"PERSON\": 2}. "
                         "Counts only: never the values.",
        "internal_recipients": "How many recipients were inside the trust.",
        "external_recipients": "How many recipients were outside the trust.",
        "secure_recipients": "How many recipients were at a secure partner.",
        "attachment_count": "How many attachments the draft had.",
        "client_platform": "Which Outlook the check came from (PC, Mac, OfficeOnline, iOS, Android, Universal, other).",
        "latency_ms": "How long the check took, in milliseconds.",
        "sender_hash": "A keyed hash (HMAC-SHA256) of the sender's address. It cannot be reversed without the "
                       "trust's key; the address itself is never stored.",
        "from_cache": "Whether the verdict was reused from an identical draft checked moments before.",
        "unit": "The sender's school or department: the name of a unit in the organisation file whose domain "
                "matches the sender's address, or \"unmapped\". A name the trust chose, not the sender's "
                "address; empty for checks recorded before this column existed.",
        "principal_hash": "A keyed hash (HMAC-SHA256) of the signed-in account that asked for the check (its "
                          "tenant and Entra ID object id), so that only that account can report what it did next. "
                          "It cannot be reversed without the trust's key; empty for checks recorded before this "
                          "column existed.",
    },
    "outcomes": {
        "outcome_id": "A random identifier of the outcome.",
        "scan_id": "The check this outcome follows (one outcome per check).",
        "created_at": "When the sender acted (UTC).",
        "outcome": "What the sender did next: changed, cancelled or sent_anyway.",
        "reason": "Why it was sent anyway, from a fixed list (no free text): recipient_entitled, secure_channel, "
                  "consent_given, urgent_safeguarding, not_personal_data, other.",
    },
    "history_sender_days": {
        "sender_hash": "A keyed hash (HMAC-SHA256) of the sender's address, as in the scans table.",
        "day": "A day (UTC) on which the sender sent messages.",
        "messages": "How many messages the sender sent that day (from the add-in's reports and from imported sent "
                    "mail). Below 20 in all, the misdirected-email checks stay silent for that sender.",
    },
    "history_recipients": {
        "sender_hash": "A keyed hash (HMAC-SHA256) of the sender's address.",
        "address_hash": "A keyed hash of a recipient's address (the same hash the address would have as a sender). "
                        "The address itself is never stored.",
        "name_hash": "A keyed hash of the display name the recipient had (case and spacing ignored), or empty when "
                     "there was none. The name itself is never stored.",
        "domain_hash": "A keyed hash of the recipient's domain, so a check can say \"you usually write to this name "
                       "at oakfield.sch.uk\" only when the draft itself offers that domain.",
        "messages": "How many messages the sender sent to this address under this name.",
        "first_sent_at": "When the sender first wrote to it (UTC; moved up to the start of the retention period "
                         "when older).",
        "last_sent_at": "When the sender last wrote to it (UTC).",
    },
    "history_pending": {
        "scan_id": "The check of a warned draft whose recipients these are.",
        "address_hash": "A keyed hash of a recipient's address.",
        "name_hash": "A keyed hash of the recipient's display name, or empty.",
        "sender_hash": "A keyed hash of the sender's address.",
        "domain_hash": "A keyed hash of the recipient's domain.",
        "created_at": "When the draft was checked (UTC). Deleted when the sender reports what they did (counted "
                      "in the history only if they sent it anyway) or after a day without a report.",
    },
    "rule_versions": {
        "version_id": "A running number of the change.",
        "kind": "What was changed: a rule or the organisation file.",
        "name": "The rule's id, or \"organisation\".",
        "version": "The version number of that rule or file.",
        "change": "What kind of change: seed, create, update, enable, disable, shadow or delete.",
        "yaml_text": "The rule or organisation file as written by the administrator: rules and domains, not "
                     "mail. The organisation file includes the DPO contact details written in it.",
        "status": "The rule's status after the change: enabled, shadow or disabled.",
        "created_at": "When the change was made (UTC).",
        "actor": "Who made it: the administrator's Entra ID object id (or the local account for the "
                 "command line). An identifier, not a name.",
        "reason": "The reason the administrator gave for the change (free text written by the administrator).",
        "diff": "What changed, line by line, in the rule or organisation file.",
    },
    "rulebook_state": {
        "id": "Always 1: the table has a single row.",
        "generation": "A counter that goes up with every rule change, so that every worker notices it.",
    },
}

TABLE_PURPOSE = {
    "scans": "One row for each draft checked when Send was pressed.",
    "outcomes": "What the sender did after a warning or block.",
    "history_sender_days": "Recipient history: how many messages each sender sent each day, so that the "
                           "misdirected-email checks know who has enough history to judge by.",
    "history_recipients": "Recipient history: who each sender has written to, as keyed hashes only, with counts and "
                          "first and last dates. Used to warn when a draft goes to someone new outside the trust or "
                          "to a familiar name at an unfamiliar address.",
    "history_pending": "Recipients of a warned draft (keyed hashes), held until the sender says whether they sent "
                       "it anyway.",
    "rule_versions": "Every version of every rule and of the organisation file: the audit trail of rule changes.",
    "rulebook_state": "Which version of the rules is in force, for the service's own workers.",
}

NEVER_STORED = [
    "the subject line, the body or any attachment's content",
    "file names",
    "email addresses or names of the sender or recipients",
    "any value that was found (a name, a number, an address): findings are shown to the sender masked and then "
    "forgotten",
    "free-text reasons for sending anyway",
]


class InventoryColumn(BaseModel):
    name: str
    type: str
    may_be_empty: bool
    description: str


class InventoryTable(BaseModel):
    name: str
    purpose: str
    columns: list[InventoryColumn]


class Inventory(BaseModel):
    tables: list[InventoryTable]
    never_stored: list[str]
    retention_days: int


def data_inventory(retention_days: int) -> Inventory:
    tables = []
    known = list(DESCRIPTIONS)
    ordered = sorted(Base.metadata.sorted_tables,
                     key=lambda t: (known.index(t.name) if t.name in known else len(known), t.name))
    for table in ordered:
        described = DESCRIPTIONS.get(table.name, {})
        columns = [
            InventoryColumn(name=c.name, type=str(c.type).lower(), may_be_empty=bool(c.nullable),
                            description=described.get(c.name, "not described"))
            for c in table.columns
        ]
        tables.append(InventoryTable(name=table.name, purpose=TABLE_PURPOSE.get(table.name, "not described"),
                                     columns=columns))
    return Inventory(tables=tables, never_stored=NEVER_STORED, retention_days=retention_days)
