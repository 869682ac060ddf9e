"""Rules and the organisation file as administrators change them: stored versions, audit, reload.

The database holds every version; the rules/ folder only seeds it at first start.
"""
