"""Acceptance of issue 14, point by point, as the people who use the bot would (exploration)."""

from __future__ import annotations

from tests.fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.scenarios import accept_consent, onboarded, send_idea, write_idea


def show(tag: str, m) -> None:  # type: ignore[no-untyped-def]
    print(f"[{tag}] {m.kind} {m.text!r} buttons={m.buttons}")


import asyncio


async def rest(user, tag):  # type: ignore[no-untyped-def]
    await asyncio.sleep(0.4)
    for m in user.drain():
        show(tag, m)


async def see(user, tag: str, n: int = 1):  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        m = await user.expect_message()
        show(tag, m)
        out.append(m)
    return out[-1]


async def test_explore(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    u = fake.user(5001, first_name="Анна", language_code="ru")
    _, ask = await accept_consent(u)
    show("ask", ask)
    await u.send_command("/idea")
    await see(u, "p1 /idea at territory")
    await see(u, "p1 next")
    # admin /start
    await admin.send_command("/start")
    await see(admin, "admin start")
    await rest(admin, "admin extra")
    # organizer add of someone who only pressed /start
    p = fake.user(5002, first_name="Пётр", language_code="ru")
    await p.send_command("/start")
    await see(p, "p start")
    await rest(p, "p extra")
    await admin.send_command("/organizers", "add 5002")
    await see(admin, "p2 add organizer")
    await rest(p, "p told")
    await p.send_command("/moderate")
    await see(p, "p2 /moderate")
    await rest(p, "p extra")
