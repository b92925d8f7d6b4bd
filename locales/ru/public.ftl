## Идеи жителей: /ideas, поддержка, жалобы, похожие идеи

menu-ideas = 🗳 Идеи жителей

public-list-head = <b>🗳 Идеи жителей</b> — { $filter }, { $sort }.
    Всего: { $total } · страница { $page } из { $pages }
public-list-item = <b>№ { $number }</b> · { $status } · поддержали: { $supports }
    { $excerpt }
    <i>{ $direction } · { $territory }</i>
public-list-empty = Здесь пока нет опубликованных идей. Выберите другой фильтр или предложите свою — /idea.
public-list-hint = Нажмите номер идеи, чтобы открыть её, поддержать или пожаловаться.
public-filter-all = все идеи
public-filter-direction = направление «{ $name }»
public-filter-territory = территория «{ $name }»
public-sort-supports = самые поддержанные сверху
public-sort-date = сначала новые
public-btn-sort-date = 🕒 Сначала новые
public-btn-sort-supports = 👍 По поддержке
public-btn-filter = 🔎 Фильтр
public-filter-ask = <b>🔎 Какие идеи показать?</b>
public-filter-pick-direction = <b>🧭 Идеи какого направления показать?</b>
public-filter-pick-territory = <b>📍 Идеи какой территории показать?</b> Показаны территории, где есть опубликованные идеи.
public-btn-all = 🗳 Все идеи
public-btn-by-direction = 🧭 По направлению
public-btn-by-territory = 📍 По территории
public-btn-back = « Назад
public-btn-list = « К списку
public-territory-none = территория не указана

public-status-accepted = ✅ принята
public-status-in_progress = 🛠 в работе
public-status-implemented = 🏁 реализована

public-detail = <b>Идея № { $number }</b> · { $status }

    { $text }

    { $direction }
    📍 { $territory }
    🗓 { $date }
    👍 Поддержали: { $supports }
public-detail-own = ✍️ Это ваша идея: свою идею нельзя поддержать или на неё пожаловаться.
public-detail-supported = 👍 Вы поддержали эту идею.
public-detail-reported = ⚠️ Вы пожаловались на эту идею.
public-btn-support = 👍 Поддержать
public-btn-withdraw = ↩️ Отозвать поддержку
public-btn-report = ⚠️ Пожаловаться

public-supported = Вы поддержали идею № { $number }. Спасибо!
public-already-supported = Вы уже поддержали идею № { $number }.
public-withdrawn = Поддержка идеи № { $number } отозвана.
public-not-supported = Вы не поддерживали идею № { $number }.
public-own-support = Свою идею поддержать нельзя.
public-own-report = На свою идею пожаловаться нельзя.
public-not-public = Идея № { $number } сейчас не опубликована: её скрыли до проверки или сняли с публикации. Откройте свежий список — /ideas.

public-report-ask = <b>⚠️ Жалоба на идею № { $number }</b>

    Что с ней не так? Жалобы читают модераторы; после нескольких жалоб идея скрывается до проверки.
public-reason-spam = Спам или реклама
public-reason-abuse = Оскорбления, личные данные
public-reason-offtopic = Не по теме
public-reason-dup = Повторяет другую идею
public-reason-none = Без причины
public-reported = Спасибо, жалоба принята. Модераторы посмотрят идею № { $number }.
public-already-reported = Вы уже жаловались на идею № { $number }.
public-hidden-now = <b>Идея № { $number } скрыта до проверки.</b> Спасибо, жалоба принята — модераторы решат, вернуть ли её в общий список.

public-threshold-reached = Вашу идею <b>№ { $number }</b> («{ $direction }») { $supports ->
    [one] поддержал уже { $supports } житель
    [few] поддержали уже { $supports } жителя
   *[many] поддержали уже { $supports } жителей
}. Спасибо, что предложили её! Все опубликованные идеи — /ideas.
public-staff-hidden = ⚠️ Идея <b>№ { $number }</b> скрыта после жалоб жителей ({ $reports }) и ждёт проверки: /moderate.

    «{ $text }»
public-staff-restored = ♻️ Идея <b>№ { $number }</b> снова видна жителям: жалобы, из-за которых её скрыли, отозваны (их авторы удалили свои данные), и учтённых осталось меньше { $threshold }. Посмотреть её: /moderate { $number }.

    «{ $text }»

## Похожие идеи при написании новой
idea-similar = 🔍 <b>Похожие идеи уже опубликованы.</b> Если одна из них о том же — поддержите её: у идеи с большой поддержкой больше шансов на реализацию.
idea-similar-item = <b>№ { $number }</b> · { $status } · поддержали: { $supports }
    { $excerpt }
idea-similar-foot = Если ваша идея о другом — продолжайте, её текст сохранён.
idea-similar-support = 👍 Поддержать № { $number } вместо своей
idea-similar-continue = ✍️ У меня другое, продолжить
idea-similar-need = Выше — похожие идеи: поддержите одну из них кнопкой или продолжите свою.
idea-similar-supported = 👍 Вы поддержали идею <b>№ { $number }</b> вместо своей. Черновик удалён — спасибо! Все идеи — /ideas.
idea-similar-already = Вы уже поддерживали идею <b>№ { $number }</b>. Черновик удалён. Все идеи — /ideas.
public-need-setup = Смотреть и поддерживать идеи жителей можно после согласия на обработку данных и выбора территории. Начните с /start.
