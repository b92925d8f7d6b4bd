## Проекты (issue 15): рассылки и анонсы лидерам и командам проектов, проекты сессии, журнал действий проектов

# /broadcast: получатели
bc-aud-leaders = 🧭 Лидерам проектов направления
bc-aud-teams = 👥 Командам проектов направления
bc-ask-leaders = Лидерам проектов какого направления? (рядом — сколько получат)
bc-ask-teams = Командам проектов какого направления? (рядом — сколько получат)
bc-label-leaders = лидеры проектов направления «{ $direction }»
bc-label-teams = команды проектов направления «{ $direction }»

# /announce: получатели анонса сессии
pja-aud-leaders = Лидерам проектов «{ $direction }» · { $n }
pja-aud-teams = Командам проектов «{ $direction }» · { $n }

# Проекты сессии
pja-btn-session-projects = 🧩 Проекты сессии · { $n }
pja-btn-detach = ✖ Отвязать № { $number }
pja-btn-back = ← К сессии
pja-card-projects = { $n ->
    [1] Проект
   *[other] Проекты
}: { $projects }
pja-manage-in-teams = Из записавшихся в командах проектов сессии: { $n }
pja-projects-title = 🧩 Проекты сессии № { $number } «{ $title }»
pja-projects-line = № { $number } { $title }
pja-projects-ask = Чтобы привязать проект, пришлите номер идеи, например <code>12</code>. Отвязать — кнопкой ниже.
pja-projects-full = Привязано наибольшее число проектов. Чтобы добавить другой, сначала отвяжите один из них.
pja-projects-bad-number = Пришлите номер идеи цифрами, например <code>12</code>, или вернитесь к сессии кнопкой выше.
pja-projects-no-such = Идеи № { $number } нет среди опубликованных — привязать можно только опубликованную идею.
pja-attached = ✅ Проект № { $number } привязан к сессии.
pja-attach-refused = Проект № { $number } уже привязан, или привязано наибольшее число проектов.
pja-detached = Проект № { $number } отвязан

# Итоги сессии, привязанной к проектам
pja-summary-in-teams = Из записавшихся в командах проектов сессии: { $n }, из них пришли: { $came }

# /delete_me лидера: кураторам
pja-leader-gone = 🧭 Проект № { $number } «{ $title }» снова ищет лидера: данные лидера удалены командой /delete_me. Команда осталась в проекте — выберите нового лидера на карточке идеи или через /moderate { $number }.

# /delete_me лидера: команде проекта
pja-team-leader-gone = 🧭 Проект по идее № { $number } снова ищет лидера: прежний лидер больше не ведёт его. Вы остаётесь в команде, а кураторы выберут нового лидера. Предложить себя можно на странице идеи.

# /audit: действия с проектами
audit-action-project_leader_accepted = заявка в лидеры проекта принята
audit-action-project_leader_declined = заявка в лидеры проекта отклонена
audit-action-session_project_attach = проект привязан к сессии
audit-action-session_project_detach = проект отвязан от сессии
audit-field-person = житель
audit-field-project = проект
audit-stage-seeking_leader = ищем лидера
audit-stage-gathering_team = собираем команду
audit-stage-in_work = в работе
audit-stage-implemented = реализован
audit-stage-paused = приостановлен
audit-person-gone = данные удалены
audit-action-project_leader_gone = данные лидера удалены, проект снова ищет лидера
