"""Effect surveys of companies and of learners who finished (アンケート, docs/programme.md P9)."""
