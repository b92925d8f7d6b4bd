# Staff without the residents' set-up; ideas whose cards go nowhere; a person the bot keeps no data of.

staff-welcome-superadmin = 👋 Hello! You are a superadmin of the Boiling Point bot. Your work needs no residents' consent. Your commands (also in the menu, the "/" button):
staff-welcome-organizer = 👋 Hello! You are an organizer of the Boiling Point bot. Your work needs no residents' consent. Your commands (also in the menu, the "/" button):
staff-welcome-command = /{ $command } — { $description }
staff-welcome-resident = To submit ideas and register for sessions as a resident, press the button below: it takes the consent to data processing, a territory and subscriptions.
staff-btn-resident = Take part as a resident
staff-hint = It is not clear what to do with this message. Your commands are in the menu (the "/" button); the list with explanations is at /start.

staff-unrouted-stats = ⚠️ Ideas without curators: { $count } (directions without a curators' chat: { $directions }). Their cards have no one to go to: bind a curators' chat with /bind_direction in the group.
staff-unrouted-notice = ⚠️ { $count ->
    [one] { $count } idea waits for curators
   *[other] { $count } ideas wait for curators
}: { $many ->
    [1] the direction { $directions } has
   *[other] the directions { $directions } have
} no curators' chat, and the cards have no one to go to. Add the bot to the curators' group and send /bind_direction there. More in /stats.
staff-unrouted-coming = The cards of these ideas are coming to you here now.

my-no-data = The bot keeps no data of yours, so your list of ideas is empty. If you deleted your data with /delete_me, that was done at your request: your earlier ideas stay in the bot without an author and are not shown here. To start again — /start.
no-data-hint = The bot keeps no data of yours. If you deleted it with /delete_me, that was done at your request. To start again — /start.

# /organizers: an organizer whose name is not kept (never gave the residents' consent).
roles-list-item-unnamed = { $number }. id <code>{ $id }</code> (no name kept: they have not given the residents' consent)
