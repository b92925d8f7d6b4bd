## Команды посреди диалога, подсказки, изменённые сообщения (bot/handlers/system/dialogue.py, fallback.py)
dialogue-unknown-command = Такой команды нет: { $command }. Список команд — /help.
dialogue-busy = Сначала закончите начатое или отправьте /cancel — потом повторите { $command }.
    Сейчас не закончено: { $what }. Начатое сохранено.
dialogue-awaited = Ответьте на вопрос выше или отправьте /cancel, чтобы отменить.
dialogue-what-idea = черновик идеи
dialogue-what-broadcast = рассылка
dialogue-what-session-new = новая сессия
dialogue-what-session-edit = изменение сессии
dialogue-what-session-announce = анонс сессии
dialogue-what-poll = новый опрос
dialogue-what-organizer = добавление организатора
dialogue-what-moderation = модерация
dialogue-what-other = текущий шаг
edited-not-read = Изменённые сообщения бот не перечитывает. Отправьте исправленный текст новым сообщением.
idea-photo-file-big = Этот файл больше { $mb } МБ. Пришлите фото поменьше или отправьте его как фото, а не файлом.
idea-photo-file-bad = Этот файл не получается показать как фото. Отправьте его как фото, а не файлом.
