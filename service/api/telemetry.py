"""Prometheus metrics of the service (per process; see service.app for several workers)."""

from prometheus_client import Counter, Gauge, Histogram

SCANS = Counter("sendguard_scans_total", "Drafts scanned, by verdict", ["action"])
FINDINGS = Counter("sendguard_findings_total", "Findings shown, by rule and action", ["rule", "action"])
CACHE_HITS = Counter("sendguard_scan_cache_hits_total", "Repeats of a draft answered from the cache")
SCAN_SECONDS = Histogram(
    "sendguard_scan_seconds",
    "Time to answer POST /v1/scan",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0),
)
ERRORS = Counter("sendguard_errors_total", "Errors, by kind", ["kind"])
OUTCOMES = Counter("sendguard_outcomes_total", "What senders did after a verdict", ["outcome"])
# Protect this file: copies made, and files refused (a count only; nothing about the file).
PROTECTIONS = Counter("sendguard_protections_total", "Protect this file requests, by result", ["result"])
STORE_BACKLOG = Gauge("sendguard_store_backlog", "Intercepts waiting to be written to the store", multiprocess_mode="livesum")
STORE_DROPPED = Counter("sendguard_store_dropped_total", "Intercepts dropped because the store buffer was full")
GRAPH_FAILURES = Counter("sendguard_graph_failures_total", "Microsoft Graph lookups that failed or timed out", ["call"])
