# Session chats and polls (bot/handlers/polls.py, bot/services/polls.py)

## /bind_session in a group
bind-session-ask = К какой сессии привязать этот чат?
bind-session-none = Нет предстоящих сессий. Создайте сессию командой /new_session в личном чате с ботом.
bind-session-usage = Укажите номер сессии: <code>/bind_session 5</code> — или отправьте /bind_session без номера и выберите сессию кнопкой.
bind-session-unknown = Сессии № { $number } нет. Отправьте /bind_session без номера и выберите сессию из списка.
bind-session-over = Сессия «{ $title }» уже прошла или отменена: привязать к ней чат нельзя.
bind-session-gone = Эта сессия уже прошла или отменена. Отправьте /bind_session ещё раз.
bind-session-done = ✅ Чат привязан к сессии «{ $title }» ({ $when }). Здесь я буду приветствовать участников и проводить опросы.
bind-session-same = Чат уже привязан к сессии «{ $title }» ({ $when }).
bind-session-moved = 🔁 Чат перенесён с сессии «{ $old }» на сессию «{ $title }» ({ $when }).

## Greeting new members (in the hub's language)
greet-text = 👋 { $names }, добро пожаловать в чат сессии «{ $title }» ({ $when })! Здесь будут опросы и новости сессии.
greet-more = и ещё { $count }

## /poll in a group
poll-not-bound = Этот чат не привязан к сессии. Сначала отправьте /bind_session.
poll-help =
    📊 <b>Опрос одной строкой</b>
    <code>/poll Вопрос? | Вариант 1 | Вариант 2</code>
    (или каждый вариант с новой строки)

    В конце можно добавить слова:
    • <code>анонимно</code> — без имён голосующих
    • <code>несколько</code> — можно выбрать несколько вариантов
    • <code>викторина=2</code> — викторина, верный вариант № 2
    • <code>закрыть=30м</code> — закрыть самому через 30 минут (или 1ч, 2h, 90m)
    По-английски тоже можно: anon, multi, quiz=2, close=30m.

    Пример: <code>/poll Когда встречаемся? | Суббота | Воскресенье | несколько закрыть=1ч</code>

    Вопрос — до { $qmax } { $qmax ->
        [one] символа
       *[other] символов
    }, вариантов — от { $min } до { $max }, каждый до { $omax } { $omax ->
        [one] символа
       *[other] символов
    }.
    Закрыть опрос — /close_poll ответом на него, итоги — /results. Пошагово — /poll в личном чате с ботом.
poll-help-short = Образец: <code>/poll Вопрос? | Вариант 1 | Вариант 2 | анонимно</code>. Справка — /poll без текста.
poll-post-failed = Telegram не принял опрос. Проверьте, что бот — участник чата и может отправлять опросы, и попробуйте ещё раз.

## Problems with a poll
poll-err-no-options = Нет вариантов ответа: отделите их от вопроса и друг от друга знаком «|» или пишите каждый с новой строки.
poll-err-question-empty = Вопрос пустой: напишите его текстом.
poll-err-question-invisible = В вопросе не видно ни одной буквы — только невидимые символы. Напишите вопрос обычными буквами.
poll-err-question-long = Вопрос длиннее { $max } { $max ->
    [one] символа
   *[other] символов
} (сейчас { $length }). Сократите его.
poll-err-option-empty = Вариант № { $number } пустой: уберите лишний знак «|» или впишите текст.
poll-err-option-invisible = В варианте № { $number } не видно ни одной буквы — только невидимые символы. Впишите его текст обычными буквами.
poll-err-option-long = Вариант № { $number } длиннее { $max } { $max ->
    [one] символа
   *[other] символов
} (сейчас { $length }). Сократите его.
poll-err-option-duplicate = Вариант № { $number } повторяет вариант № { $first }. Варианты должны различаться.
poll-err-options-few = Нужно хотя бы { $min } { $min ->
    [one] вариант
    [few] варианта
   *[many] вариантов
} ответа.
poll-err-options-many = Вариантов не может быть больше { $max } (сейчас { $count }). Уберите лишние.
poll-err-quiz-number = В викторине укажите номер верного варианта цифрой: <code>викторина=2</code>.
poll-err-quiz-range = В викторине верный вариант № { $number }, а вариантов всего { $count }. Укажите номер от 1 до { $count }.
poll-err-quiz-multi = В викторине только один ответ: уберите «несколько» или «викторина».
poll-err-close-unreadable = Срок «{ $value }» непонятен. Пишите так: 30м, 1ч, 1ч30м, 2h, 90m.
poll-err-close-range = Закрыть опрос можно через срок от 1 минуты до 7 дней.

## /close_poll and /results
poll-close-reply = Отправьте эту команду ответом на сообщение с опросом.
poll-not-ours = Это не опрос бота. Ответьте командой на опрос, который бот опубликовал в этом чате.
poll-already-closed = Этот опрос уже закрыт. Итоги — /results ответом на него.
poll-close-failed = Не удалось связаться с Telegram, опрос пока открыт. Попробуйте ещё раз через минуту.
poll-results-none = В этой сессии ещё не было опросов.
poll-results-pick = Опросов сессии: { $count }. Итоги какого опроса показать?
poll-group-only = Команда { $command } работает в чате сессии: отправьте её там.
poll-list = 📊 Опросы: { $total } (страница { $page } из { $pages }). Итоги какого опроса показать?
poll-list-empty = Опросов пока нет. Создайте опрос командой /poll.
poll-btn-prev = ← Назад
poll-btn-next = Дальше →

