"""One router a module."""
