"""deckmentor's rules, one module per family: clarity, concision, impact."""
