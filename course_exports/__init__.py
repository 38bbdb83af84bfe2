"""Course builders: an Open edX course (OLX .tar.gz) and an IMS Common Cartridge with LTI links.

``plan`` holds one course plan per course (pure data); ``olx`` and ``cc`` render it; ``commands`` adds
``nihongo export olx|cc``.
"""
