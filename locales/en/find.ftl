## /ideas: search by words and "near me" (bot/handlers/ideas/find.py)

find-btn-search = 🔎 Search
find-btn-near = 📍 Near me
find-btn-again = 🔎 Search again
find-placeholder = Words to search for

find-ask = 🔎 Write what to find: one or more words, for example "lighting park".
    Ideas with all the words are shown — in the text, the address or the territory's name. Words shorter than { $word } { $word ->
        [one] letter
       *[other] letters
    } are ignored. Changed your mind? /cancel.
find-words-wait = Write the words to search for as a plain message. Changed your mind? /cancel.
find-too-short = The search is too short: it needs at least one word of { $word } { $word ->
        [one] letter
       *[other] letters
    } or more. Write the words again.
find-too-long = The search is too long: at most { $max } { $max ->
        [one] character
       *[other] characters
    }. Write it shorter.
find-head = <b>🔎 Search: "{ $query }"</b>
    { $total ->
        [one] { $total } idea found
       *[other] { $total } ideas found
    } · page { $page } of { $pages }
find-cancelled = The search is cancelled.
find-empty = 🔎 Nothing found for "{ $query }".
    Try other words or open all ideas.

find-near-ask = 📍 Press "Send my location" at the bottom of the screen: published ideas within { $radius } of you will be shown, nearest first.
find-near-share = 📍 Send my location
find-near-got = 📍 Location received.
find-near-cancelled = The search nearby is cancelled.
find-near-wait = Press "Send my location" at the bottom of the screen, or "Cancel".
find-near-head = <b>📍 Ideas near you</b> — within { $radius }, nearest first.
    { $total ->
        [one] { $total } idea found
       *[other] { $total } ideas found
    } · page { $page } of { $pages }
find-near-distance = { $distance } from you
find-near-empty = 📍 There are no published ideas with a point on the map within { $radius } of you.
    Ideas with only an address are not included in this search. Try searching by words or open all ideas.
find-metres = { $value } m
find-km = { $value } km
