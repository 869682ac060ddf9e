"""A stand-in for the Entra ID tenant's OpenID endpoints, over real HTTP on 127.0.0.1.

It publishes an OpenID configuration and a JWKS of real RSA keys, and signs real
tokens with them. Keys can be added (rotation) while it runs, and the key endpoint
can be made to hang or fail.
"""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

TENANT = "11111111-2222-3333-4444-555555555555"
OTHER_TENANT = "99999999-8888-7777-6666-555555555555"
API_CLIENT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"


class SigningKey:
    def __init__(self) -> None:
        self.kid = uuid.uuid4().hex
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        data.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return data


class IdentityProvider:
    def __init__(self) -> None:
        self.keys = [SigningKey()]
        self.jwks_requests = 0
        # Cleared: the key endpoint hangs until it is set again. fail_keys: it answers 503.
        self.keys_released = threading.Event()
        self.keys_released.set()
        self.fail_keys = False
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                if self.path.endswith("/.well-known/openid-configuration"):
                    body: dict[str, Any] = {
                        "issuer": f"{provider.base_url}/{{tenantid}}/v2.0",
                        "jwks_uri": f"{provider.base_url}/discovery/v2.0/keys",
                        "token_endpoint": f"{provider.base_url}/{TENANT}/oauth2/v2.0/token",
                        "authorization_endpoint": f"{provider.base_url}/{TENANT}/oauth2/v2.0/authorize",
                    }
                elif self.path == "/discovery/v2.0/keys":
                    provider.jwks_requests += 1
                    provider.keys_released.wait()
                    if provider.fail_keys:
                        self.send_response(503)
                        self.send_header("content-length", "0")
                        self.end_headers()
                        return
                    body = {"keys": [k.jwk() for k in provider.keys]}
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def openid_config_url(self) -> str:
        return f"{self.base_url}/{TENANT}/v2.0/.well-known/openid-configuration"

    def start(self) -> "IdentityProvider":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.keys_released.set()
        self.server.shutdown()
        self.server.server_close()

    def wait_for_jwks_requests(self, count: int, timeout: float = 30) -> None:
        """Until the key endpoint has been asked `count` times in all (hanging requests included)."""
        deadline = time.monotonic() + timeout
        while self.jwks_requests < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the key endpoint was asked {self.jwks_requests} times, not {count}")
            time.sleep(0.02)

    def rotate(self) -> SigningKey:
        """Publish a new key (the old ones stay published) and return it."""
        key = SigningKey()
        self.keys.append(key)
        return key

    def claims(self, **overrides: Any) -> dict[str, Any]:
        now = int(time.time())
        tenant = overrides.pop("tid", TENANT)
        claims: dict[str, Any] = {
            "aud": API_CLIENT_ID,
            "iss": f"{self.base_url}/{tenant}/v2.0",
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "tid": tenant,
            "oid": str(uuid.uuid4()),
            "scp": "access_as_user",
            "ver": "2.0",
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def token(self, key: SigningKey | None = None, headers: dict[str, Any] | None = None, **overrides: Any) -> str:
        key = key or self.keys[0]
        return jwt.encode(
            self.claims(**overrides), key.private, algorithm="RS256", headers={"kid": key.kid, **(headers or {})}
        )
