"""A stand-in for Microsoft Graph and the Entra token endpoint: HTTPS on 127.0.0.1 with a
self-signed certificate made for the test, answering the few calls SendGuard makes."""

import base64
import datetime
import ipaddress
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

TENANT = "11111111-2222-3333-4444-555555555555"
VERIFIED_DOMAINS = ["oakfield.sch.uk", "oakfield-academy.org.uk"]
STAFF_LIST = "staff-list@oakfield.sch.uk"
STAFF_LIST_MEMBERS = ["a.teacher@oakfield.sch.uk", "chair.governor@gmail.com"]
ITEM_ID = "AAMkAGI2TG93AAA="
ATTACHMENT_ID = "AAMkAGI2THVSAAA="
ATTACHMENT_NAME = "register.csv"
ATTACHMENT_BYTES = b"Name,UPN\nAmelia Hart,H801200001001\n"
# App-only mode: the signed-in user's own mailbox (by object id) and someone else's, holding a
# message with the same ids but another attachment.
OWN_MAILBOX = "user-1"
OTHER_MAILBOX = "head@oakfield.sch.uk"
OTHER_ATTACHMENT_BYTES = b"Name,Concern\nJoe Bloggs,child protection plan\n"
# Sent Items headers (Mail.ReadBasic.All): the head's 25 sent messages and one draft, in two pages.
SENT_MAILBOX = OTHER_MAILBOX
SENT_PAGE = 20


def sent_items() -> list[dict[str, object]]:
    now = datetime.datetime.now(datetime.UTC)
    items: list[dict[str, object]] = []
    for n in range(26):
        to = [{"emailAddress": {"name": "Sarah Jones", "address": "sarah.jones@oakfield.sch.uk"}}]
        if n % 5 == 0:
            to.append({"emailAddress": {"name": "Priya Patel", "address": "p.patel@kent.gov.uk"}})
        items.append({
            "id": f"sent-{n}", "isDraft": n == 25,
            "sentDateTime": (now - datetime.timedelta(days=n)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "from": {"emailAddress": {"name": "Head Teacher", "address": SENT_MAILBOX}},
            "toRecipients": to,
            "ccRecipients": [{"emailAddress": {"name": "Office", "address": "office@oakfield.sch.uk"}}],
            "bccRecipients": [],
        })
    return items


def make_certificate(folder: Path) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "graph-cert.pem", folder / "graph-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class GraphStandIn:
    def __init__(self, folder: Path) -> None:
        self.cert_path, key_path = make_certificate(folder)
        self.delay = 0.0
        self.token_requests: list[dict[str, str]] = []
        self.graph_requests: list[str] = []
        self.graph_queries: list[dict[str, list[str]]] = []
        self.issued = 0
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if self.path != f"/{TENANT}/oauth2/v2.0/token":
                    self._json(404, {"error": "not_found"})
                    return
                standin.token_requests.append(form)
                standin.issued += 1
                self._json(200, {"token_type": "Bearer", "expires_in": 3600, "ext_expires_in": 3600,
                                 "access_token": f"graph-token-{standin.issued}"})

            def do_GET(self) -> None:  # noqa: N802
                url = urlparse(self.path)
                if url.path == f"/{TENANT}/v2.0/.well-known/openid-configuration":
                    base = standin.base_url
                    self._json(200, {
                        "issuer": f"{base}/{TENANT}/v2.0",
                        "authorization_endpoint": f"{base}/{TENANT}/oauth2/v2.0/authorize",
                        "token_endpoint": f"{base}/{TENANT}/oauth2/v2.0/token",
                        "jwks_uri": f"{base}/{TENANT}/discovery/v2.0/keys",
                    })
                    return
                if not url.path.startswith("/v1.0/"):
                    self._json(404, {"error": {"code": "NotFound"}})
                    return
                if not (self.headers.get("authorization") or "").startswith("Bearer graph-token-"):
                    self._json(401, {"error": {"code": "InvalidAuthenticationToken"}})
                    return
                standin.graph_requests.append(url.path)
                standin.graph_queries.append(parse_qs(url.query))
                time.sleep(standin.delay)
                self._json(*standin.answer(unquote(url.path[len("/v1.0"):]), parse_qs(url.query)))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_path, key_path)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.base_url = f"https://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, object]:
        if path == "/organization":
            return 200, {"value": [{"id": "org-1", "verifiedDomains": [{"name": d} for d in VERIFIED_DOMAINS]}]}
        if path == "/groups":
            wanted = unquote(query.get("$filter", [""])[0])
            if wanted == f"mail eq '{STAFF_LIST}'":
                return 200, {"value": [{"@odata.type": "#microsoft.graph.group", "id": "group-1"}]}
            return 200, {"value": []}
        if path == "/groups/group-1/transitiveMembers":
            return 200, {"value": [{"@odata.type": "#microsoft.graph.user", "id": f"u{i}", "mail": m}
                                   for i, m in enumerate(STAFF_LIST_MEMBERS)]}
        for mailbox, content in (("/me", ATTACHMENT_BYTES), (f"/users/{OWN_MAILBOX}", ATTACHMENT_BYTES),
                                 (f"/users/{OTHER_MAILBOX}", OTHER_ATTACHMENT_BYTES)):
            if path == f"{mailbox}/messages/{ITEM_ID}/attachments":
                return 200, {"value": [{"@odata.type": "#microsoft.graph.fileAttachment", "id": ATTACHMENT_ID,
                                        "name": ATTACHMENT_NAME, "size": len(content)}]}
            if path == f"{mailbox}/messages/{ITEM_ID}/attachments/{ATTACHMENT_ID}":
                return 200, {"@odata.type": "#microsoft.graph.fileAttachment", "id": ATTACHMENT_ID,
                             "name": ATTACHMENT_NAME, "size": len(content),
                             "contentBytes": base64.b64encode(content).decode()}
        if path == f"/users/{SENT_MAILBOX}/mailFolders/sentitems/messages":
            start = int(query.get("$skiptoken", ["0"])[0])
            page: dict[str, object] = {"value": sent_items()[start:start + SENT_PAGE]}
            if start + SENT_PAGE < len(sent_items()):
                page["@odata.nextLink"] = (f"{self.base_url}/v1.0/users/{SENT_MAILBOX}/mailFolders/sentitems/messages"
                                           f"?$skiptoken={start + SENT_PAGE}")
            return 200, page
        return 404, {"error": {"code": "ResourceNotFound"}}
