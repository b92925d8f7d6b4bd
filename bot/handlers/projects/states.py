"""The projects' dialogue states. Each part appends its groups under its own heading."""

from __future__ import annotations
