## Роли: /organizers (суперадминистраторы), кураторы, /audit

roles-list-title = 👥 <b>Организаторы</b> ({ $count })
roles-list-item = { $number }. <b>{ $name }</b> — id <code>{ $id }</code>
roles-list-curates = {"    "}куратор: { $directions }
roles-list-empty = Организаторов пока нет.
roles-list-how = Чтобы добавить организатора, нажмите «➕ Добавить» и перешлите мне любое его сообщение, пришлите его @username или числовой id. Так же работают <code>/organizers add @username</code>, <code>/organizers add 123456789</code> и <code>/organizers remove …</code>. Кнопка с именем — кураторство и снятие с роли.
roles-btn-add = ➕ Добавить
roles-btn-remove = 🗑 Снять с организаторов
roles-btn-remove-yes = 🗑 Да, снять
roles-btn-remove-no = « Нет, оставить
roles-btn-back = « К списку

roles-card = 👤 <b>{ $name }</b>, id <code>{ $id }</code> — организатор.
roles-card-curates = Куратор направлений: { $directions }.
roles-card-no-curates = 🧭 Не куратор ни одного направления.
roles-card-how = Нажмите на направление, чтобы назначить куратором (✅) или снять (▫️).

roles-ask-person = Кого сделать организатором? Перешлите мне любое сообщение этого человека, пришлите его @username или числовой id. Человек должен хотя бы раз запустить бота (/start). Отменить — /cancel.
roles-ask-again = Непонятно, кого добавить. Перешлите сообщение этого человека, пришлите @username (например, @ivan_petrov) или числовой id (например, 123456789). Отменить — /cancel.
roles-hidden-sender = { $name } скрывает аккаунт в пересланных сообщениях, поэтому Telegram не передаёт id. Пришлите вместо этого @username или числовой id (его можно узнать, например, у @userinfobot). Отменить — /cancel.
roles-not-a-person = Это сообщение не от человека (оно из чата или канала). Перешлите сообщение самого человека, пришлите его @username или числовой id. Отменить — /cancel.
roles-is-bot = { $name } — бот, ботов нельзя сделать организаторами. Перешлите сообщение человека, пришлите его @username или id.
roles-not-started = { $name }: у этого человека ещё нет диалога с ботом, поэтому ему нельзя написать и показать команды. Попросите его открыть { $bot } и нажать «Старт» (/start), потом добавьте снова.
roles-username-unknown = Человека с именем { $username } бот не знает: имя пользователя хранится, только если человек принял согласие для жителей. Перешлите сообщение от этого человека или пришлите его числовой id.
roles-not-organizer = { $who } не организатор. Список — /organizers.
roles-usage = Как пользоваться: <code>/organizers</code> — список; <code>/organizers add</code> — добавить (затем перешлите сообщение, @username или id); <code>/organizers add @username</code> или <code>/organizers add 123456789</code>; <code>/organizers remove @username</code> или <code>/organizers remove 123456789</code>.
roles-group-usage = В группе: ответьте на сообщение человека командой <code>/organizers add</code>, чтобы сделать его организатором. Список и остальное — в личном чате со мной.
roles-private-only = Эта команда работает в личном чате со мной.

roles-added = ✅ { $name } теперь организатор. Человеку отправлено уведомление, команды организатора появились в его меню.
roles-not-told = ⚠️ Но сообщение не дошло: похоже, человек заблокировал бота.
roles-already = { $name } уже организатор.
roles-is-superadmin = { $name } — суперадминистратор (из ADMIN_IDS): все права уже есть.
roles-removed = 🗑 { $name } больше не организатор (и не куратор). Человеку отправлено уведомление, команды организатора убраны из меню.
roles-removed-toast = Роль организатора снята
roles-remove-ask = Снять <b>{ $name }</b> с организаторов? Человек потеряет доступ к командам организатора и кураторству направлений.
roles-gone = Этот человек уже не организатор.
roles-curator-added = { $name } теперь куратор направления { $direction }.
roles-curator-removed = ▫️ { $name } больше не куратор направления { $direction }.
roles-saved-toast = Сохранено
roles-unchanged-toast = Уже так

roles-you-organizer = 🎉 Вы назначены организатором бота «Точка кипения». Вам доступны команды:
    { $commands }
    Они появились в меню (кнопка «/»).
roles-you-not-organizer = Вы больше не организатор бота «Точка кипения». Команды организатора убраны из меню; идеи предлагать можно, как и раньше.
roles-you-curator = Вы назначены куратором направления { $direction }.
roles-you-not-curator = Вы больше не куратор направления { $direction }.

roles-refused-organizer = ⛔ Команда { $command } доступна только организаторам. Если вы организатор, попросите суперадминистратора добавить вас через /organizers.
roles-refused-superadmin = ⛔ Команда { $command } доступна только суперадминистраторам.
roles-refused-press = ⛔ Эта кнопка доступна только суперадминистраторам.

audit-title = 📜 <b>Журнал действий</b> — последние записи ({ $count }):
audit-empty = 📜 Журнал действий пока пуст.
audit-more = …и ещё { $count } { $count ->
    [one] запись не поместилась
    [few] записи не поместились
   *[many] записей не поместились
} в сообщение.
audit-entry = <code>{ $time }</code> { $actor }: <b>{ $action }</b>{ $target }{ $details }
audit-target = {" "}→ { $target }
audit-details = {" "}({ $details })
audit-action-role_grant = назначен организатор
audit-action-role_revoke = снят организатор
audit-action-curator_grant = назначен куратор
audit-action-curator_revoke = снят куратор
audit-action-broadcast = рассылка
audit-action-broadcast_cancel = рассылка остановлена
audit-action-broadcast_resend = рассылка отправлена ещё раз тем, про кого неизвестно, дошла ли она
audit-action-export = выгрузка данных
audit-action-session_create = сессия создана
audit-action-session_edit = сессия изменена
audit-action-session_reschedule = сессия перенесена
audit-action-session_cancel = сессия отменена
audit-action-session_announce = анонс сессии

roles-still-in-chats = ⚠️ { $name } по-прежнему { $count ->
    [one] в чате кураторов { $chats }
   *[other] в чатах кураторов: { $chats }
}. Там видны карточки идей с именами жителей и их районами.
roles-kick-manual = { $count ->
    [one] В чате { $chats }
   *[other] В чатах { $chats }
} я не могу удалять участников: сделайте меня администратором с правом блокировать участников или удалите человека вручную.
roles-kick-chat-admin = { $count ->
    [one] В чате { $chats }
   *[other] В чатах { $chats }
} этот человек — администратор: администратора может удалить только человек, вручную.
roles-someone = Этот человек
roles-btn-kick = { $count ->
    [one] 🚪 Удалить из этого чата
   *[other] 🚪 Удалить из этих чатов
}
roles-kick-staff-again = Этот человек снова организатор — удалять его из чатов кураторов не нужно.
roles-kicked = 🚪 { $count ->
    [one] Человек удалён из чата кураторов { $chats }
   *[other] Человек удалён из чатов кураторов: { $chats }
}. Вернуться можно только по новому приглашению.
roles-kicked-none = Этого человека уже нет в чатах кураторов, откуда я могу удалять участников.
roles-kick-failed = Не получилось удалить из { $count ->
    [one] чата
   *[other] чатов
} { $chats } — удалите вручную.
audit-action-chat_removal = удаление из чатов кураторов
