"""Issue 15, point 2, end to end: the curators choose a project's leader from its card and /moderate, with a reason
told to the people concerned; the stage moves (the idea's status follows) and shows on the idea page and in
/ideas's filter."""

from __future__ import annotations

import json

from bot.storage.projects import Help, Offer, Role, Stage
from fake_telegram import BotMessage, FakeTelegram, ScriptedGroup, ScriptedUser
from tests.support.in_process import InProcessBot
from tests.support.locale_text import button, ru
from tests.support.scenarios import curator_chat, onboarded, send_idea, write_idea

URBAN_LABEL = "🌳 Развитие городской среды"
IDEA = "Сделать общественный огород во дворе на улице Чкалова, с грядками для детей и пенсионеров."
PITCH_ANNA = "Пять лет веду садовые курсы в Оренбурге и знаю, где взять саженцы и инструмент."
PITCH_BORIS = "Живу в этом дворе, договорюсь с управляющей компанией и соберу соседей."
FORCE_REPLY = {"force_reply": True, "selective": True}
CONSENT = "2026-12-05"  # the contact consent's version Anna gave (bot/consent.py)


def stage(value: Stage) -> str:
    return ru(f"choose-stage-{value.value}")


async def reason_round(admin: ScriptedUser, group: ScriptedGroup, reason: str) -> BotMessage:
    """The reason's prompt (a reply the client opens by itself), answered; returns the fresh panel."""
    prompt = await group.expect_message()
    assert prompt.reply_markup == FORCE_REPLY
    await admin.send_in(group, reason, reply_to=prompt)
    return await group.expect_message()


