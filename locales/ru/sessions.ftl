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
session-btn-waitlist = ⏳ Встать в лист ожидания
session-btn-unregister = ✖ Отменить запись
session-btn-leave = Выйти из листа ожидания
session-btn-accept = ✅ Занять место
session-btn-decline = Отказаться
session-btn-ics = 📅 В календарь
session-btn-qr = 🔳 QR-код для входа
session-btn-manage = ⚙️ Управление
session-btn-back = ⬅ К списку сессий
session-btn-unreg-yes = Да, отменить запись
session-btn-unreg-no = Нет, я приду
# The list (/sessions)
session-list-head = 📅 <b>Ближайшие сессии</b> · страница { $page } из { $pages }
session-list-item = <b>{ $number }. { $title }</b>
session-list-when = 📅 { $when } · { $places }
session-list-empty = Пока ни одной сессии не запланировано. Как только появится новая, анонс придёт сюда.
session-list-need-consent = Чтобы смотреть сессии и записываться, нужно согласие на обработку персональных данных.
session-mark-registered = ✅ Вы записаны
session-mark-waitlist = ⏳ Вы в листе ожидания
session-mark-offered = 🎟 Вам предложено место — подтвердите
# The person's state on the card
session-you-registered = ✅ Вы записаны. Файл для календаря и QR-код для входа — кнопками ниже.
session-you-attended = ✅ Вы отмечены на входе: { $time }.
session-you-waitlist = ⏳ Вы в листе ожидания, { $position }-й в очереди. Если место освободится, я предложу его вам.
session-you-offered = 🎟 Для вас освободилось место — подтвердите до { $until }.
session-closed = 🔒 Регистрация закрыта.
session-dates-unset = 🕒 Время сессии уточняется — запись откроется, когда организаторы его назначат.
session-started = ▶️ Сессия уже идёт.
session-ended = 🏁 Сессия завершилась.
session-unreg-ask = ❓ Отменить запись на «{ $title }»? Место перейдёт следующему в листе ожидания.
# Answers to presses
session-registered-toast = ✅ Вы записаны!
session-registered =
    ✅ Вы записаны на «{ $title }», { $when }.
    Ниже — файл для календаря и ваш QR-код для входа.
session-waitlisted = Свободных мест нет — вы в листе ожидания, { $position }-й. Если место освободится, я пришлю вам предложение.
session-already = Вы уже записаны.
session-already-waiting = Вы уже в листе ожидания, { $position }-й.
session-cancelled-toast = Запись отменена.
session-cancelled = Запись на «{ $title }» отменена. Передумаете — запишитесь снова, пока есть места.
session-left = Вы вышли из листа ожидания.
session-declined = Вы отказались — место перейдёт следующему.
session-offer-expired = Время на подтверждение вышло — место перешло следующему.
session-gone-missing = Этой сессии больше нет.
session-gone-cancelled = Эта сессия отменена.
session-gone-started = Сессия уже началась — изменить запись нельзя.
session-gone-closed = Регистрация на эту сессию закрыта: срок записи прошёл.
session-gone-unset = Время этой сессии уточняется — записаться пока нельзя. Загляните позже.
session-stale = Это уже неактуально — вот как обстоят дела сейчас.
session-not-found = Такой сессии нет — возможно, ссылка устарела. Вот ближайшие сессии:
session-not-found-plain = Такой сессии больше нет — возможно, её удалили. Все сессии — по команде /sessions.
# Waitlist offers
session-offer =
    🎟 Освободилось место на «{ $title }» ({ $when }).
    Оно ждёт вас до { $until } — подтвердите или откажитесь, чтобы оно досталось следующему.
session-offer-passed = ⌛ Время на подтверждение места на «{ $title }» вышло, и оно перешло следующему. Если всё же хотите прийти, встаньте в лист ожидания снова.
session-offer-passed-started = ⌛ Сессия «{ $title }» уже началась, а место вы не подтвердили — в этот раз не получилось. Следите за новыми сессиями в /sessions.
# Tickets
session-ics-caption = 📅 «{ $title }» — откройте файл, чтобы добавить сессию в календарь.
session-qr-caption = 🔳 Ваш QR-код для входа на «{ $title }» ({ $when }). Покажите его на входе.
# Check-in (start=checkin_…)
checkin-done = ✅ Приход отмечен: { $name }, «{ $title }», { $time }.
checkin-already = ℹ️ Приход уже отмечен: { $name }, «{ $title }», { $time }.
checkin-not-registered = ⚠️ Записи на «{ $title }» нет ({ $name }): запись отменена или не подтверждена.
checkin-too-early = ⏳ Запись на «{ $title }» есть ({ $name }), но отмечать приход можно только в день сессии — не раньше чем за { $hours } { $hours ->
    [one] час
    [few] часа
   *[many] часов
} до начала.
checkin-session-cancelled = ⚠️ Сессия «{ $title }» отменена — отмечать { $name } некуда.
checkin-unknown = ⚠️ Такого кода нет: возможно, QR-код повреждён или запись удалена.
checkin-personal = 🔳 Это персональный код для входа на сессию: покажите его организаторам на входе.
