## Проектные сессии: сторона организаторов (/new_session, управление, /announce)

# /new_session — шаг за шагом
sadm-new-intro = 🗓 Новая проектная сессия. Отвечайте на вопросы по одному; отменить в любой момент: /cancel
sadm-ask-title = Как называется сессия? До { $max } { $max ->
    [one] символа
   *[other] символов
}.
sadm-ask-description = Опишите сессию: о чём она, для кого, что взять с собой. До { $max } { $max ->
    [one] символа
   *[other] символов
}.
sadm-ask-direction = К какому направлению относится сессия?
sadm-ask-start = Когда начало? Дата и время ({ time-local }), например: <code>05.12.2026 18:00</code> или <code>5 декабря в 18:00</code>.
sadm-ask-duration = Сколько длится сессия? Например: <code>90</code> (минут), <code>1:30</code>, <code>1,5 ч</code>, <code>2 часа</code>. От 15 минут до 3 суток.
sadm-ask-place = Где пройдёт сессия? Адрес или ссылка на онлайн-встречу, до { $max } { $max ->
    [one] символа
   *[other] символов
}.
sadm-ask-capacity = Сколько мест? Целое число, <code>0</code> — без ограничений (не больше { $capacity_max }).
sadm-ask-deadline = До какого момента открыта регистрация? Дата и время ({ time-local }) не позже начала — или кнопка «До начала» (можно написать «-»).
sadm-ask-reschedule = Новые дата и время начала ({ time-local }), например <code>05.12.2026 18:00</code>. Длительность сохранится, зарегистрированным придёт уведомление.
sadm-use-buttons = Выберите вариант кнопками ниже или отмените: /cancel
sadm-direction-picked = Направление: { $direction }
sadm-deadline-picked-start = Регистрация — до начала сессии.
sadm-deadline-refit = Новое начало раньше срока регистрации — укажите срок заново.
sadm-btn-until-start = ⏱ До начала
sadm-summary = 📝 <b>Проверьте сессию</b> — так её увидят жители:
sadm-line-duration = Длительность: { $duration }
sadm-duration-m = { $m } { $m ->
    [one] минута
    [few] минуты
   *[many] минут
}
sadm-duration-h = { $h } { $h ->
    [one] час
    [few] часа
   *[many] часов
}
sadm-btn-create = ✅ Создать сессию
sadm-btn-change = ✏️ Изменить поле
sadm-btn-drop = ✖ Отменить
sadm-btn-back = ← Назад
sadm-field-title = Название
sadm-field-description = Описание
sadm-field-direction = Направление
sadm-field-start = Начало
sadm-field-duration = Длительность
sadm-field-place = Место
sadm-field-capacity = Места
sadm-field-deadline = Срок регистрации
sadm-created = ✅ Сессия № { $number } создана.
sadm-new-cancelled = Создание сессии отменено, ничего не сохранено.
sadm-draft-gone = Этот черновик уже создан или отменён. Новая сессия — /new_session

# Что не так с введённым
sadm-bad-not-text = Пришлите ответ текстом. Отменить: /cancel
sadm-bad-empty = Пустой ответ не подходит — напишите текст.
sadm-bad-long = Слишком длинно: можно не больше { $max } { $max ->
    [one] символа
   *[other] символов
}. Сократите и пришлите ещё раз.
sadm-bad-moment-format = Дата и время непонятны. Напишите, например: <code>05.12.2026 18:00</code> или <code>5 декабря в 18:00</code> ({ time-local }).
sadm-bad-moment-date = Такой даты нет. Проверьте день и месяц, например: <code>05.12.2026 18:00</code>.
sadm-bad-moment-time = Такого времени нет: часы от 0 до 23, минуты от 0 до 59. Например: <code>18:00</code>.
sadm-bad-moment-far = Слишком далеко: сессию можно назначить не дальше чем на 2 года вперёд, до { $until }. Проверьте год.
sadm-bad-start-past = Это время уже прошло. Укажите начало в будущем.
sadm-bad-deadline-past = Этот момент уже прошёл. Укажите срок регистрации в будущем или нажмите «До начала».
sadm-bad-deadline-after-start = Срок регистрации не может быть позже начала. Укажите момент до начала или нажмите «До начала».
sadm-bad-duration-format = Длительность непонятна. Напишите, например: <code>90</code>, <code>1:30</code>, <code>1,5 ч</code> или <code>2 часа</code>.
sadm-bad-duration-range = Длительность — от 15 минут до 3 суток, например <code>2 часа</code> или <code>2 дня</code>.
sadm-bad-capacity-format = Нужно целое число мест, например <code>30</code>; <code>0</code> — без ограничений.
sadm-bad-capacity-negative = Число мест не может быть отрицательным. <code>0</code> — без ограничений.
sadm-bad-capacity-large = Слишком много: не больше { $capacity_max } { $capacity_max ->
    [one] места
   *[other] мест
}. <code>0</code> — без ограничений.
sadm-bad-capacity-below = Места уже заняты или обещаны из листа ожидания: { $n } { $n ->
    [one] человек
    [few] человека
   *[many] человек
} — мест не может быть меньше. Укажите не меньше { $n } или <code>0</code> (без ограничений).

