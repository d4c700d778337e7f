"""Support Console: the desktop workplace of an exchange's support team."""

__version__ = "0.1.0"
