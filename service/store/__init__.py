"""The intercept store: one row per scan and per outcome, counts and keyed hashes only."""
