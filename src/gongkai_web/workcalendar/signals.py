"""Sent when a year of the holiday arrangement is stored, so deadlines computed over it can follow."""

from django.dispatch import Signal

# Sent inside the storing transaction with ``year`` (an int).
year_stored = Signal()
