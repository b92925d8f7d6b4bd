## Модерация: /moderate, решения по идеям, /ban и /unban

# Статусы в /my
status-duplicate = 🔁 дубликат
status-in_progress = 🛠 в работе
status-implemented = 🏁 реализована

# Строка статуса на карточке идеи (в чате кураторов и в /moderate)
card-status-duplicate = Статус: 🔁 дубликат идеи № { $original } ({ $who })
card-status-in_progress = Статус: 🛠 в работе ({ $who })
card-status-implemented = Статус: 🏁 реализована ({ $who })
card-in-progress = 🛠 В работу
card-implemented = 🏁 Реализована

# Уведомления автору
notify-duplicate = 🔁 Ваша идея <b>№ { $number }</b> совпадает с уже предложенной идеей <b>№ { $original }</b>, поэтому рассматривать её будут вместе с ней:
    <i>{ $excerpt }</i>
    { $public ->
        [yes] Поддержать идею № { $original } можно в разделе /ideas.
       *[no] О решении по ней я сообщу.
    }
notify-in_progress = Вашу идею <b>№ { $number }</b> взяли в работу (направление «{ $direction }»). Я сообщу, когда она будет реализована.
notify-implemented = 🏁 Ваша идея <b>№ { $number }</b> реализована! Спасибо, что сделали регион лучше.

# Очередь
mod-queue-new = 🗂 <b>Очередь модерации</b>: ждут решения — { $total }
mod-queue-mine = {" "}(в ваших направлениях — { $mine }, они первыми)
mod-queue-hidden = 🚩 <b>Скрыты по жалобам</b>: ждут проверки — { $total }
mod-hidden-note = Жалоб: { $reports } · поддержек: { $supports }. Верните идею, если жалобы напрасны, или отклоните её.
mod-reporters-head = 🚩 Кто пожаловался ({ $total }):
mod-reporter = • { $name } — { $reason }
mod-reporter-uncounted = • { $name } — { $reason } (не учтена)
mod-reporters-uncounted = Не учтены жалобы тех, кто недавно в боте или ещё ничего в нём не делал: они идею не скрывают.
mod-reporters-more = …и ещё { $count }
mod-reporter-unnamed = житель без имени
mod-queue-empty = 🎉 Новых идей в очереди нет.
mod-hidden-empty = 🎉 Скрытых по жалобам идей нет.
mod-usage = Как пользоваться: <code>/moderate</code> — очередь новых идей; <code>/moderate 12</code> или <code>/moderate #12</code> — открыть идею № 12 (например, чтобы отметить «в работе» или «реализована»).
mod-idea-missing = Идеи № { $number } нет. Проверьте номер.
mod-private-only = Модерация идёт в личном чате со мной: напишите мне /moderate.

mod-btn-approve = ✅ Принять
mod-btn-reject = ❌ Отклонить
mod-btn-duplicate = 🔁 Дубликат
mod-btn-move = 🔀 В другое направление
mod-btn-skip = ⏭ Следующая
mod-btn-photos = 🖼 Фото ({ $n })
mod-btn-hidden = 🚩 Скрытые по жалобам ({ $n })
mod-btn-new = 🗂 Новые идеи ({ $n })
mod-btn-restore = ♻️ Вернуть

mod-approved-toast = Идея № { $number } принята, автор уведомлён.
mod-step-toast = Статус идеи № { $number } обновлён, автор уведомлён.
mod-restored-toast = Идея № { $number } снова видна всем.
mod-status-restored = Статус: ♻️ возвращена после проверки жалоб ({ $who })
mod-skip-only = Других идей в этой очереди нет.
mod-no-photos = У этой идеи нет фото.

