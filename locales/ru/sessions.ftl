# Sessions: what residents see (bot/handlers/sessions.py, bot/services/session_card.py)
session-card-title = <b>{ $title }</b>
session-card-description = { $description }
session-card-direction = Направление: { $direction }
session-card-when = Когда: { $when }
session-card-place = Где: { $place }
session-card-deadline = Регистрация до { $deadline }
session-card-cancelled = ❌ <b>Сессия отменена</b>
session-places-unlimited = Мест без ограничений, записались: { $registered }
session-places-free = Свободно мест: { $free } из { $capacity }
session-places-full = Мест нет ({ $capacity } из { $capacity }), в листе ожидания: { $waiting }
session-btn-register = ✍️ Записаться
