"""The dialect lesson's gettext catalogues (see catalogue.py)."""