mod-dup-ask = Идея № { $number } — дубликат какой идеи? Пришлите её номер, например <code>12</code> или <code>#12</code>. Передумали — /cancel.
mod-dup-not-number = Нужен номер идеи — например, <code>12</code> или <code>#12</code>. Дубликатом какой идеи считать № { $number }? Передумали — /cancel.
mod-need-number = Пришлите номер идеи текстом — например, <code>12</code> — или /cancel.
mod-dup-self = Идея № { $number } не может быть дубликатом самой себя. Пришлите номер другой идеи или /cancel.
mod-dup-missing = Идеи № { $original } нет. Проверьте номер и пришлите его ещё раз или /cancel.
mod-dup-closed = Идея № { $original } отклонена или скрыта по жалобам — дубликатом можно отметить только идею на рассмотрении или принятую. Пришлите другой номер или /cancel.
mod-dup-chain = Идея № { $original } сама отмечена как дубликат идеи № { $first }. Пришлите номер исходной идеи — { $first } — или /cancel.
mod-dup-done = 🔁 Идея № { $number } отмечена как дубликат № { $original }, автор уведомлён.

# Блокировка
mod-ban-ask = Кого заблокировать? Перешлите мне любое сообщение этого человека, пришлите его @username или числовой id; после них через пробел можно написать причину. Передумали — /cancel.
mod-unban-ask = Кого разблокировать? Перешлите мне сообщение этого человека, пришлите его @username или числовой id. Передумали — /cancel.
mod-ban-again = Непонятно, о ком речь. Перешлите сообщение человека, пришлите @username (например, @ivan_petrov) или числовой id (например, 123456789). Передумали — /cancel.
mod-ban-usage = Как пользоваться: <code>{ $command } @username причина</code>, <code>{ $command } 123456789 причина</code>, ответ командой на пересланное сообщение человека или просто <code>{ $command }</code> — я спрошу, о ком речь.
mod-ban-hidden = { $name } скрывает аккаунт в пересланных сообщениях, поэтому Telegram не передаёт id. Пришлите вместо этого @username или числовой id.
mod-ban-not-person = Это сообщение не от человека (оно из чата, канала или от бота). Перешлите сообщение самого человека, пришлите его @username или id.
mod-ban-unknown = Среди тех, кто запускал бота, нет { $name }. Проверьте @username или id.
mod-ban-reason-long = Причина слишком длинная — можно до { $max } { $max ->
    [one] символа
   *[other] символов
}.
mod-banned = 🚫 Доступ к боту закрыт: { $name }. Бот больше не отвечает этому человеку; при следующем обращении человек получит одно уведомление о блокировке.
mod-ban-already = Доступ к боту уже закрыт: { $name }.
mod-ban-protected = { $name } — организатор или суперадминистратор, их нельзя заблокировать.
mod-unbanned = ✅ Доступ к боту снова открыт: { $name }. Человеку отправлено уведомление.
mod-unban-not-told = ⚠️ Но сообщение не дошло: похоже, человек заблокировал бота.
mod-unban-not-banned = Доступ к боту не закрыт: { $name }.

ban-notice = 🚫 Организаторы ограничили ваш доступ к боту «Точка кипения»: я больше не отвечаю на ваши сообщения.
ban-notice-reason = Причина: { $reason }
ban-lifted = ✅ Организаторы сняли ограничение: вы снова можете пользоваться ботом. Нажмите /start или /help.

# Журнал действий
audit-action-idea_accepted = идея принята
audit-action-idea_rejected = идея отклонена
audit-action-idea_duplicate = идея отмечена как дубликат
audit-action-idea_moved = идея передана в другое направление
audit-action-idea_in_progress = идея взята в работу
audit-action-idea_implemented = идея реализована
audit-action-idea_restored = идея возвращена после жалоб
audit-action-ban = житель заблокирован
audit-action-unban = житель разблокирован
notify-hidden = 🙈 Вашу идею <b>№ { $number }</b> временно убрали из списка идей жителей: на неё пожаловались. Модераторы проверят её и сообщат о решении.
notify-restored = 👀 Модераторы проверили вашу идею <b>№ { $number }</b>: она снова видна жителям в /ideas.
notify-restored-auto = 👀 Ваша идея <b>№ { $number }</b> снова видна жителям в /ideas: жалобы, из-за которых её скрыли, отозваны.
