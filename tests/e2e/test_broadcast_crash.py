"""A bot process killed with SIGKILL in the middle of a 2,000-recipient broadcast, twice, and restarted."""

from __future__ import annotations

from pathlib import Path

from fake_telegram import FakeTelegram, ScriptedUser
from tests.support.bot_process import ProcessBot
from tests.support.broadcast import compose, copies, db_counts, ru_number, send_to_all
from tests.support.seeding import seed_reachable
from tests.support.settings import ADMIN_ID

RECIPIENTS = 2000
BLOCKED = set(range(100_050, 102_000, 100))  # 20 residents who blocked the bot meanwhile: 403
ENV = {"BROADCAST_RATE": "400", "PROGRESS_INTERVAL": "0.5", "LOG_LEVEL": "WARNING"}


async def test_sigkill_mid_broadcast_loses_nothing_and_duplicates_at_most_one_per_kill(
    fake: FakeTelegram, db_path: Path, tmp_path: Path, admin: ScriptedUser
) -> None:
    ids = list(range(100_000, 100_000 + RECIPIENTS))
    users = await seed_reachable(fake, db_path, ids)
    for user_id in BLOCKED:
        users[user_id].chat.blocked = True

    bot = ProcessBot(fake, db_path, tmp_path / "bot.log", **ENV)
    await bot.start()
    audience = await compose(admin)
    progress = await send_to_all(admin, audience, expected=RECIPIENTS)

    kills = 0
    for threshold in (500, 1300):
        await fake.wait_for_request("copyMessage", after=threshold, timeout=30)
        await bot.kill()
        kills += 1
        await bot.start()

    report = await admin.expect_message(timeout=60)
    reachable = RECIPIENTS - len(BLOCKED)
    got = copies(fake, exclude=ADMIN_ID)
    assert set(got) == set(ids) - BLOCKED  # every reachable recipient got the message, no blocked one did
    duplicates = [user_id for user_id, n in got.items() if n > 1]
    assert len(duplicates) <= kills and all(got[u] == 2 for u in duplicates)

    counts = db_counts(db_path)
    assert counts == {"sent": reachable, "blocked": len(BLOCKED)}  # nothing pending, in flight or unknown
    assert report.text.startswith(
        f"Итог рассылки №\u00a01: доставлено {ru_number(reachable)} из {ru_number(RECIPIENTS)}. Заблокировали бота: 20,"
    )
    assert progress.text.startswith("✅ Рассылка №\u00a01 завершена")
    assert await bot.stop() == 0
    assert "Traceback" not in bot.log()
