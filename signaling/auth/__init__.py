"""Accounts at the HTTP edge: password hashing, tokens, and the current-user dependency."""
