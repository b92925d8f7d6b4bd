"""The projects' keyboards: pure functions of what they show. Each part appends its builders under its own
heading."""

from __future__ import annotations
