"""The HTTP API of CONTRACT section 3."""
