## Statistics and exports (organizers)
stats-title = 📊 <b>Статистика</b> на { $date }
stats-residents = 👥 <b>Жители</b>: всего { $total }, дали согласие { $consented }
    активны { $active }, заблокировали бота { $blocked }, заблокированы организаторами { $banned }
stats-territories-title = По территориям (первые { $n }):
stats-territory-line = • { $name } — { $count }
stats-territory-rest = • остальные территории — { $count }
stats-ideas = 💡 <b>Идеи</b>: { $total } (скрыто по жалобам: { $hidden })
stats-status-line = • { $status } — { $count }
stats-direction-line = { $direction }: { $total } — { $breakdown }
stats-status-new = на рассмотрении
stats-status-accepted = приняты
stats-status-in-progress = в работе
stats-status-implemented = реализованы
stats-status-rejected = отклонены
stats-status-duplicate = дубликаты
stats-supports = 👍 <b>Поддержки</b>: { $total } от { $supporters } { $supporters ->
    [one] жителя
   *[other] жителей
}
stats-top-title = Больше всего поддержек:
stats-top-line = • № { $number } «{ $text }» — { $supports }
stats-broadcasts = 📣 <b>Рассылки</b>: { $count }
    доставлено { $sent }, заблокировали бота { $blocked }, ошибки { $failed }, неизвестно { $unknown }, в очереди { $waiting }
stats-chart-caption = 📊 Идеи по направлениям и статусам, жители по территориям
stats-chart-ideas = Идеи по направлениям и статусам
stats-chart-residents = Жители по территориям (первые { $n })
stats-chart-empty = пока нет данных

export-ask = 📤 Что выгрузить? Файл придёт сюда.
    CSV открывается в Excel (UTF-8, разделитель «;»), XLSX — книга Excel.
    Жители — только давшие согласие на обработку данных.
export-kind-ideas = 💡 Идеи
export-kind-residents = 👥 Жители
export-kind-supports = 👍 Поддержки
export-kind-deliveries = 📣 Рассылки
export-preparing = Готовлю файл…
export-done = { $kind }: строк — { $rows }.
export-failed = ⚠️ Не удалось отправить файл. Попробуйте ещё раз: /export
export-too-large = ⚠️ Файл получился больше 50 МБ (около { $mb } МБ) — Telegram такой не примет. Выберите другой формат или вид данных: /export
export-yes = да
export-no = нет
export-col-number = Номер
export-col-text = Текст
export-col-status = Статус
export-col-direction = Направление
export-col-territory = Территория
export-col-supports = Поддержки
export-col-author = Автор
export-col-created = Создана ({ time-local })
export-col-decided = Решение ({ time-local })
export-col-id = ID Telegram
export-col-name = Имя
export-col-username = Username
export-col-language = Язык
export-col-consent-version = Версия согласия
export-col-consent-date = Дата согласия ({ time-local })
export-col-subscriptions = Подписки
export-col-active = Бот не заблокирован
export-col-banned = Заблокирован организаторами
export-col-idea = Идея №
export-col-supporter-id = ID Telegram жителя
export-col-supporter-name = Имя жителя
export-col-supported-at = Поддержана ({ time-local })
export-col-broadcast = Рассылка №
export-col-recipient = ID Telegram получателя
export-col-error = Ошибка
export-col-time = Время ({ time-local })
export-delivery-pending = в очереди
export-delivery-sending = отправляется
export-delivery-sent = доставлено
export-delivery-blocked = бот заблокирован
export-delivery-failed = ошибка
export-delivery-unknown = неизвестно (таймаут)
export-delivery-cancelled = отменено
