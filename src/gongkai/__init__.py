"""gongkai — 政府信息公开: the annual report as data, and the work behind it."""

__version__ = "0.1.0"
