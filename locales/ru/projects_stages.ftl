## Проекты: стадии из /project, управление проектом со страницы идеи, эксперт открепляется от проекта (revC)

revc-btn-stage-in_work = В работу
revc-btn-stage-implemented = Проект реализован
revc-btn-stage-paused = Приостановить
revc-btn-resume = Возобновить
revc-implemented-ask = Отметить проект № { $number } реализованным? Автор, команда, подписчики и поддержавшие идею получат опрос «Получилось?». Отменить это будет нельзя.
revc-btn-implemented-yes = Да, проект реализован
revc-btn-implemented-no = Нет, вернуться к проекту
revc-stage-toast = Проект № { $number }: { $stage }.
revc-stage-missing = Идея № { $number } больше не опубликована.
revc-stage-already = Эта стадия уже не подходит для проекта № { $number }: экран обновлён.
revc-btn-manage = ⚙️ Управление проектом
revc-expert-projects = Проекты: { $numbers }
revc-expert-no-projects = Проектов пока нет.
revc-btn-detach = Открепить от № { $number }
revc-detached = Эксперт откреплён от проекта № { $number }.
revc-detached-already = Эксперт уже не прикреплён к проекту № { $number }.
audit-action-project_expert_detached = эксперт откреплён от проекта
revc-number = № { $number }
