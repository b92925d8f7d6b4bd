# Review of issue 14 (revA): what the interplay of its points needed.

# Text typed while a rejection's preview waits for its buttons (the buttons come with it).
reject-preview-need = Выберите, что сделать с причиной отклонения идеи № { $number }: отправить автору, изменить или вернуться назад.