async def test_curators_choose_replace_and_remove_a_leader(
    fake: FakeTelegram, bot: InProcessBot, admin: ScriptedUser
) -> None:
    repos = bot.dp["repos"]
    group = await curator_chat(fake, admin, -1001000015200, "Urban")
    author = await onboarded(fake, 15201, "Автор")
    anna = await onboarded(fake, 15202, "Анна", last_name="Садова", username="anna_garden")
    boris = await onboarded(fake, 15203, "Борис", last_name="Дворов", username="boris_yard")
    clara = await onboarded(fake, 15204, "Клара")
    number = await send_idea(author, await write_idea(author, IDEA))
    card = await group.expect_message()
    await admin.press(card, button("ru", "card-accept"))
    card = await group.expect_edit(card)
    assert card.buttons[-1] == [button("ru", "choose-btn-open")]
    assert (await author.expect_message()).text == ru("notify-accepted", number=number, direction=URBAN_LABEL)

    # Two residents offer to lead (Anna shows her contacts, Boris does not), one to help.
    await repos.projects.offer(number, anna.user_id, Role.LEADER, (), PITCH_ANNA, CONSENT)
    await repos.projects.offer(number, boris.user_id, Role.LEADER, (), PITCH_BORIS, None)
    await repos.projects.offer(number, clara.user_id, Role.MEMBER, (Help.HANDS,), None, None)

    # The card opens the project's panel: the stage, no leader, the counts, each pitch, first name only for Boris.
    await admin.press(card, button("ru", "choose-btn-open"))
    panel = await group.expect_message()
    assert ru("choose-panel-head", number=number) in panel.text
    assert ru("choose-panel-stage", stage=stage(Stage.SEEKING_LEADER)) in panel.text
    assert ru("choose-panel-no-leader") in panel.text
    assert ru("choose-panel-counts", applied=1, accepted=0, leaders=2) in panel.text
    assert ru("choose-panel-candidate", name="Анна Садова (@anna_garden)", pitch=PITCH_ANNA) in panel.text
    assert ru("choose-panel-candidate", name="Борис", pitch=PITCH_BORIS) in panel.text
    assert "Дворов" not in panel.text and "boris_yard" not in panel.text
    appoint_boris = button("ru", "choose-btn-appoint", name="Борис")
    assert [appoint_boris] in panel.buttons

    # Someone who is not staff cannot press it.
    refused = await clara.press(panel, appoint_boris)
    assert refused.show_alert and refused.text == ru("not-allowed")

    # Appoint Boris: the reason first (too short is refused), then both applicants are told.
    await admin.press(panel, appoint_boris)
    prompt = await group.expect_message()
    assert prompt.reply_markup == FORCE_REPLY
    assert "Борис" in prompt.text and f"№\u00a0{number}" in prompt.text
    await admin.send_in(group, "ок", reply_to=prompt)
    again = await group.expect_message()
    assert ru("reject-reply-hint") in again.text
    reason = "Живёт рядом и уже договорился с соседями"
    await admin.send_in(group, reason, reply_to=again)
    panel = await group.expect_message()
    assert panel.text.startswith(ru("choose-appointed", number=number, name="Борис"))
    assert ru("choose-panel-leader", name="Борис") in panel.text
    assert ru("choose-panel-stage", stage=stage(Stage.GATHERING_TEAM)) in panel.text
    assert ru("choose-panel-candidate-declined", name="Анна Садова (@anna_garden)", pitch=PITCH_ANNA) in panel.text
    assert (await boris.expect_message()).text == ru("choose-told-appointed", number=number, reason=reason)
    assert (await anna.expect_message()).text == ru("choose-told-not-chosen", number=number, reason=reason)

    # The idea page says the stage and the leader's first name.
    await clara.send_command("/start", payload=f"idea_{number}")
    page = await clara.expect_message()
    assert ru("choose-page-stage-leader", stage=stage(Stage.GATHERING_TEAM), name="Борис") in page.text

    # Replace Boris with Anna: she is told she leads, he that someone else does.
    await admin.press(panel, button("ru", "choose-btn-replace", name="Анна Садова (@anna_garden)"))
    why = "Борис просил передать проект"
    panel = await reason_round(admin, group, why)
    assert panel.text.startswith(ru("choose-appointed", number=number, name="Анна Садова (@anna_garden)"))
    assert (await anna.expect_message()).text == ru("choose-told-appointed", number=number, reason=why)
    assert (await boris.expect_message()).text == ru("choose-told-replaced", number=number, reason=why)

    # Into work: the idea's status follows, its author is told.
    result = await admin.press(panel, button("ru", "choose-btn-stage", stage=stage(Stage.IN_WORK)))
    assert result.text == ru("choose-stage-toast", number=number, stage=stage(Stage.IN_WORK))
    panel = await group.expect_edit(panel)
    assert ru("choose-panel-stage", stage=stage(Stage.IN_WORK)) in panel.text
    assert (await author.expect_message()).text == ru("notify-in_progress", number=number, direction=URBAN_LABEL)
    idea = await repos.ideas.get(number)
    assert idea is not None and idea.status == "in_progress"

    # Paused and resumed: back in work (the idea stays in progress, nobody is told twice).
    await admin.press(panel, button("ru", "choose-btn-stage", stage=stage(Stage.PAUSED)))
    panel = await group.expect_edit(panel)
    assert ru("choose-panel-stage", stage=stage(Stage.PAUSED)) in panel.text
    assert [button("ru", "choose-btn-resume")] in panel.buttons
    await admin.press(panel, button("ru", "choose-btn-resume"))
    panel = await group.expect_edit(panel)
    assert ru("choose-panel-stage", stage=stage(Stage.IN_WORK)) in panel.text

    # Remove the leader: the project looks for a leader again, its team intact; Anna is told why.
    led = panel
    await admin.press(led, button("ru", "choose-btn-remove"))
    gone = "Нет времени вести проект"
    panel = await reason_round(admin, group, gone)
    assert panel.text.startswith(ru("choose-removed", number=number))
    assert ru("choose-panel-no-leader") in panel.text
    assert (await anna.expect_message()).text == ru("choose-told-removed", number=number, reason=gone)
    project = await repos.projects.get(number)
    assert project is not None and project.leader_id is None and project.stage is Stage.SEEKING_LEADER
    helper = await repos.projects.offer_of(number, clara.user_id, Role.MEMBER)
    assert helper is not None and helper.status is Offer.APPLIED  # the team and its offers stay
    await clara.send_command("/start", payload=f"idea_{number}")
    page = await clara.expect_message()
    assert ru("choose-page-stage", stage=stage(Stage.SEEKING_LEADER)) in page.text and "Анна" not in page.text
    stale = await admin.press(led, button("ru", "choose-btn-remove"))  # an old panel's press changes nothing
    assert stale.show_alert and stale.text == ru("choose-already", number=number)

    # /ideas, filtered by the project's stage: the project looking for a leader is listed.
    await clara.send_command("/ideas")
    listing = await clara.expect_message()
    await clara.press(listing, button("ru", "public-btn-filter"))
    await clara.press(await clara.expect_edit(listing), button("ru", "choose-btn-by-stage"))
    stages = await clara.expect_edit(listing)
    await clara.press(stages, f"{stage(Stage.SEEKING_LEADER)} · 1")
    seeking = await clara.expect_edit(listing)
    assert ru("choose-filter-stage", stage=stage(Stage.SEEKING_LEADER)) in seeking.text
    assert f"№\u00a0{number}" in seeking.text
    await clara.press(seeking, button("ru", "public-btn-filter"))
    await clara.press(await clara.expect_edit(listing), button("ru", "choose-btn-by-stage"))
    await clara.press(await clara.expect_edit(listing), f"{stage(Stage.IN_WORK)} · 0")
    assert ru("public-list-empty") in (await clara.expect_edit(listing)).text

    # /moderate #N shows the same panel after the card (someone offered); there the reason is a plain message.
    await repos.projects.offer(number, clara.user_id, Role.LEADER, (), PITCH_BORIS, None)
    admin.chat.known = True
    await admin.send_command("/moderate", f"#{number}")
    await admin.expect_message()
    moderated = await admin.expect_message()
    assert ru("choose-panel-head", number=number) in moderated.text
    assert ru("choose-panel-stage", stage=stage(Stage.SEEKING_LEADER)) in moderated.text
    assert ru("choose-panel-counts", applied=1, accepted=0, leaders=1) in moderated.text  # who left is not counted
    await admin.press(moderated, button("ru", "choose-btn-appoint", name="Клара"))
    prompt = await admin.expect_message()
    assert prompt.reply_markup is None and "Клара" in prompt.text
    await admin.send("отмена")
    assert (await admin.expect_message()).text == ru("choose-cancelled", number=number)
    await admin.press(moderated, button("ru", "choose-btn-appoint", name="Клара"))
    await admin.expect_message()
    await admin.send("Единственная заявка, опыт есть")
    appointed = await admin.expect_message()
    assert appointed.text.startswith(ru("choose-appointed", number=number, name="Клара"))
    told = ru("choose-told-appointed", number=number, reason="Единственная заявка, опыт есть")
    assert (await clara.expect_message()).text == told

    await author.expect_no_message()  # told of the idea's progress once (not of the pause, nor of the leaders)

    # Every curator's step is in the audit log.
    entries = [e for e in reversed(await repos.audit.last(100)) if e.target == f"#{number}"]
    actions = [(e.action, json.loads(e.details or "{}").get("reason")) for e in entries if e.action.startswith("project")]
    assert actions == [
        ("project_leader", reason),
        ("project_leader", why),
        ("project_stage", None),
        ("project_stage", None),
        ("project_stage", None),
        ("project_leader_dropped", gone),
        ("project_leader", "Единственная заявка, опыт есть"),
    ]
    await admin.send_command("/audit")
    audit = (await admin.expect_message()).text
    assert ru("audit-action-project_leader") in audit and ru("audit-action-project_leader_dropped") in audit
    # Residents named by a project's entries: by first name only, never their last name or @username.
    assert "лидер: Борис" in audit and "Дворов" not in audit and "@boris_yard" not in audit
    assert stage(Stage.IN_WORK) in audit and str(boris.user_id) not in audit
    assert fake.refused == []
