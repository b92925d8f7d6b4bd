## The new consent version and registration by a session link (bot/handlers/onboarding/renewal.py, gate.py)

# A newcomer by a session link: the session's card first, then this and the consent text
consent-session-intro = 📝 To register you for this session, we need your consent to the processing of personal data. Please read it: once you agree, you are registered at once, or put on the waiting list if the places are gone.
consent-session-declined = Without consent you can't be registered for the session. Only your Telegram id and this refusal are kept. If you change your mind, open the session link again.

# For those who accepted the previous version: once, at their next action
consent-renew-ask =
    📄 The consent to the processing of personal data has been updated (version { $version }).

    What changed: it used to cover only ideas and news. Now it lists everything that is processed: also session registrations, tickets and check-ins, ratings and feedback on sessions, poll votes.

    Please accept the new version to go on. The full text is behind the button below.
consent-renew-accept = ✅ I accept
consent-renew-decline = Don't accept
consent-full-text = 📄 Full consent text
consent-renewed = Thank you, the new version of the consent is recorded.
consent-renewed-go-on = You can go on: please repeat your last action.
consent-renew-declined = The new version is not accepted. Ideas and news keep working under your previous consent. Registering for sessions, rating them and voting in polls need the new version. You can accept it in /privacy.
session-need-renewal = To register for a session, the new version of the consent is needed.

# /privacy: a summary, the full text behind a button
privacy-summary =
    <b>Personal data</b>

    <b>Operator:</b> the Orenburg region's "Boiling Point" hub. { $contact }
    <b>What is processed:</b> your Telegram id, name and username, language, town or district, subscriptions; your ideas, supports and reports; session registrations, tickets and check-ins; ratings and feedback; votes in session chats' polls.
    <b>Why:</b> to review ideas and tell you of decisions, send news of the directions you chose, register you for sessions, collect ratings and poll results.
    <b>Who sees it:</b> the "Boiling Point" curators and organizers. Accepted ideas are seen by other residents, without the author's name.
    <b>How long:</b> while your consent stands. After you withdraw it, the data is deleted at once, within 30 days at the latest; ideas stay without the author's name. The log of staff actions keeps only a Telegram id.
    <b>How to delete:</b> the /delete_me command.

    { $status }
privacy-contact = Contact: { $contact }.
privacy-contact-none = Questions about your data can be asked of the organizers at any session.
privacy-status-current = Your consent: version { $version }.
privacy-status-outdated = You accepted an earlier version of the consent ({ $accepted }). The current one is { $version }.
privacy-status-none = No consent given: only your Telegram id is kept.
