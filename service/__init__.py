"""SendGuard: checks school and trust email for personal data at the moment of Send."""

__version__ = "0.1.0"
