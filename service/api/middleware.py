"""ASGI middleware: a cap on request bodies, and one log line a request (no paths' values, no client address).

Sign-in, checked before any body is read, is in service/api/signin.py.
"""

import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping, Sequence
from typing import Any

from service.api import telemetry

log = logging.getLogger("service.api.requests")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def plain_answer(send: Send, status: int, detail: str, headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})


def route_path(scope: Scope) -> str:
    """The request's path below the app's root path (as the router matches it)."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    if root and path.startswith(root):
        return path[len(root):] or "/"
    return path


class BodyLimit:
    """Refuses a body over its route's limit with 413, by its Content-Length or as it streams in.

    The body is read here (it would be read whole by the route anyway) and replayed
    to the app, so a chunked upload cannot slip past the limit. Drafts (`large_paths`)
    may be up to `max_bytes`; every other body up to `other_max_bytes`.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, other_max_bytes: int | None = None,
                 large_paths: Iterable[str] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.other_max_bytes = max_bytes if other_max_bytes is None else min(other_max_bytes, max_bytes)
        self.large_paths = frozenset(large_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes if route_path(scope) in self.large_paths else self.other_max_bytes
        if limit >= 1024 * 1024:
            too_large = f"The request is larger than {limit // (1024 * 1024)} MB"
        else:
            too_large = f"The request is larger than {limit // 1024} KB"
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await plain_answer(send, 400, "The Content-Length header is not a number")
                    return
                if declared > limit:
                    telemetry.ERRORS.labels(kind="too_large").inc()
                    await plain_answer(send, 413, too_large)
                    return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                telemetry.ERRORS.labels(kind="too_large").inc()
                await plain_answer(send, 413, too_large)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class RequestLog:
    """Logs method, route template, status and duration; never the client address or query."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = scope.get("route")
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "route": getattr(route, "path", "unmatched"),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
