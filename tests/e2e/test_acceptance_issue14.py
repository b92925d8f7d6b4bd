"""Acceptance of issue 14, point by point, as the people who use the bot would (exploration)."""

from __future__ import annotations

from tests.fake_telegram import FakeTelegram, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.scenarios import accept_consent, onboarded, send_idea, write_idea


def show(tag: str, m) -> None:  # type: ignore[no-untyped-def]
    print(f"[{tag}] {m.kind} {m.text!r} buttons={m.buttons}")


import asyncio


async def rest(user, tag):  # type: ignore[no-untyped-def]
    while True:
        try:
            m = await user.expect_message(timeout=0.4)
        except AssertionError:
            return
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


async def test_explore2(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    from tests.support.scenarios import curator_chat
    await admin.send_command("/start")
    await rest(admin, "admin")
    group = await curator_chat(fake, admin, -1001, "Кураторы среды")
    await rest(group, "group")
    a = await onboarded(fake, 5101, "Анна")
    n = await send_idea(a, await write_idea(a, "Поставить лавочки и урны вдоль улицы Советской, а то присесть негде.", photos=2, address="ул. Советская, 10", direction="Развитие городской среды"))
    await rest(a, "author")
    card = await see(group, "card", 3)
    await admin.press(card, "Отклонить")
    await rest(group, "after reject press")
    await rest(admin, "admin after reject press")
    await admin.send_in(group, "Нет")
    await rest(group, "after Нет no reply")
    await rest(a, "author after Нет")
    prompt = [m for m in group.inbox if "причину" in (m.text or "")][-1]
    print("MARKUP", prompt.reply_markup)
    await admin.send_in(group, "Нет", reply_to=prompt)
    await rest(group, "after Нет reply")
    await rest(a, "author")
    await admin.press(card, "Отклонить")
    prompt = await see(group, "prompt2")
    await admin.send_in(group, "Плохо", reply_to=prompt)
    await rest(group, "after short")
    prompt = [m for m in group.inbox if "причину" in (m.text or "")][-1]
    await admin.send_in(group, "Такое уже есть в плане благоустройства на следующий год.", reply_to=prompt)
    prev = await see(group, "preview")
    await rest(a, "author")
    await admin.press(prev, prev.buttons[0][0])
    await rest(group, "after send")
    await rest(a, "author")
    await a.send_command("/my")
    await rest(a, "/my")


async def test_explore3(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    from tests.support.scenarios import curator_chat
    await admin.send_command("/start")
    await rest(admin, "admin")
    group = await curator_chat(fake, admin, -1001, "Кураторы среды")
    a = await onboarded(fake, 5101, "Анна")
    n = await send_idea(a, await write_idea(a, "Поставить лавочки и урны вдоль улицы Советской, а то присесть негде.", photos=2, address="ул. Советская, 10", direction="Развитие городской среды"))
    await rest(a, "author")
    card = await see(group, "card", 3)
    await admin.press(card, "Принять")
    await rest(group, "g")
    await rest(a, "author")
    b = await onboarded(fake, 5102, "Boris", "en", territory="Orsk")
    b.drain()
    await b.send_command("/start", payload=f"idea_{n}")
    await rest(b, "B deep link")
    page = b.inbox[-1]
    for row in page.buttons:
        for lbl in row:
            if "upport" in lbl:
                await b.press(page, lbl)
                await rest(b, "B support")
    c = await onboarded(fake, 5103, "Вера")
    c.drain()
    await c.send_command("/start", payload=f"idea_{n}")
    await rest(c, "C deep link")
    page = c.inbox[-1]
    for lbl in [x for row in page.buttons for x in row]:
        if "Следить" in lbl:
            await c.press(page, lbl)
            await rest(c, "C follow")
    card = [m for m in group.inbox if m.buttons][-1]
    show("card now", card)
    await admin.press(card, "В работу")
    await rest(group, "g")
    await rest(a, "author")
    await rest(b, "B")
    await rest(c, "C")
    await c.send_command("/ideas")
    await rest(c, "C /ideas")
    await c.send("лавочки")
    await rest(c, "C search")
    await c.send_command("/settings")
    await rest(c, "C settings")
    await b.send_command("/settings")
    await rest(b, "B settings")


async def test_explore4(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser) -> None:
    from tests.support.scenarios import start_idea
    a = await onboarded(fake, 5201, "Анна")
    ask = await start_idea(a, "Поставить лавочки и урны вдоль улицы Советской, а то присесть негде.")
    show("photos ask", ask)
    await a.send("фото нет, пропустите")
    await rest(a, "after no photo")
    await a.send_command("/cancel")
    await rest(a, "cancel")
    ask = await start_idea(a, "Поставить лавочки и урны вдоль улицы Советской, а то присесть негде.")
    await a.send_document()
    await rest(a, "after doc")
    await a.send_photo()
    await rest(a, "after photo")
    await a.send("ул. Советская, 10")
    await rest(a, "text at photos step")
    sent = await a.send("Привет")
    await rest(a, "hi")
    await a.edit(sent, "Привет!!")
    await rest(a, "edited")
    await a.send_command("/language")
    lang = await see(a, "lang")
    await a.press(lang, lang.buttons[0][0])
    await rest(a, "lang chosen")
    show("lang msg now", lang)
    await a.send_location(51.77, 55.10)
    await rest(a, "location")


async def test_explore5(fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser, db_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3
    from tests.support.seeding import add_session, add_residents
    from tests.support.scenarios import start_idea
    sid = add_session(db_path, capacity=5)
    n = fake.user(5301, first_name="Нина", language_code="ru")
    await n.send_command("/start", payload=f"session_{sid}")
    await rest(n, "N session link")
    consent = [m for m in n.inbox if m.buttons][-1]
    await n.press(consent, consent.buttons[0][0])
    await rest(n, "N after consent")
    last = n.inbox[-1]
    if last.buttons:
        await n.press(last, last.buttons[0][0])
        await rest(n, "N after territory")
    last = n.inbox[-1]
    # old consent
    add_residents(db_path, [5302])
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE users SET consent_version = '2025-01-01' WHERE id = 5302")
    o = fake.user(5302, first_name="Олег", language_code="ru")
    o.chat.known = True
    await o.send_command("/ideas")
    await rest(o, "O old consent /ideas")
    await o.send_command("/privacy")
    await rest(o, "O privacy")
    # similar
    a = await onboarded(fake, 5303, "Анна")
    ask = await start_idea(a, "Благоустроить сквер у ДК металлургов в Орске, поставить лавочки и фонари.")
    show("similar", ask)
    await a.send_command("/delete_me")
    d = await see(a, "delete_me")
    await a.press(d, d.buttons[0][0])
    await rest(a, "deleted")
    await a.send_command("/my")
    await rest(a, "/my after delete")
    await admin.send_command("/stats")
    await rest(admin, "stats")
    await admin.send_command("/audit")
    await rest(admin, "audit")
