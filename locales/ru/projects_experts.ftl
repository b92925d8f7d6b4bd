# Experts (/experts), similar experience on a project's page, calls for help (issue 15, points 4 and 5).
cmd-experts = Эксперты проектов

experts-empty = 🎓 Экспертов пока нет. Добавьте первого: кнопка «Добавить эксперта».
experts-head = 🎓 Эксперты: { $count }. Нажмите на имя, чтобы открыть карточку.
experts-line = { $name } — { $field }, { $region }
experts-contact = Контакт: { $contact }
experts-federal = федеральный
experts-no-consent = (без согласия: лидерам не показывается)
experts-card = { $line }
    Согласие на показ и связь: { $consent }
    Telegram: { $telegram }
experts-consent-yes = есть
experts-consent-no = нет
experts-telegram-yes = известен, страницы проектов отправляются эксперту
experts-telegram-no = не указан
experts-btn-add = ➕ Добавить эксперта
experts-btn-prev = ← Назад
experts-btn-next = Дальше →
experts-btn-attach = Прикрепить к проекту
experts-btn-remove = Убрать из списка
experts-btn-list = « К списку
experts-btn-federal = Федеральный
experts-btn-consent-yes = Да, согласие есть
experts-btn-consent-no = Нет согласия
experts-btn-skip = Пропустить
experts-gone = Этого эксперта уже нет в списке.
experts-removed = Эксперт убран из списка и из проектов.
experts-ask-name = Напишите имя и фамилию эксперта (до { $max } { $max ->
        [one] символа
       *[other] символов
    }).
experts-ask-field = Напишите сферу эксперта: чем он может помочь (до { $max } { $max ->
        [one] символа
       *[other] символов
    }).
experts-ask-region = Напишите регион эксперта или нажмите «Федеральный» (до { $max } { $max ->
        [one] символа
       *[other] символов
    }).
experts-ask-contact = Напишите контакт эксперта: телефон, почту или @username (до { $max } { $max ->
        [one] символа
       *[other] символов
    }).
experts-ask-consent = Эксперт согласен, чтобы его показывали лидерам проектов и связывались с ним? Без согласия лидеры его не увидят.
experts-ask-telegram = Если эксперт пользуется ботом, перешлите сюда любое его сообщение или напишите его числовой id в Telegram: ему будут приходить страницы проектов. Или нажмите «Пропустить».
experts-telegram-bad = Это не пересланное сообщение эксперта и не числовой id. Перешлите его сообщение, напишите id или нажмите «Пропустить».
experts-too-long = Нужно от 1 до { $max } { $max ->
        [one] символа
       *[other] символов
    }, сейчас { $count }. Напишите ещё раз.
experts-added = ✅ Эксперт добавлен.
experts-ask-project = Напишите номер идеи, к проекту которой прикрепить эксперта, например 12.
experts-project-bad = Такой опубликованной идеи нет. Напишите номер принятой идеи, например 12, или /cancel.
experts-attached-already = Этот эксперт уже прикреплён к проекту № { $number }.
experts-attached = ✅ Эксперт прикреплён к проекту № { $number }.
experts-attached-leader = Лидер проекта получил его контакты.
experts-attached-no-consent = У эксперта нет согласия: лидер проекта его не увидит.
experts-attached-page = Эксперту отправлена страница проекта.
experts-attached-unreachable = Эксперту не удалось отправить страницу проекта: у него нет диалога с ботом.
experts-leader-told = 🎓 К вашему проекту № { $number } прикреплён эксперт. Он указан на странице проекта.
experts-invited = 🎓 Вас пригласили экспертом в проект № { $number }. Страница проекта — ниже.
experts-page-head = Эксперты проекта:

