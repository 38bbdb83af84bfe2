from .harness import demo, sent_to_platform  # noqa: F401  (fixtures)
