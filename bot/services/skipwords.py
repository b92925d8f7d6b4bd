"""Typed words that mean "skip this step" («фото нет», «без адреса», "skip", "no photo").

A text counts only when every word of it is a skip word or a word about the step itself (photo, address…) and at
least one is a skip word: «нет фото, пропустите» is a skip, «фото у школы» or «ул. Нет» is not.
"""

from __future__ import annotations

import re

LONGEST = 60  # characters: a longer text is an answer, not a skip

SKIP = frozenset(
    {
        # ru
        "пропустить",
        "пропусти",
        "пропустите",
        "пропускаю",
        "пропуск",
        "скип",
        "нет",
        "нету",
        "без",
        "не",
        "надо",
        "нужно",
        "нужен",
        "нужна",
        "нужны",
        "будет",
        "дальше",
        "далее",
        "готово",
        "все",
        # en
        "skip",
        "no",
        "none",
        "without",
        "next",
        "done",
        "nope",
    }
)
POLITE = frozenset(
    {"пожалуйста", "спасибо", "пока", "у", "меня", "этот", "шаг", "please", "thanks", "this", "step", "i", "have"}
)
ABOUT_PHOTOS = frozenset(
    {"фото", "фотки", "фоток", "фотку", "фотографии", "фотографий", "фотография", "снимков", "картинок"}
    | {"photo", "photos", "picture", "pictures", "image", "images"}
)
ABOUT_PLACE = frozenset(
    {"адрес", "адреса", "места", "место", "геопозиции", "геопозиция", "геолокации", "локации", "точного"}
    | {"address", "place", "location", "exact"}
)
WORD = re.compile(r"[a-zа-я]+")


def _means_skip(text: str, about: frozenset[str]) -> bool:
    if len(text) > LONGEST:
        return False
    words = WORD.findall(text.lower().replace("ё", "е"))
    if not words or not any(word in SKIP for word in words):
        return False
    return all(word in SKIP or word in POLITE or word in about for word in words)


def no_photos(text: str) -> bool:
    """Whether ``text``, typed at the photos step, means "no photos" (or "done" when some were sent)."""
    return _means_skip(text, ABOUT_PHOTOS)


def no_place(text: str) -> bool:
    """Whether ``text``, typed at the place step, means "no place"."""
    return _means_skip(text, ABOUT_PLACE)
