"""/stats: the numbers as one HTML message and as a PNG chart (no Telegram needed to test either).

The chart is drawn with Pillow and the Roboto font shipped by the ``font-roboto`` package (it has
Cyrillic, and no system font is assumed). Pillow costs a few MB when first used; matplotlib would
cost tens of MB for its import alone, which the bot's memory budget does not allow. Pillow is
imported on the first /stats, so residents-only runs never load it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.clock import now
from bot.services.charts import fit as _fit
from bot.services.charts import font as _font
from bot.services.limits import TEXT_LIMIT, clip, squeeze
from bot.services.territories import Territories
from bot.services.timetext import DATE_TIME
from bot.storage.models import Direction
from bot.storage.stats import Snapshot
from bot.storage.surveys import ProjectNumbers, Round
from bot.telegram.i18n import Html, Translate

STATUSES = ("new", "accepted", "in_progress", "implemented", "rejected", "duplicate")
DELIVERY_STATUSES = ("sent", "blocked", "failed", "unknown", "pending", "sending", "cancelled")
EXCERPT = 60
EXCERPT_UNITS = 240  # ... as sent (bot/services/limits.py)

# Colours of the statuses in the chart (and its legend), in STATUSES order.
STATUS_COLOURS = {
    "new": (158, 158, 158),
    "accepted": (66, 133, 244),
    "in_progress": (251, 188, 5),
    "implemented": (52, 168, 83),
    "rejected": (234, 67, 53),
    "duplicate": (171, 71, 188),
}
TERRITORY_COLOUR = (0, 150, 136)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def status_label(t: Translate, status: str) -> str:
    return t("stats-status-" + status.replace("_", "-"))


def render_text(
    snapshot: Snapshot,
    t: Translate,
    lang: str,
    directions: Sequence[Direction],
    territories: Territories,
    tz: tzinfo,
    moment: datetime | None = None,
) -> str:
    """The /stats message (HTML, ≤ 4096 characters: every list in it is bounded)."""
    r = snapshot.residents
    lines = [
        t("stats-title", date=(moment or now()).astimezone(tz).strftime(DATE_TIME)),
        "",
        t(
            "stats-residents",
            total=r.total,
            consented=r.consented,
            active=r.active,
            blocked=r.blocked,
            banned=r.banned,
        ),
    ]
    if r.by_territory:
        lines.append(t("stats-territories-title", n=len(r.by_territory)))
        for code, count in r.by_territory:
            lines.append(t("stats-territory-line", name=territories.name(code, lang) or code, count=count))
        rest = r.with_territory - sum(count for _, count in r.by_territory)
        if rest > 0:
            lines.append(t("stats-territory-rest", count=rest))

    lines += ["", t("stats-ideas", total=snapshot.ideas_total, hidden=snapshot.hidden)]
    for status in STATUSES:
        count = sum(n for (_, s), n in snapshot.ideas.items() if s == status)
        if count:
            lines.append(t("stats-status-line", status=Html(status_label(t, status)), count=count))
    for direction in directions:
        per_status = [(s, snapshot.ideas.get((direction.id, s), 0)) for s in STATUSES]
        total = sum(n for _, n in per_status)
        breakdown = ", ".join(f"{status_label(t, s)} {n}" for s, n in per_status if n)
        lines.append(
            t("stats-direction-line", direction=direction.label(lang), total=total, breakdown=Html(breakdown or "—"))
        )

    lines += ["", t("stats-supports", total=snapshot.supports_total, supporters=snapshot.supporters)]
    if snapshot.top_ideas:
        lines.append(t("stats-top-title"))
        for idea in snapshot.top_ideas:
            text = clip(excerpt(idea.text), EXCERPT_UNITS)
            lines.append(t("stats-top-line", number=str(idea.id), text=text, supports=idea.supports))

    d = snapshot.deliveries
    lines += [
        "",
        t(
            "stats-broadcasts",
            count=snapshot.broadcasts,
            sent=d.get("sent", 0),
            blocked=d.get("blocked", 0),
            failed=d.get("failed", 0),
            unknown=d.get("unknown", 0),
            waiting=d.get("pending", 0) + d.get("sending", 0),
        ),
    ]
    if snapshot.projects is not None:
        lines += ["", *project_lines(snapshot.projects, t)]
    # Every list above is bounded (10 territories, 5 excerpts); squeeze only makes sure of it.
    return squeeze("\n".join(lines), TEXT_LIMIT)


PROJECT_STAGES = ("seeking_leader", "gathering_team", "in_work", "implemented", "paused")


def project_lines(numbers: ProjectNumbers, t: Translate) -> list[str]:
    """Issue 15: leaders, projects per stage, team sizes, help still needed, residents on the results."""
    lines = [t("stats-projects", leaders=numbers.leaders)]
    for stage in PROJECT_STAGES:
        if numbers.stages.get(stage):
            lines.append(t("stats-project-stage", stage=t("stats-project-stage-" + stage), count=numbers.stages[stage]))
    lines.append(t("stats-projects-teams", total=numbers.team_total, average=f"{numbers.team_average:.1f}"))
    lines.append(t("stats-projects-needs", count=numbers.needs))
    answered = False
    for round_ in Round:
        counts = numbers.surveys.get(round_.value)
        if counts is not None and counts.total:
            answered = True
            lines.append(t(f"survey-{round_.value}-counts", yes=counts.yes, partly=counts.partly, no=counts.no))
    if not answered:
        lines.append(t("stats-projects-surveys-none"))
    return lines


# --- chart ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartData:
    ideas_title: str
    residents_title: str
    empty: str
    status_labels: dict[str, str]  # status -> label (plain text)
    directions: list[tuple[str, dict[str, int]]]  # (direction name, status -> count)
    territories: list[tuple[str, int]]  # (territory name, residents)


def chart_data(
    snapshot: Snapshot, t: Translate, lang: str, directions: Sequence[Direction], territories: Territories
) -> ChartData:
    return ChartData(
        ideas_title=t("stats-chart-ideas"),
        residents_title=t("stats-chart-residents", n=len(snapshot.residents.by_territory)),
        empty=t("stats-chart-empty"),
        status_labels={s: status_label(t, s) for s in STATUSES},
        directions=[(d.name(lang), {s: snapshot.ideas.get((d.id, s), 0) for s in STATUSES}) for d in directions],
        territories=[(territories.name(code, lang) or code, n) for code, n in snapshot.residents.by_territory],
    )


WIDTH = 1000
MARGIN = 24
LABEL_W = 280
COUNT_W = 90
ROW_H = 34
BAR_H = 22
TITLE_H = 44
BG = (255, 255, 255)
INK = (33, 33, 33)
MUTED = (117, 117, 117)
GRID = (224, 224, 224)


def render_chart(data: ChartData) -> bytes:
    """Two panels of horizontal bars: ideas by direction (stacked by status) and residents by territory."""
    from PIL import Image, ImageDraw

    title_font, font, small = _font(22, bold=True), _font(16), _font(14)
    bar_x, bar_w = MARGIN + LABEL_W, WIDTH - 2 * MARGIN - LABEL_W - COUNT_W
    legend_h = 2 * 26
    ideas_h = TITLE_H + max(1, len(data.directions)) * ROW_H + 12 + legend_h
    terr_h = TITLE_H + max(1, len(data.territories)) * ROW_H
    height = MARGIN + ideas_h + 28 + terr_h + MARGIN
    image = Image.new("RGB", (WIDTH, height), BG)
    draw = ImageDraw.Draw(image)

    def bars(top: int, rows: list[tuple[str, list[tuple[int, tuple[int, int, int]]]]]) -> int:
        biggest = max((sum(n for n, _ in parts) for _, parts in rows), default=0)
        y = top
        for label, parts in rows:
            total = sum(n for n, _ in parts)
            draw.text((MARGIN, y + ROW_H // 2), _fit(label, font, LABEL_W - 12), font=font, fill=INK, anchor="lm")
            draw.rectangle((bar_x, y + (ROW_H - BAR_H) // 2, bar_x + bar_w, y + (ROW_H + BAR_H) // 2), fill=GRID)
            x = float(bar_x)
            for count, colour in parts:
                if count <= 0 or biggest <= 0:
                    continue
                width = bar_w * count / biggest
                draw.rectangle(
                    (round(x), y + (ROW_H - BAR_H) // 2, max(round(x), round(x + width) - 1), y + (ROW_H + BAR_H) // 2),
                    fill=colour,
                )
                x += width
            draw.text((bar_x + bar_w + 10, y + ROW_H // 2), str(total), font=font, fill=INK, anchor="lm")
            y += ROW_H
        if not rows:
            draw.text((bar_x, y + ROW_H // 2), data.empty, font=font, fill=MUTED, anchor="lm")
            y += ROW_H
        return y

    y = MARGIN
    draw.text((MARGIN, y), data.ideas_title, font=title_font, fill=INK)
    y += TITLE_H
    y = bars(
        y,
        [(name, [(counts.get(s, 0), STATUS_COLOURS[s]) for s in STATUS_COLOURS]) for name, counts in data.directions],
    )
    # Legend: the statuses' colours, three per line.
    y += 12
    column = (WIDTH - 2 * MARGIN) // 3
    for index, status in enumerate(STATUS_COLOURS):
        lx = MARGIN + (index % 3) * column
        ly = y + (index // 3) * 26
        draw.rectangle((lx, ly + 4, lx + 16, ly + 20), fill=STATUS_COLOURS[status])
        label = _fit(data.status_labels.get(status, status), small, column - 30)
        draw.text((lx + 24, ly + 12), label, font=small, fill=INK, anchor="lm")
    y += legend_h + 28

    draw.text((MARGIN, y), data.residents_title, font=title_font, fill=INK)
    y += TITLE_H
    bars(y, [(name, [(n, TERRITORY_COLOUR)]) for name, n in data.territories])

    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
