"""Numbers for organizers: /stats (text and chart) and /export (CSV and XLSX)."""

from __future__ import annotations

from aiogram import Router

router = Router(name="stats")
