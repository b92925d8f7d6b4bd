## Страница идеи: /my, /ideas, карточки кураторов, ссылка t.me/<бот>?start=idea_<N>
idea-page-head = 💡 <b>Идея № { $number }</b> · { $status }
idea-page-status-new = на рассмотрении
idea-page-status-accepted = принята
idea-page-status-rejected = отклонена
idea-page-status-in_progress = в работе
idea-page-status-implemented = реализована
idea-page-status-duplicate = повтор другой идеи
idea-page-facts = Направление: { $direction }
    Территория: { $territory }
    Место: { $place }
    Поддержали: { $supports ->
        [one] { $supports } человек
        [few] { $supports } человека
       *[many] { $supports } человек
    }
idea-page-photos-above = Фото выше: { $count }
idea-page-place-point = точка на карте
idea-page-place-none = не указано
idea-page-territory-none = не указана
idea-page-history = <b>История</b>
idea-page-step = { $date } — { $step }
idea-page-step-submitted = подана
idea-page-step-accepted = принята
idea-page-step-rejected = отклонена
idea-page-step-in_progress = в работе
idea-page-step-implemented = реализована
idea-page-step-answer = ответ кураторов
idea-page-answer = <b>Ответ кураторов</b> ({ $date }):
    { $answer }
idea-page-reason = <b>Причина отклонения:</b> { $reason }
idea-page-not-public-note = Идея не опубликована: её видят только автор и кураторы.
idea-page-own = Это ваша идея.
idea-page-supported = Вы поддержали эту идею.
idea-page-following = Вы следите за идеей: о переменах придёт сообщение.
idea-page-join = Поддержать идею или следить за ней можно после короткой регистрации: нажмите кнопку ниже.
idea-page-photos = Идея № { $number }
idea-page-not-public = Идея № { $number } не опубликована или её нет. Опубликованные идеи — в /ideas.
idea-page-bad-link = Ссылка на идею неверна. Опубликованные идеи — в /ideas.
idea-page-need-setup = Сначала короткая регистрация, потом страница идеи откроется снова.
idea-page-followed = Вы следите за идеей № { $number }. О переменах придёт сообщение.
idea-page-unfollowed = Сообщения об идее № { $number } больше не придут.
idea-page-share-text = Поддержите идею № { $number }
idea-page-my-hint = Откройте идею кнопкой с её номером.
idea-page-btn-support = 👍 Поддержать
idea-page-btn-withdraw = Отозвать поддержку
idea-page-btn-follow = 🔔 Следить
idea-page-btn-unfollow = Не следить
idea-page-btn-map = 📍 Показать на карте
idea-page-btn-share = Поделиться
idea-page-btn-answer = Ответ автору и жителям
idea-page-btn-list = « К списку идей
idea-page-btn-my = « К моим идеям
idea-page-btn-number = № { $number }
idea-page-btn-more = Подробнее

## Ответ кураторов (со страницы идеи)
idea-answer-ask = Напишите ответ автору и жителям на идею № { $number } — до { $max } { $max ->
        [one] символа
       *[other] символов
    } — ответом на это сообщение. Он появится на странице идеи; автор и те, кто следит за идеей, получат сообщение. Отменить: /cancel
idea-answer-long = Ответ длиннее { $max } { $max ->
        [one] символа
       *[other] символов
    }: в нём { $count } { $count ->
        [one] символ
        [few] символа
       *[many] символов
    }. Сократите его и пришлите снова.
idea-answer-done = Ответ опубликован на странице идеи № { $number }. Автор и те, кто следит за идеей, получат сообщение.
idea-answer-cancelled = Ответ не отправлен.
card-page-link = <a href="{ $url }">Страница идеи</a>
notify-answer = Кураторы направления «{ $direction }» ответили на вашу идею № { $number }:

    { $answer }

    Ответ виден и на странице идеи: /my

## Уведомления тем, кто следит за идеей
idea-news-in_progress = 🛠 Идея № { $number }, за которой вы следите, теперь в работе.
idea-news-implemented = 🏁 Идея № { $number }, за которой вы следите, реализована.
idea-news-answer = 💬 Кураторы ответили на идею № { $number }, за которой вы следите.
idea-news-excerpt = «{ $text }»
idea-news-answer-text = Ответ: { $answer }
idea-news-btn-open = Открыть идею
idea-news-btn-stop = Не присылать такие уведомления
idea-news-btn-resume = Включить снова
idea-news-stopped = Уведомления об идеях, которые вы поддержали или за которыми следите, выключены. Включить их снова можно кнопкой ниже или в /settings.
idea-news-resumed = Уведомления об идеях снова включены.

## Журнал действий
audit-action-idea_answer = опубликован ответ кураторов на идею
