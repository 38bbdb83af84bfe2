"""Effect surveys of companies and of learners who finished (アンケート, PROGRAMME.md P9)."""
