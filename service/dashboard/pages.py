"""The data inventory page, rendered from the inventory (itself read from the table definitions)."""

from html import escape

from service.dashboard.inventory import Inventory


def privacy_page(inventory: Inventory) -> str:
    sections = []
    for table in inventory.tables:
        rows = "".join(
            f"<tr><td><code>{escape(c.name)}</code></td><td>{escape(c.type)}</td>"
            f"<td>{'yes' if c.may_be_empty else 'no'}</td><td>{escape(c.description)}</td></tr>"
            for c in table.columns
        )
        sections.append(
            f'<section class="table" data-table="{escape(table.name)}"><h2>Table <code>{escape(table.name)}</code></h2>'
            f"<p>{escape(table.purpose)}</p>"
            "<table><thead><tr><th>Column</th><th>Type</th><th>May be empty</th><th>What it holds</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>"
        )
    never = "".join(f"<li>{escape(item)}</li>" for item in inventory.never_stored)
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SendGuard: what is stored</title>
<link rel="stylesheet" href="/dashboard/static/dashboard.css">
</head>
<body>
<header><h1>SendGuard: what is stored</h1>
<nav><a href="/dashboard">Dashboard</a></nav></header>
<main>
<p>This page is generated from the store's table definitions, so it lists every column SendGuard
keeps. Nothing else about an email is written anywhere.</p>
<section id="retention"><h2>How long it is kept</h2>
<p>Rows are deleted automatically <strong data-retention-days="{inventory.retention_days}">{inventory.retention_days}
days</strong> after they were recorded (the <code>SENDGUARD_RETENTION_DAYS</code> setting). The purge runs
when the service starts and every six hours after. This applies to the <code>scans</code> and
<code>outcomes</code> tables and to the recipient history (<code>history_sender_days</code>,
<code>history_recipients</code>: days and recipients not written to within the period are deleted);
recipients of a warned draft (<code>history_pending</code>) are deleted within a day. The history of
rule changes is kept as the audit trail of who changed what.</p></section>
<section id="never"><h2>Never stored</h2><ul>{never}</ul></section>
{''.join(sections)}
<section id="requests"><h2>Subject access and erasure</h2>
<p>Rows are linked to a sender only by a keyed hash of their address. The DPO can export or erase every
row for one sender with <code>GET</code> or <code>DELETE /v1/dpo/subjects/&lt;address or hash&gt;</code>;
the address is hashed with the trust's key and is not kept. This includes the recipient history: the
person's own (whom they wrote to, as hashes) and the rows where someone else wrote to them.</p></section>
</main>
</body>
</html>
"""
