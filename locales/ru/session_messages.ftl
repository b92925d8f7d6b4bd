# What the bot sends about sessions by itself: notices, reminders (bot/services/session_messages.py)
session-btn-open = Открыть сессию
session-reminder =
    ⏰ <b>Напоминание</b>: вы записаны на сессию «{ $title }».
    Когда: { $when }
    Где: { $place }
    Если не получается прийти, отмените запись в карточке — место достанется следующему.
session-notice-cancelled =
    ❌ Сессия «{ $title }» ({ $when }) <b>отменена</b>. Ваша запись больше не действует.
session-notice-rescheduled = 🕒 Сессия «{ $title }» <b>перенесена</b>: было { $old }, теперь { $new }.
session-notice-updated = ✏️ В сессии «{ $title }» изменилось: { $fields }.
session-field-title = название
session-field-description = описание
session-field-direction = направление
session-field-duration = продолжительность
session-field-place = место
session-field-capacity = число мест
session-field-deadline = срок регистрации
feedback-ask =
    Спасибо, что были на сессии «{ $title }»! Оцените её, пожалуйста: 1 — совсем не понравилось, 5 — отлично.
session-btn-ics-update = 📅 Обновить в календаре
