# After a session: feedback from attendees, the organizers' summary (bot/handlers/feedback.py, bot/services/lifecycle.py)
feedback-rated =
    Спасибо! Ваша оценка: { $rating } из 5
    Если хотите, напишите комментарий одним сообщением — что понравилось, что улучшить. Или нажмите «Без комментария».
feedback-btn-skip = Без комментария
feedback-thanks = Спасибо за отзыв! Он поможет сделать следующие сессии лучше.
feedback-thanks-rating = Спасибо за оценку: { $rating } из 5
feedback-not-available = Оценить можно только сессию, на которой вы отмечены как участник, после её окончания.
feedback-comment-text = Напишите комментарий текстом или нажмите «Без комментария».
feedback-comment-too-long = Комментарий длинноват: { $length } { $length ->
    [one] символ
    [few] символа
   *[many] символов
}, а можно до { $limit }. Сократите, пожалуйста.
feedback-cancelled = Комментарий не добавлен. Ваша оценка сохранена.
summary-title = 📊 <b>Итоги сессии «{ $title }»</b> ({ $when })
summary-registered = Записались: { $n }
summary-attended = Пришли: { $n }
summary-no-shows = Не пришли: { $n }
summary-waiting = Остались в листе ожидания: { $n }
summary-feedback-none = Оценки участников: пока нет (итог обновится, когда они придут)
summary-feedback = Средняя оценка: { $average } из 5 (отзывов: { $n })
summary-comment = 💬 «{ $text }»
feedback-rated-busy = Спасибо! Ваша оценка: { $rating } из 5 (её можно изменить). Чтобы добавить комментарий, закончите текущее действие и нажмите оценку ещё раз.
feedback-comment-late = Ваша оценка ({ $rating } из 5) сохранена. Если это был комментарий к сессии — нажмите оценку под вопросом ещё раз и напишите его сразу после.
summary-decimal-point = ,
summary-more = …и ещё { $n } — { $n ->
    [one] не поместился
   *[other] не поместились
} в сообщение (итоги каждого опроса — /results).
