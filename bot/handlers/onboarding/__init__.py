"""A newcomer's first steps: language, consent, territory, subscriptions, and the gate back to them."""
