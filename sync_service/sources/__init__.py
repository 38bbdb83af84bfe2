"""Connectors: each reads one host's records into the same shape (``ActivityEvent``)."""
