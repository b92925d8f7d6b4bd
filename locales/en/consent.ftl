## Consent text (a separate document; its version is in bot/consent.py)
consent-text = <b>Consent to the processing of personal data</b> (version { $version })

    I consent to the Orenburg region's "Boiling Point" hub (the operator) processing my personal data: my Telegram id and name, username, the place I live, my subscriptions, and the texts, photos and locations of my ideas.

    Purpose: receiving and reviewing my ideas for public spaces, informing me of decisions, sending news of the directions I chose.

    Actions: collection, recording, storage, correction, use, transfer to the curators of the directions, deletion. The data is stored in Russia.

    Term: until I withdraw consent. I can withdraw it at any time with /delete_me; the data will be deleted within 30 days.
