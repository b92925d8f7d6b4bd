"""The projects' buttons: a versioned prefix per flow ("pj" + the part's letter + version), actions as enums of
short wire codes. Each part appends its factories under its own heading."""

from __future__ import annotations
