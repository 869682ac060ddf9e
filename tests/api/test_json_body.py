"""Large JSON bodies are parsed off the event loop (issue 10, item 3)."""

import asyncio
import json

from service.api.json_body import OFF_LOOP_BYTES, OffLoopJsonRequest


def test_a_large_json_body_is_parsed_while_the_event_loop_keeps_running() -> None:
    body = json.dumps({"message": {"body": {"content": "é\\\"x" * 4_000_000}}}).encode()
    assert len(body) > OFF_LOOP_BYTES

    async def run() -> tuple[object, int]:
        sent = False

        async def receive() -> dict[str, object]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        request = OffLoopJsonRequest({"type": "http", "method": "POST", "path": "/v1/scan", "headers": []}, receive)
        ticks = 0
        parse = asyncio.ensure_future(request.json())
        while not parse.done():
            ticks += 1
            await asyncio.sleep(0)
        return parse.result(), ticks

    parsed, ticks = asyncio.run(run())
    assert parsed == json.loads(body)
    # The loop went round while the body was parsed; parsed on the loop itself it could not have.
    assert ticks > 1
