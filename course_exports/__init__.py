"""Course builders: an Open edX course (OLX .tar.gz) and an IMS Common Cartridge with LTI links.

Empty for now: the XBlocks issue adds ``nihongo export olx``. The package exists so the layout
matches DESIGN.md and imports have one home.
"""
