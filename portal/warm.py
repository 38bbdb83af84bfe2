"""What a server process does once before its first request: load the item bank, then freeze the heap.

Loading the bank (about 14,000 items) at start keeps the first learner's request from paying for it.
``gc.freeze()`` then moves everything alive (Django, the bank, the apps) out of the garbage
collector's sight: those objects live as long as the process, and a full collection that scanned them
paused a request for about 100 ms now and then (benchmarks/profile_answer.py showed it). Under
gunicorn's ``--preload`` the frozen pages are also shared between workers instead of copied.
"""

from __future__ import annotations

import gc


def warm_up() -> None:
    from curriculum.bank import default_bank

    default_bank()
    gc.collect()
    gc.freeze()
