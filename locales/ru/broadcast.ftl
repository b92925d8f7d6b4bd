## Broadcasts (organizers)
bc-ask-message = 📣 Пришлите сообщение для рассылки — ровно таким, каким его увидят жители: текст с оформлением, фото, видео или документ с подписью.
    Отменить: /cancel
bc-album = Альбом разослать нельзя: пришлите одно фото, видео или документ с подписью.
bc-unsupported = Такое сообщение разослать нельзя. Пришлите текст, фото, видео, документ, GIF, аудио или голосовое сообщение. Отменить: /cancel
bc-ask-audience = Кому отправить?
bc-use-buttons = Выберите вариант кнопками ниже или отмените: /cancel
bc-aud-all = 👥 Всем жителям · { $n }
bc-aud-direction = 🔔 Подписчикам направления
bc-aud-territory = 📍 Жителям территории
bc-aud-authors = 💡 Авторам идей направления
bc-drop = ✖ Отменить рассылку
bc-back = ← Назад
bc-change-audience = ← Выбрать других получателей
bc-ask-direction = Подписчикам какого направления?
bc-ask-authors = Авторам идей какого направления?
bc-ask-territory = Жителям какой территории? (рядом — сколько получат)
bc-no-territories = Пока ни один житель не указал территорию.
bc-label-all = все жители
bc-label-direction = подписчики направления «{ $direction }»
bc-label-authors = авторы идей направления «{ $direction }»
bc-label-territory = жители территории «{ $territory }»
bc-audience-picked = Получатели: { $audience }. Так сообщение увидят жители:
bc-preview = ☝️ Это предпросмотр. Получатели: { $audience } — { $n } { $n ->
    [one] человек
    [few] человека
   *[many] человек
}.
    Отправить?
bc-preview-nobody = Получатели: { $audience } — сейчас таких жителей нет. Выберите других получателей.
bc-confirm = 📣 Отправить ({ $n })
bc-draft-gone = Эта рассылка уже отправлена или отменена. Новая — /broadcast
bc-dropped = Рассылка отменена, ничего не отправлено.
bc-started = ✅ Рассылка № { $number } запущена: получателей — { $n }. Ход рассылки — в следующем сообщении.
bc-stop = ⏹ Остановить рассылку
bc-stopping = Останавливаю рассылку…
bc-already-finished = Эта рассылка уже завершена.
bc-progress-title-queued = ⏳ Рассылка № { $number } ждёт своей очереди: сейчас идёт другая
bc-progress-title-sending = 📣 Рассылка № { $number } идёт
bc-progress-title-cancelling = 📣 Рассылка № { $number } останавливается…
bc-progress-title-done = ✅ Рассылка № { $number } завершена
bc-progress-title-cancelled = ⏹ Рассылка № { $number } остановлена
bc-progress-title-aborted = ⚠️ Рассылка № { $number } прервана: исходное сообщение удалено
bc-progress-sent = Доставлено: { $sent } из { $total }
bc-progress-problems = Заблокировали бота: { $blocked } · Ошибки: { $failed } · Неизвестно: { $unknown }
bc-progress-cancelled = Не отправлено из-за остановки: { $n }
bc-progress-eta = Осталось примерно { $eta }
bc-eta-seconds = { $n } { $n ->
    [one] секунда
    [few] секунды
   *[many] секунд
}
bc-eta-minutes = { $m } { $m ->
    [one] минута
    [few] минуты
   *[many] минут
} { $s } { $s ->
    [one] секунда
    [few] секунды
   *[many] секунд
}
bc-eta-hours = { $h } { $h ->
    [one] час
    [few] часа
   *[many] часов
} { $m } { $m ->
    [one] минута
    [few] минуты
   *[many] минут
}
bc-report-done = Итог рассылки № { $number }: доставлено { $sent } из { $total }. Заблокировали бота: { $blocked }, ошибки: { $failed }, неизвестно: { $unknown }.{ $cancelled ->
        [0] {""}
       *[other] {" "}Не отправлено { $cancelled }: после запуска эти жители отключили объявления, заблокировали бота, были заблокированы или удалили свои данные.
    }
bc-report-cancelled = Рассылка № { $number } остановлена: доставлено { $sent } из { $total }, не отправлено { $cancelled }. Заблокировали бота: { $blocked }, ошибки: { $failed }, неизвестно: { $unknown }.
bc-report-unknown = { $unknown ->
        [one] Про { $unknown } получателя неизвестно, дошло ли сообщение: Telegram не ответил. Повторно оно не отправлялось, чтобы не прийти дважды.
       *[other] Про { $unknown } получателей неизвестно, дошло ли сообщение: Telegram не ответил. Повторно оно не отправлялось, чтобы не прийти дважды.
    }
bc-resend = 🔁 Отправить ещё раз ({ $n })
bc-resend-ask = Отправить рассылку № { $number } ещё раз { $n ->
        [one] { $n } получателю, про которого неизвестно, дошла ли она? Если она всё-таки дошла, он увидит её дважды.
       *[other] { $n } получателям, про которых неизвестно, дошла ли она? Те, до кого она всё-таки дошла, увидят её дважды.
    }
bc-resend-confirm = 📣 Да, отправить ещё раз ({ $n })
bc-resend-keep = ✖ Не отправлять
bc-resend-started = 🔁 Рассылка № { $number }: отправляю ещё раз { $n ->
        [one] { $n } получателю
       *[other] { $n } получателям
    }. Итог придёт отдельным сообщением.
bc-resend-kept = Хорошо, рассылку № { $number } ещё раз не отправляю.
bc-resend-nothing = Отправлять ещё раз некому: рассылка ещё идёт или её уже отправили повторно.
bc-report-aborted = Рассылка № { $number } прервана: исходное сообщение удалено, поэтому копировать больше нечего. Доставлено { $sent } из { $total }. Создайте рассылку заново: /broadcast

## Settings (residents)
settings-saved = Сохранено
consent-required-short = Сначала нужно согласие на обработку данных: нажмите /start.
