## Consent text (a separate document; its version is in bot/consent.py)
consent-text = <b>Consent to the processing of personal data</b> (version { $version })

    I consent to the Orenburg region's "Boiling Point" hub (the operator) processing my personal data: my Telegram id, name and username, my language, the place I live and my subscriptions; the texts, photos and places of my ideas; the ideas I support or report; my registrations for project sessions, electronic tickets and check-ins; my ratings and feedback on sessions; my votes in non-anonymous polls in session chats.

    Purposes:
    — receiving and reviewing my ideas for public spaces, informing me of decisions on them, counting supports and reports;
    — sending news and announcements of the directions I chose, while they are switched on in /settings;
    — registering me for project sessions, issuing tickets, reminders, the waitlist and check-in;
    — collecting ratings and feedback on sessions, counting poll votes;
    — reports of the "Boiling Point" curators and organizers.

    Actions: collection, recording, storage, correction, use, transfer to the curators of the directions and the organizers of sessions, anonymisation, deletion. The data is stored in Russia.

    Term: until I withdraw consent. I can withdraw it at any time with /delete_me; the data will be deleted within 30 days. My ideas then stay without the author's name, votes and ratings only as numbers in totals.
