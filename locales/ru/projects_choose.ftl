# Проекты (issue 15, пункт 2): кураторы выбирают лидера, стадии проекта

choose-stage-seeking_leader = ищем лидера
choose-stage-gathering_team = собираем команду
choose-stage-in_work = в работе
choose-stage-implemented = реализован
choose-stage-paused = приостановлен

# Панель проекта у кураторов (карточка, /moderate № N)
choose-btn-open = 🧭 Проект и заявки
choose-panel-head = <b>🧭 Проект по идее № { $number }</b>
choose-panel-stage = Стадия: { $stage }
choose-panel-leader = Лидер: { $name }
choose-panel-no-leader = Лидер: пока нет
choose-panel-counts = Хотят участвовать: { $applied }, в команде: { $accepted }, готовы возглавить: { $leaders }.
choose-panel-candidates = Кто готов возглавить:
choose-panel-candidate = • { $name }: «{ $pitch }»
choose-panel-candidate-declined = • { $name } (заявка отклонена раньше): «{ $pitch }»
choose-panel-more = …и ещё { $count } { $count ->
        [one] заявка
        [few] заявки
       *[many] заявок
    }.
choose-panel-nobody = Пока никто не предложил себя в лидеры.
choose-btn-appoint = Назначить лидером: { $name }
choose-btn-replace = Заменить лидера на: { $name }
choose-btn-remove = Снять лидера
choose-btn-stage = Перевести в стадию: { $stage }
choose-btn-resume = Возобновить проект

# Причина назначения, замены, снятия
choose-ask-appoint = { $who }, ответьте на это сообщение: почему лидером проекта по идее № { $number } становится { $name }? Причину увидят те, кого это касается. Передумали — ответьте «отмена».
choose-ask-replace = { $who }, ответьте на это сообщение: почему лидер проекта по идее № { $number } меняется на { $name }? Причину увидят те, кого это касается. Передумали — ответьте «отмена».
choose-ask-remove = { $who }, ответьте на это сообщение: почему лидер проекта по идее № { $number } снимается? Причину увидит лидер. Передумали — ответьте «отмена».
choose-cancelled = Ничего не изменилось: проект по идее № { $number } остался как был.
choose-appointed = Лидер проекта по идее № { $number } назначен: { $name }. Лидеру и другим заявителям отправлены уведомления.
choose-removed = Лидер проекта по идее № { $number } снят, проект снова ищет лидера. Команда осталась, лидеру отправлено уведомление.
choose-missing = Идея № { $number } больше не опубликована: проекта нет.
choose-not-offered = Этот человек больше не предлагает себя в лидеры проекта по идее № { $number }.
choose-already = Это уже сделано: панель проекта по идее № { $number } устарела.
choose-stage-toast = Проект по идее № { $number }: { $stage }.

# Уведомления людям
choose-told-appointed = 🧭 Вы назначены лидером проекта по идее № { $number }.
    Причина: { $reason }
    Команда проекта и заявки в неё — в /project.
choose-told-replaced = Лидером проекта по идее № { $number } теперь будет другой человек.
    Причина: { $reason }
    Спасибо за вашу работу над проектом.
choose-told-not-chosen = Кураторы выбрали другого лидера проекта по идее № { $number }.
    Причина: { $reason }
    Ваша заявка сохранена: если лидер понадобится снова, кураторы её увидят.
choose-told-removed = Вы больше не лидер проекта по идее № { $number }.
    Причина: { $reason }
    Команда проекта остаётся, проект снова ищет лидера.

# Страница идеи и /ideas
choose-page-stage = Проект: { $stage }
choose-page-stage-leader = Проект: { $stage }, лидер — { $name }
choose-filter-stage = проекты: { $stage }
choose-btn-by-stage = 🧭 По стадии проекта
choose-filter-ask = <b>🧭 Проекты какой стадии показать?</b>

# /audit
audit-action-project_leader = назначен лидер проекта
audit-action-project_leader_dropped = лидер проекта снят
audit-action-project_stage = стадия проекта изменена
audit-field-leader = лидер
audit-field-replaced = вместо
audit-field-declined = заявки отклонены
audit-field-stage = стадия
