"""A fake Telegram Bot API server and scripted users/groups for testing the bot end to end.

Usage::

    fake = FakeTelegram(token="123456:TEST", bot_id=123456, bot_username="ideas_bot")
    await fake.start()  # fake.base_url is what the bot gets as TELEGRAM_API_URL
    bot = Bot(fake.token, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))
    anna = fake.user(1001, first_name="Анна", language_code="ru")
    await anna.send_command("/start")
    reply = await anna.expect_message()
    await anna.press(reply, "Согласие даю")
    assert fake.refused == []

Behaviour worth knowing:

* A private chat exists for the bot once the user has written to it (or ``fake.user(..., started=True)``);
  before that every call to it is "Bad Request: chat not found", as on Telegram.
* ``allowed_updates`` filters updates when they are created (as on Telegram): updates queued while the
  bot listens only to ``message`` are dropped, not delivered later.
* Updates are delivered at least once: they stay queued until a later ``getUpdates`` confirms them with
  ``offset`` (a killed bot sees them again), and a second poller ends the first with 409 Conflict.
* ``editMessageText``/``editMessageCaption`` without ``reply_markup`` remove the inline keyboard.
* Stricter than Telegram on purpose: a raw ``&`` that starts no entity is refused in HTML
  (``strict_ampersand``), and a one-item media group is refused (``allow_single_item_album``).
  MarkdownV2/Markdown are accepted but not parsed.
* ``press``/``press_data`` wait for ``answerCallbackQuery`` and fail the test if it does not come.

Scripted users, groups and tests use only the public methods of ``FakeTelegram`` (``user``, ``group``,
``private_chat``, ``chat_state``/``find_chat``, ``user_message``, ``queue_update``, ``new_file``/``media_content``,
``new_callback``, ``vote``, ``fail_next``, ...). The server is split by method family: see :mod:`.server`.
"""

from .actors import ScriptedGroup, ScriptedUser
from .callbacks import PendingCallback
from .errors import ApiError
from .html import HtmlParseError, parse_html
from .models import BotMessage, CallbackResult, FakeStats, RecordedRequest, StoredFile, UploadedFile
from .server import FakeTelegram, RateLimits
from .state import ChatState

__all__ = [
    "ApiError",
    "BotMessage",
    "CallbackResult",
    "ChatState",
    "FakeStats",
    "FakeTelegram",
    "HtmlParseError",
    "PendingCallback",
    "RateLimits",
    "RecordedRequest",
    "ScriptedGroup",
    "ScriptedUser",
    "StoredFile",
    "UploadedFile",
    "parse_html",
]
