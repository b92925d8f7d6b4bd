"""Issue 4 — placeholder, filled by its owner."""

from aiogram import Router

router = Router(name="sessions")
