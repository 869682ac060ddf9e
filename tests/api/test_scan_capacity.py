"""Drafts beyond the detection threads and the waiting room are turned away (503), not queued forever."""

import asyncio
import threading
from typing import Any


from service.api.scanning import Busy, ScanContext, ScanService
from service.auth.principal import Principal
from service.scanner import Scanner
from service.schemas.scan import ScanRequest
from service.store.repository import Repository, make_engine
from service.store.writer import StoreWriter


class GatedScanner:
    """Holds every scan until released, so the test controls how many are in flight."""

    def __init__(self, real: Scanner) -> None:
        self.real = real
        self.organisation = real.organisation
        self.gate = threading.Event()

    def scan_with_facts(self, request: ScanRequest, sender: str | None = None) -> Any:
        self.gate.wait(10)
        return self.real.scan_with_facts(request, sender)


def test_scans_over_capacity_are_refused_and_the_rest_answered(scanner: Scanner) -> None:
    gated = GatedScanner(scanner)
    writer = StoreWriter(Repository(make_engine("sqlite://")))  # never started: events only queue
    service = ScanService(gated, writer, b"k" * 32, threads=1, max_waiting=2)  # type: ignore[arg-type]
    context = ScanContext(principal=Principal(tenant_id="t", object_id="o"))

    def draft(n: int) -> ScanRequest:
        return ScanRequest.model_validate({"message": {"subject": f"Draft {n}", "body": {"content": "Hello"}}})

    async def run() -> list[Any]:
        tasks = [asyncio.create_task(service.scan(draft(n), context)) for n in range(5)]
        await asyncio.sleep(0.2)
        gated.gate.set()
        return await asyncio.gather(*tasks, return_exceptions=True)

    try:
        results = asyncio.run(run())
    finally:
        service.close()
    refused = [r for r in results if isinstance(r, Busy)]
    answered = [r for r in results if not isinstance(r, BaseException)]
    assert len(refused) == 2 and len(answered) == 3
    assert writer.backlog == 3


