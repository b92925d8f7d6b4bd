## Инструменты лидера проекта (/project, /bind_team, новости проекта)

pjl-none = У вас пока нет проектов, которые вы ведёте. Лидера проекта выбирают кураторы: предложить себя можно на странице принятой идеи.
pjl-pick = ⚙️ Выберите проект.
pjl-pick-item = № { $number }: { $text }
pjl-title = ⚙️ Проект № { $number } — { $stage }
pjl-stage-seeking_leader = ищем лидера
pjl-stage-gathering_team = собираем команду
pjl-stage-in_work = в работе
pjl-stage-implemented = реализован
pjl-stage-paused = приостановлен
pjl-needs = Что нужно: { $needs }
pjl-needs-none = Что нужно: пока не указано.
pjl-team = { $count ->
    [one] В команде { $count } человек:
    [few] В команде { $count } человека:
   *[many] В команде { $count } человек:
}
pjl-team-empty = В команде пока никого нет.
pjl-person = • { $name } — { $help }
pjl-person-plain = • { $name }
pjl-help-hands = руками
pjl-help-skills = знаниями, профессией
pjl-help-resources = ресурсами
pjl-help-contacts = связями
pjl-applicants = Ждут ответа: { $count }
pjl-note = «{ $note }»
pjl-group-bound = Группа команды привязана.
pjl-group-none = Группы команды пока нет: добавьте бота в группу администратором и напишите там /bind_team.
pjl-btn-accept = ✅ Принять: { $name }
pjl-btn-decline = Отклонить: { $name }
pjl-btn-needs = Что нужно
pjl-btn-update = 📣 Новости проекта
pjl-btn-resign = Сложить полномочия
pjl-btn-page = Страница идеи
pjl-not-leader = Этим проектом управляет его лидер.
pjl-accepted-you = 🎉 Ваша заявка в команду проекта № { $number } принята.
pjl-declined-you = Ваша заявка в команду проекта № { $number } отклонена. Спасибо за готовность помочь.
pjl-decided = Ответ отправлен.
pjl-decided-already = На эту заявку уже ответили, или её отозвали.
pjl-needs-ask = Напишите, какая помощь ещё нужна проекту № { $number }, например: «юрист, дизайнер, 5 волонтёров на субботник». До { $max } { $max ->
    [one] символа
   *[other] символов
}. Чтобы очистить список, отправьте «-».
pjl-needs-long = Текст длиннее { $max } { $max ->
    [one] символа
   *[other] символов
}: сократите его.
pjl-needs-saved = Список того, что нужно, сохранён.
pjl-needs-cleared = Список того, что нужно, очищен.
pjl-update-ask = 📣 Напишите новость проекта № { $number } одним сообщением. Её получат команда, подписчики идеи и поддержавшие её.
pjl-update-short = Новость слишком короткая: нужно хотя бы { $min } { $min ->
    [one] символ
    [few] символа
   *[many] символов
}.
pjl-update-long = Новость длиннее { $max } { $max ->
    [one] символа
   *[other] символов
}: сократите её.
pjl-update-too-soon = Новости проекта можно отправлять не чаще раза в день. Следующую можно отправить после { $when } ({ time-local }).
pjl-update-preview = Так новость увидят получатели. Отправить?
pjl-btn-send = Отправить
pjl-btn-cancel = Отмена
pjl-update-sent = 📣 Новость проекта № { $number } отправляется.
pjl-update-cancelled = Новость не отправлена.
pjl-news = 📣 Новости проекта № { $number }
pjl-news-idea = Идея: { $text }
pjl-curators-update = 📣 Новость проекта № { $number } отправляется команде, подписчикам и поддержавшим идею. Получателей: { $count }.
pjl-btn-stop = Остановить
pjl-stopped = Новость проекта № { $number } остановлена.
pjl-stop-late = Новость уже разослана, останавливать нечего.
pjl-stopped-leader = Кураторы остановили рассылку новости проекта № { $number }.
pjl-resign-ask = Сложить полномочия лидера проекта № { $number }? Проект вернётся кураторам, команда сохранится.
pjl-btn-resign-yes = Да, сложить полномочия
pjl-btn-resign-no = Остаться лидером
pjl-resigned = Вы больше не лидер проекта № { $number }. Проект передан кураторам, команда сохранена.
pjl-stay = Вы по-прежнему лидер проекта № { $number }.
pjl-curators-handback = 🧭 Проект № { $number } остался без лидера и вернулся кураторам. Команда сохранена, участников: { $count }.
pjl-bind-only-leader = Привязать группу команды может только лидер проекта.
pjl-bind-pick = Какой проект привязать к этой группе?
pjl-bind-not-admin = Сначала сделайте бота администратором группы с правом приглашать участников, затем повторите /bind_team.
pjl-bind-done = 🤝 Группа привязана к проекту № { $number }. Личные ссылки отправлены участникам команды: { $count }.
pjl-invite = 🔗 Группа команды проекта № { $number }. Ссылка личная: по ней можно войти один раз.
pjl-btn-join = Войти в группу
pjl-joined = 👋 В группе команды проекта № { $number } новый участник: { $name }.
audit-action-project_update = отправлена новость проекта
audit-action-project_update_stop = новость проекта остановлена
audit-action-project_team_chat = привязана группа команды проекта
audit-action-project_member_accepted = заявка в команду проекта принята
audit-action-project_member_declined = заявка в команду проекта отклонена
audit-action-project_needs = изменено, какая помощь нужна проекту
export-broadcast-project = новость проекта