## Results
poll-results-title = 📊 <b>Итоги опроса</b> «{ $question }»
poll-results-title-open = 📊 <b>Промежуточные итоги</b> (опрос ещё идёт) «{ $question }»
poll-results-kind = <i>{ $kind }</i>
poll-results-line = { $position }. { $option } — { $count } ({ $percent } %)
poll-results-correct = ✅
poll-results-total = Проголосовали: { $total }
poll-results-closed-at = Закрыт { $date }
poll-kind-open = неанонимный
poll-kind-anonymous = анонимный
poll-kind-multiple = несколько ответов
poll-kind-quiz = викторина
poll-chart-footer = Проголосовали: { $total }
poll-chart-caption = 📊 Итоги опроса № { $number }
poll-status-open = идёт
poll-status-closed = закрыт
poll-session-none = Опросов не было.
poll-session-line = 📊 «{ $question }» ({ $status }, проголосовали: { $total }): { $answers }

## /poll step by step (private chat)
poll-ask-question = 📊 Новый опрос. Напишите вопрос (до { $max } { $max ->
    [one] символа
   *[other] символов
}). /cancel — отменить.
poll-need-text = Отправьте текст сообщением.
poll-ask-options = Теперь варианты ответа — по одному в сообщении (можно несколько строк сразу), от { $min } до { $max }.
poll-option-added = Вариантов: { $count } из { $max }. { $count ->
        [1] Напишите следующий.
       *[other] Напишите ещё или нажмите «Готово».
    }
poll-options-full = Это { $max }-й вариант — больше нельзя.
poll-options-saved = Вариантов: { $count }.
poll-btn-done = ✅ Готово
poll-btn-drop = ✖ Отменить
poll-draft-question = 📊 <b>{ $question }</b>
poll-draft-option = { $position }. { $option }
poll-draft-close-manual = ⏱ Закрыть: вручную (/close_poll)
poll-draft-close-after = ⏱ Закрыть через { $duration }
poll-yes = да
poll-no = нет
poll-btn-anon = 🕶 Анонимно: { $value }
poll-btn-multi = ☑️ Несколько ответов: { $value }
poll-btn-quiz-off = 🏆 Викторина: нет
poll-btn-quiz-on = 🏆 Викторина: верный № { $number }
poll-btn-close-manual = ⏱ Закрыть: вручную
poll-btn-close-after = ⏱ Закрыть через { $duration }
poll-btn-pick-chat = ➡️ Выбрать чат сессии
poll-btn-no-quiz = Без викторины
poll-btn-back = ← Назад
poll-btn-close-none = Вручную
poll-btn-close-typed = ✏️ Свой срок
poll-ask-correct = Какой вариант верный?
poll-ask-close-choice = Когда закрыть опрос?
poll-ask-close = Напишите срок, через который закрыть опрос: например, 45м, 2ч или 1ч30м (от { $min } до { $max }).
poll-quiz-off = Викторина выключена: в ней только один ответ.
poll-multi-off = «Несколько ответов» выключено: в викторине один ответ.
poll-use-buttons = Выберите кнопкой ниже или отправьте /cancel.
poll-ask-chat = В какой чат сессии отправить опрос?
poll-no-chats = Нет чатов предстоящих сессий. Добавьте бота в группу и отправьте там /bind_session.
poll-chat-gone = Этот чат больше не привязан к предстоящей сессии. Выберите другой.
poll-confirm = Отправить в чат «{ $chat }» (сессия «{ $session }», { $when })?
poll-btn-post = 📤 Опубликовать
poll-btn-other-chat = ← Другой чат
poll-posted = ✅ Опрос № { $number } опубликован в чате «{ $chat }».
poll-posted-link = Ссылка: { $link }
poll-cancelled = Опрос отменён.
poll-draft-gone = Этот черновик уже опубликован или отменён. Новый опрос — /poll.

## Units
poll-unit-days = { $n } { $n ->
    [one] день
    [few] дня
   *[many] дней
}
poll-unit-hours = { $n } { $n ->
    [one] час
    [few] часа
   *[many] часов
}
poll-unit-minutes = { $n } { $n ->
    [one] минуту
    [few] минуты
   *[many] минут
}

## /export
export-kind-polls = 📊 Опросы
export-kind-votes = 🗳 Голоса
export-col-session = Сессия
export-col-chat = Чат
export-col-question = Вопрос
export-col-options = Варианты
export-col-settings = Настройки
export-col-poll-created = Создан ({ time-local })
export-col-poll-closed = Закрыт ({ time-local })
export-col-voters = Проголосовали
export-col-counts = Голоса по вариантам
export-col-poll = Опрос №
export-col-choice = Выбор
export-poll-correct = (верный № { $number })
export-vote-retracted = — (голос отозван)