# Управление сессией
sadm-manage-title = ⚙️ <b>Сессия № { $number }</b> · { $status }
sadm-manage-people = 👥 Записались: { $registered } · в листе ожидания: { $waiting }
sadm-manage-link = 🔗 { $link }
sadm-status-scheduled = запланирована
sadm-status-running = идёт сейчас
sadm-status-over = завершается
sadm-status-ended = прошла
sadm-status-cancelled = отменена
sadm-status-broken = ⚠️ ошибка в дате
sadm-dates-broken-start = ⚠️ Дата начала сохранена с ошибкой ({ $stored }), я не могу по ней работать: напоминания и завершение не запланированы, запись закрыта. Нажмите «Перенести» и укажите верные дату и время — или отмените сессию.
sadm-dates-broken-duration = ⚠️ Длительность сохранена с ошибкой ({ $stored }), я не могу по ней работать: напоминания и завершение не запланированы, запись закрыта. Нажмите «Изменить» → «Длительность» — или отмените сессию.
sadm-dates-broken-deadline = ⚠️ Срок регистрации сохранён с ошибкой ({ $stored }), я не могу по нему работать: напоминания и завершение не запланированы, запись закрыта. Нажмите «Изменить» → «Срок регистрации» — или отмените сессию.
sadm-dates-unreadable = не читается
alert-session-dates = ⚠️ <b>Сессия № { $number } «{ $title }»: ошибка в дате</b>
alert-poll-close = ⚠️ Опрос «{ $question }» не закроется сам: время закрытия сохранено с ошибкой. Закройте его командой /close_poll — ответом на опрос в чате — когда голосование пора завершить.
sadm-btn-edit = ✏️ Изменить
sadm-btn-reschedule = 🕒 Перенести
sadm-btn-people = 👥 Записались ({ $n })
sadm-btn-waitlist = ⏳ Ожидают ({ $n })
sadm-btn-export = 📄 Выгрузка CSV
sadm-btn-announce = 📣 Анонс
sadm-btn-link = 🔗 Ссылка
sadm-btn-cancel-session = ❌ Отменить сессию
sadm-btn-all = ⬅ Все сессии
sadm-session-missing = Такой сессии нет.
sadm-session-closed = Сессия отменена или уже прошла — её нельзя изменить.
sadm-edit-ask = Что изменить в сессии № { $number } «{ $title }»?
sadm-edit-current = Сессия № { $number }, сейчас: { $current }
sadm-capacity-unlimited = без ограничений
sadm-edit-cancelled = Изменение отменено, сессия осталась прежней.
sadm-saved = ✅ Сохранено.
sadm-saved-told = ✅ Сохранено. Записавшимся и ожидающим придёт уведомление ({ $n } { $n ->
    [one] человек
    [few] человека
   *[many] человек
}).
sadm-unchanged = Ничего не изменилось: значение то же.
sadm-cancel-ask = Отменить сессию № { $number } «{ $title }»? Записались: { $registered }, ожидают: { $waiting } — все получат уведомление. Вернуть сессию будет нельзя.
sadm-btn-cancel-yes = ❌ Да, отменить сессию
sadm-btn-cancel-no = ← Нет, назад
sadm-cancelled = Сессия отменена.
sadm-cancelled-told = Сессия отменена. Уведомление получат { $n } { $n ->
    [one] человек
    [few] человека
   *[many] человек
}.
sadm-list-title = 🗂 <b>Сессии</b>: предстоящие и за последние { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
}
sadm-list-empty = Сессий нет — ни предстоящих, ни за последние { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
}. Создать: /new_session
sadm-list-line = { $label } — { $status }, мест: { $places }, ожидают: { $waiting }
sadm-people-title = 👥 <b>Записались на сессию № { $number }</b> «{ $title }» — { $n } { $n ->
    [one] человек
    [few] человека
   *[many] человек
}
    Нажмите на человека, чтобы отметить приход.
