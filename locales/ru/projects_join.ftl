# Join or lead (issue 15, point 1): «Хочу участвовать», «Возглавить проект», the contact consent, «Мои заявки».

projects-join-btn-join = 🙋 Хочу участвовать
projects-join-btn-lead = 🧭 Возглавить проект
projects-join-btn-leave = Выйти из команды
projects-join-btn-withdraw = Отозвать заявку
projects-join-btn-unlead = Отозвать заявку на лидерство
projects-join-btn-next = Дальше
projects-join-btn-skip = Пропустить
projects-join-btn-contact-yes = ✅ Да, показывать
projects-join-btn-contact-no = Нет, только имя
projects-join-btn-mine = Мои заявки
projects-join-btn-mine-leave = Выйти из команды № { $number }
projects-join-btn-mine-withdraw = Отозвать заявку № { $number }

projects-join-help-hands = руками
projects-join-help-skills = знаниями, профессией
projects-join-help-resources = ресурсами
projects-join-help-contacts = связями

projects-join-note-member = Вы в команде проекта.
projects-join-note-applied = Ваша заявка в команду ждёт ответа лидера.
projects-join-note-leader = Вы лидер этого проекта.
projects-join-note-lead-applied = Ваша заявка на лидерство ждёт решения кураторов.
projects-join-note-author = Проекту нужен лидер. Автор идеи может возглавить его первым: нажмите «Возглавить проект».

projects-join-consent-first = Сначала примите новую редакцию согласия на обработку данных: отправьте /start.
projects-join-already-member = Вы уже предложили помощь проекту № { $number }.
projects-join-already-leader = Ваша заявка на лидерство в проекте № { $number } уже есть.
projects-join-closed = Проект № { $number } сейчас не принимает заявки.
projects-join-has-leader = У проекта № { $number } уже есть лидер.

projects-join-help-ask =
    Как вы можете помочь проекту <b>№ { $number }</b>?
    Отметьте один или несколько вариантов и нажмите «Дальше».
projects-join-help-none = Отметьте хотя бы один вариант.
projects-join-help-chosen = Проект № { $number }. Помощь: { $help }.
projects-join-note-ask =
    Добавьте короткий комментарий для лидера: что умеете, когда свободны (до { $max } { $max ->
        [one] символа
       *[other] символов
    }).
    Или нажмите «Пропустить».
projects-join-note-text = Напишите комментарий текстом или нажмите «Пропустить».
projects-join-note-long =
    Комментарий длинный: { $count } { $count ->
        [one] символ
        [few] символа
       *[many] символов
    }, можно до { $max }. Напишите короче или нажмите «Пропустить».
projects-join-note-skipped = Без комментария.
projects-join-pitch-ask =
    Расскажите, почему вы хотите возглавить проект <b>№ { $number }</b> и какой у вас опыт.
    От { $min } до { $max } { $max ->
        [one] символа
       *[other] символов
    }.
projects-join-pitch-text =
    Напишите рассказ текстом: от { $min } до { $max } { $max ->
        [one] символа
       *[other] символов
    }.
projects-join-pitch-short =
    Слишком коротко: { $count } { $count ->
        [one] символ
        [few] символа
       *[many] символов
    }, нужно хотя бы { $min }. Расскажите подробнее.
projects-join-pitch-long =
    Слишком длинно: { $count } { $count ->
        [one] символ
        [few] символа
       *[many] символов
    }, можно до { $max }. Напишите короче.

projects-join-contact-ask =
    Показывать ваше имя и @username лидеру проекта и кураторам?
    Так с вами смогут связаться. Без согласия вы всё равно в списке, но видно только ваше имя.
projects-join-contact-yes = Имя и @username будут видны лидеру проекта и кураторам.
projects-join-contact-no = Лидеру проекта и кураторам будет видно только ваше имя.
projects-join-done-member = 🙋 Заявка в команду проекта № { $number } отправлена. Когда лидер ответит, придёт сообщение. Ваши заявки — в «Настройках», «Мои заявки».
projects-join-done-leader = 🧭 Заявка на лидерство в проекте № { $number } отправлена кураторам. Ваши заявки — в «Настройках», «Мои заявки».

projects-join-nothing = Заявки на проект № { $number } уже нет.
projects-join-left-member = Готово: вас больше нет в списке проекта № { $number }.
projects-join-left-leader = Заявка на лидерство в проекте № { $number } отозвана.

projects-join-mine-head = 📋 Ваши заявки: { $count }
projects-join-mine-empty = 📋 Заявок пока нет. Откройте идею в /ideas и нажмите «Хочу участвовать» или «Возглавить проект».
projects-join-mine-line =
    <b>№ { $number }</b> { $title }
    { $role }: { $status }
projects-join-role-member = В команду
projects-join-role-leader = Лидерство
projects-join-status-member-applied = ждёт ответа лидера
projects-join-status-member-accepted = вы в команде
projects-join-status-leader-applied = ждёт решения кураторов
projects-join-status-leader-accepted = вы лидер, проект — в /project
