"""Open edX XBlocks for Kagoshima Nihongo: thin adapters over ``curriculum``."""