sadm-people-empty = Пока никто не записался.
sadm-people-line = { $index }. { $name } — { $at }
sadm-people-line-attended = { $index }. { $name } — { $at }, приход отмечен
sadm-attend-marked = ✅ Приход отмечен: { $name }.
sadm-attend-already = Приход уже отмечен: { $name }.
sadm-attend-not-registered = Этот человек больше не записан на сессию.
sadm-attend-cancelled = Сессия отменена — отмечать приход нельзя.
sadm-attend-too-early = Отмечать приход можно не раньше чем за { $hours } { $hours ->
    [one] час
    [few] часа
   *[many] часов
} до начала.
sadm-waitlist-title = ⏳ <b>Лист ожидания сессии № { $number }</b> «{ $title }» — { $n } { $n ->
    [one] человек
    [few] человека
   *[many] человек
}
sadm-waitlist-empty = Лист ожидания пуст.
sadm-waitlist-line = { $index }. { $name } — в очереди с { $at }
sadm-waitlist-offered = { $index }. { $name } — 🎟 предложено место до { $until }
sadm-waitlist-more = …и ещё { $n } { $n ->
    [one] человек
    [few] человека
   *[many] человек
}
sadm-export-done = 📄 Сессия № { $number } «{ $title }»: записавшиеся и лист ожидания, строк: { $rows }.
sadm-link = 🔗 Ссылка на карточку сессии № { $number } «{ $title }» — её можно публиковать где угодно:
    { $link }
sadm-csv-status = Статус
sadm-csv-position = Место в списке
sadm-csv-id = ID
sadm-csv-name = Имя
sadm-csv-username = Username
sadm-csv-registered-at = Время записи ({ time-local })
sadm-csv-attended-at = Время прихода ({ time-local })
sadm-csv-offer-until = Место предложено до ({ time-local })
sadm-csv-status-registered = место за человеком
sadm-csv-status-waitlist = в листе ожидания
sadm-csv-status-offered = предложено место

# /announce
sadm-announce-pick = 📣 Какую сессию анонсировать?
sadm-announce-none = Нет предстоящих сессий для анонса. Создать: /new_session
sadm-announce-bad-number = Укажите номер сессии, например <code>/announce 5</code>, или просто /announce — и выберите из списка.
sadm-announce-cancelled = Сессия отменена — анонсировать её нельзя.
sadm-announce-broken = У сессии ошибка в дате — сначала перенесите её, потом анонсируйте.
sadm-announce-past = Сессия уже началась или прошла — анонсировать её нельзя.
sadm-announce-audience = 📣 Анонс сессии № { $number } «{ $title }». Кому отправить? (рядом — сколько получат)
sadm-aud-direction = Подписчикам «{ $direction }» · { $n }
sadm-aud-all = 👥 Всем жителям · { $n }
sadm-label-direction = подписчики направления «{ $direction }»
sadm-label-all = все жители
sadm-announce-picked = Анонс сессии № { $number }. Получатели: { $audience }. Так карточку увидят жители:
sadm-announce-preview = ☝️ Это предпросмотр. Получатели: { $audience } — { $n } { $n ->
    [one] человек
    [few] человека
   *[many] человек
}.
    Отправить?
sadm-announce-nobody = Получатели: { $audience } — сейчас таких жителей нет. Выберите других получателей.
sadm-btn-announce-send = 📣 Отправить ({ $n })
sadm-btn-announce-other = ← Выбрать других получателей
sadm-btn-announce-drop = ✖ Отменить анонс
sadm-announce-started = ✅ Анонс запущен (рассылка № { $number }): получателей — { $n }.
sadm-announce-dropped = Анонс отменён, ничего не отправлено.
sadm-announce-gone = Этот анонс уже отправлен или отменён. Новый — /announce
