"""The learning domain: items, the item bank, grading, review scheduling and drills.

Pure Python. Nothing here imports Django, XBlock, requests or pandas (a test enforces it), so the
same behaviour runs inside Open edX's XBlocks and inside the LTI tool.
"""
