## Общие слова для единого голоса (правила — в locales/README.md)
time-local = по времени Оренбурга

## /audit: поля и значения словами, а не ключами
audit-target-idea = идея № { $number }
audit-target-session = сессия № { $number }
audit-target-broadcast = рассылка № { $number }
audit-value-yes = да
audit-value-no = нет
audit-role-organizer = организатор
audit-field-role = роль
audit-field-curated = был куратором направлений
audit-field-chats = чаты
audit-field-direction = направление
audit-field-recipients = получателей
audit-field-format = формат
audit-field-rows = строк
audit-field-bytes = байт
audit-field-reason = причина
audit-field-after_reports = после жалоб
audit-field-duplicate_of = дубликат идеи
audit-field-reports_cleared = снято жалоб
audit-field-starts_at = начало
audit-field-fields = изменено
audit-field-from = было
audit-field-to = стало
audit-field-registered = было записано
audit-field-audience = получатели
audit-field-broadcast = рассылка
audit-session-field-title = название
audit-session-field-description = описание
audit-session-field-direction_id = направление
audit-session-field-starts_at = начало
audit-session-field-duration_min = продолжительность
audit-session-field-place = место
audit-session-field-capacity = число мест
audit-session-field-deadline_at = срок регистрации

## Номер идеи, сессии, опроса или рассылки на кнопках и в списках
number-label = № { $number }

## /export: служебные рассылки бота (у них нет номера, который видят люди)
export-broadcast-notice = уведомление об изменении сессии
export-broadcast-reminder = напоминание о сессии
export-broadcast-feedback = просьба оценить сессию
export-broadcast-alert = предупреждение организаторам
