"""A route class whose JSON bodies, when large, are parsed in a worker thread rather than on the event loop.

NOTE: FastAPI parses a JSON body with json.loads on the event loop; a draft of tens of
MB takes long enough there to stall every other request of the worker (/healthz included).
"""

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

# Below this a thread hand-off costs more than the parse.
OFF_LOOP_BYTES = 256 * 1024


class OffLoopJsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            self._json = await run_in_threadpool(json.loads, body) if len(body) > OFF_LOOP_BYTES else json.loads(body)
        return self._json


class OffLoopJsonRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def parse_off_loop(request: Request) -> Response:
            return await handler(OffLoopJsonRequest(request.scope, request.receive))

        return parse_off_loop
