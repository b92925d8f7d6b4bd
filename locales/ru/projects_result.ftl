# Итог проекта (issue 15, пункты 6 и 8): «Получилось?», «Как там сейчас?», цифры /stats, выгрузки.

survey-result-ask =
    🎉 Проект по идее № { $number } реализован. Получилось?
    «{ $text }»
    Ответьте одним нажатием: ответ увидят кураторы.
survey-followup-ask =
    🕊 Прошло три недели с тех пор, как проект по идее № { $number } реализован. Как там сейчас?
    «{ $text }»
    Ответьте одним нажатием.
survey-btn-yes = Да
survey-btn-partly = Частично
survey-btn-no = Нет
survey-btn-skip = Без комментария
survey-answered =
    Спасибо! Ваш ответ: { $answer }.
    Если хотите, напишите комментарий одним сообщением (до { $limit } { $limit ->
        [one] символа
       *[other] символов
    }). Или нажмите «Без комментария».
survey-thanks = Спасибо! Ваш ответ: { $answer }.
survey-not-yours = Этот вопрос задан не вам или уже закрыт.
survey-comment-thanks = Спасибо, комментарий передан кураторам.
survey-comment-text = Комментарий нужен текстом. Или нажмите «Без комментария».
survey-comment-too-long = Комментарий длинноват: { $length } { $length ->
    [one] символ
    [few] символа
   *[many] символов
    }, можно до { $limit }. Напишите короче.
survey-result-counts = Жители об итоге: да — { $yes }, частично — { $partly }, нет — { $no }
survey-followup-counts = Как там сейчас: да — { $yes }, частично — { $partly }, нет — { $no }
survey-comment-line = — { $answer }: «{ $comment }»

stats-projects = Проекты: лидеров — { $leaders }
stats-project-stage = • { $stage }: { $count }
stats-project-stage-seeking_leader = ищем лидера
stats-project-stage-gathering_team = собираем команду
stats-project-stage-in_work = в работе
stats-project-stage-implemented = реализован
stats-project-stage-paused = приостановлен
stats-projects-teams = Команды: участников — { $total }, в среднем — { $average }
stats-projects-needs = Ещё нужна помощь: проектов — { $count }
stats-projects-surveys-none = Жители об итоге: ответов пока нет

export-kind-projects = 🧭 Проекты
export-kind-team = 🙋 Команды
export-col-stage = Этап
export-col-leader = Лидер
export-col-team-size = Участников
export-col-needs = Нужна помощь
export-col-experts = Эксперты
export-col-result-yes = Получилось: да
export-col-result-partly = Получилось: частично
export-col-result-no = Получилось: нет
export-col-followup-yes = Через три недели: да
export-col-followup-partly = Через три недели: частично
export-col-followup-no = Через три недели: нет
export-col-project = Проект №
export-col-first-name = Имя (только имя)
export-col-help = Чем поможет
export-col-role = Роль
export-col-offer-status = Статус заявки
export-col-since = Заявка ({ time-local })
export-help-hands = руками
export-help-skills = знаниями, профессией
export-help-resources = ресурсами
export-help-contacts = связями
export-role-member = участник
export-role-leader = лидер
export-offer-applied = ждёт решения
export-offer-accepted = принята
export-offer-declined = отклонена
export-offer-left = выход из проекта
export-broadcast-survey = опрос об итоге проекта
survey-curators-result =
    💬 Итог идеи № { $number }: ответ «{ $answer }» и комментарий жителя:
    «{ $comment }»
    { $counts }
survey-curators-followup =
    💬 Идея № { $number } через три недели: ответ «{ $answer }» и комментарий жителя:
    «{ $comment }»
    { $counts }
