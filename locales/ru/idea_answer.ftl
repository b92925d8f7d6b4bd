# Review B of issue 14: fixes where the parallel parts met.

idea-answer-not-reply = Ответ не опубликован: его нужно написать ответом на сообщение с вопросом. Чтобы ответить на идею № { $number }, нажмите «Ответ автору и жителям» на её странице ещё раз.
