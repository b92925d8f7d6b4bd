# Review B of issue 14: fixes where the parallel parts met.

idea-answer-not-reply = The answer was not published: it has to be sent as a reply to the question. To answer idea #{ $number }, press "Answer the author and residents" on its page again.
