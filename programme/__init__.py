"""The programme (docs/programme.md): its registry, the entry form and the prefecture's
decisions, quotas and the places ledger, accounts, the outbox, surveys, the question log, operations.

Rules are pure functions (``quota``, ``inactivity``); the ORM stays at the edge. Imports only ``curriculum``.
"""
