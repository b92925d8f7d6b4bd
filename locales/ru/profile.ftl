## Профиль: /settings, «Мои записи», кнопки главного меню
menu-sessions = 📅 Сессии
menu-settings = ⚙️ Настройки
cmd-my-sessions = Мои записи на сессии

profile-text = ⚙️ <b>Настройки</b>

    Город или район: { $territory }
    Направления: { $directions }
    Объявления и анонсы: { $announcements }
    Новости об идеях, за которыми вы следите: { $followed }
    Напоминания о сессиях: { $reminders }
    Язык: { $language }

    Что изменить? Ваши данные: /privacy
profile-on = включены
profile-off = выключены
profile-directions-none = не выбраны
profile-territory-none = не указан
profile-btn-territory = Город или район
profile-btn-directions = Направления
profile-btn-notices = Уведомления
profile-btn-language = Язык
profile-btn-sessions = Мои записи

profile-territory-ask = 📍 Выберите город или район.
profile-territory-saved = Город или район изменён: { $name }.
profile-subs-ask = 🔔 О каких направлениях присылать новости и анонсы? Нажмите на направление, чтобы включить или выключить его.
profile-notices-ask = 🔔 Какие уведомления присылать? Нажмите, чтобы включить или выключить. Подтверждения записи, билеты, переносы и отмены сессий, на которые вы записаны, приходят всегда.
profile-notice-announcements = Объявления и анонсы
profile-notice-followed = Идеи, за которыми вы следите
profile-notice-reminders = Напоминания о сессиях

mine-head = 📋 <b>Мои записи</b>
mine-item = <b>{ $number }. { $title }</b>
    { $when }
mine-registered = Вы записаны.
mine-waitlist = В листе ожидания, место { $position }.
mine-offered = Для вас освободилось место: подтвердите его в сообщении с предложением.
mine-empty = 📋 У вас нет записей на ближайшие сессии. Посмотреть, что запланировано: /sessions
mine-btn-cancel = ✖ Отменить { $number }. { $title }
mine-btn-all = 📅 Все сессии
mine-ask-cancel = ❓ Отменить запись на «{ $title }» ({ $when })? Место перейдёт следующему в листе ожидания.
mine-ask-leave = ❓ Выйти из листа ожидания на «{ $title }» ({ $when })?
mine-ask-decline = ❓ Отказаться от места на «{ $title }» ({ $when })? Место перейдёт следующему в листе ожидания.
mine-btn-yes-cancel = Да, отменить запись
mine-btn-yes-leave = Да, выйти из листа ожидания
mine-btn-yes-decline = Да, отказаться
mine-cancelled = Запись на «{ $title }» отменена.
mine-left = Вы вышли из листа ожидания на «{ $title }».
mine-declined = Вы отказались от места на «{ $title }».