experience-head = Похожий опыт:
experience-line = • { $title } ({ $region }): { $takeaway }
experience-link = { $link }
experience-btn-open = 🧩 Похожий опыт
experience-btn-add = ➕ Добавить похожий опыт
experience-btn-remove = Убрать: { $title }
experience-empty = У проекта № { $number } пока нет похожего опыта.
experience-list = Похожий опыт проекта № { $number }:
experience-ask = Пришлите похожий опыт для проекта № { $number } четырьмя строками:
    название проекта
    регион
    ссылка (http:// или https://) или «-», если ссылки нет
    что взять из этого опыта, одной строкой
experience-bad-lines = Нужно ровно четыре строки: название, регион, ссылка или «-», что взять из опыта. Пришлите ещё раз или /cancel.
experience-bad-link = Ссылка должна начинаться с http:// или https:// и быть без пробелов. Пришлите четыре строки ещё раз или напишите «-» вместо ссылки.
experience-too-long = Слишком длинно: название — до { $title } { $title ->
        [one] символа
       *[other] символов
    }, регион — до { $region } { $region ->
        [one] символа
       *[other] символов
    }, что взять — до { $takeaway } { $takeaway ->
        [one] символа
       *[other] символов
    }. Пришлите ещё раз.
experience-full = У проекта уже { $max ->
        [one] { $max } пример
        [few] { $max } примера
       *[many] { $max } примеров
    } похожего опыта. Сначала уберите один.
experience-added = ✅ Похожий опыт добавлен на страницу идеи № { $number }.
experience-removed = Похожий опыт убран со страницы.

call-btn-ask = 📣 Позвать на помощь
call-btn-send = Отправить кураторам
call-btn-send-now = Отправить жителям
call-btn-approve = Принять
call-btn-decline = Отклонить
call-btn-join = 🙋 Хочу участвовать
call-not-yours = Позвать на помощь может лидер проекта или куратор, когда у проекта указано, какая помощь нужна.
call-preview = 📣 Призыв о помощи для проекта № { $number }
    Нужны: { $needs }

    Его получат жители территории проекта, подписанные на его направление: { $count }. Сначала призыв проверят кураторы.
call-preview-staff = 📣 Призыв о помощи для проекта № { $number }
    Нужны: { $needs }

    Его получат жители территории проекта, подписанные на его направление: { $count }.
call-pending = Призыв о помощи проекта № { $number } уже ждёт решения кураторов.
call-sent-already = Призыв с такими нуждами для проекта № { $number } уже отправлен. Измените, какая помощь нужна, чтобы позвать снова.
call-asked = Призыв о помощи проекта № { $number } отправлен кураторам. Когда они решат, придёт сообщение.
call-out = 📣 Призыв о помощи проекта № { $number } отправлен. Получатели: { $count }.
call-card = 📣 Призыв о помощи: проект № { $number }
    Нужны: { $needs }

    Просит лидер: { $who }
    Получатели: { $count } (жители территории проекта, подписанные на направление).
call-decided-already = По этому призыву уже есть решение.
call-approved-card = Принято: { $who }. Получатели: { $count }.
call-declined-card = Отклонено: { $who }.
call-approved = 📣 Кураторы приняли призыв о помощи проекта № { $number }. Получатели: { $count }.
call-declined = Кураторы не приняли призыв о помощи проекта № { $number }. Можно уточнить, какая помощь нужна, и попросить снова.
call-message = 📣 Проекту № { $number } нужна помощь
    { $text }

    Нужны: { $needs }

    Нажмите «Хочу участвовать», чтобы открыть страницу проекта и присоединиться.

audit-action-expert_added = добавлен эксперт
audit-action-expert_removed = эксперт убран из списка
audit-action-project_expert = к проекту прикреплён эксперт
audit-action-project_experience = к проекту добавлен похожий опыт
audit-action-project_experience_removed = похожий опыт убран с проекта
audit-action-project_call_asked = лидер попросил разослать призыв о помощи
audit-action-project_call_approved = призыв о помощи принят
audit-action-project_call_declined = призыв о помощи отклонён
audit-field-expert = эксперт
audit-field-consented = согласие эксперта
audit-field-title = похожий опыт
audit-field-needs = нужны
