"""Property-based requests generated from the service's own OpenAPI document: no 5xx, ever.

Schemathesis's pytest plugin does not yet run under this pytest, so its Hypothesis
strategies are used directly, one operation at a time.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.api.conftest import Server

EXAMPLES_PER_OPERATION = 30


def test_no_server_errors_on_generated_requests(server: Server) -> None:
    schema = schemathesis.openapi.from_url(f"{server.base_url}/openapi.json")
    # A token with every role, so generated inputs reach the routes' own code.
    headers = server.user_headers(roles=["SendGuard.Admin", "SendGuard.DPO"])
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert {op.path for op in operations} >= {"/v1/scan", "/v1/scans/{scan_id}/outcome", "/v1/protect"}
    statuses: dict[str, list[int]] = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def call(case: schemathesis.Case) -> None:
            response = case.call_and_validate(
                base_url=server.base_url, headers=headers, checks=[not_a_server_error], timeout=30
            )
            statuses.setdefault(operation.path, []).append(response.status_code)

        call()
    # The generated drafts reached detection, not only validation.
    assert 200 in statuses["/v1/scan"]
    assert sum(len(s) for s in statuses.values()) >= len(operations) * 5
