"""Interview sessions: the interviewer of a stored interview, across turns and restarts.

- `loader`: plan a new interview (its checkpoint version 1) and restore its interviewer.
- `text`: text mode, one exchange at a time under a per-interview lock.
- `provider`: the language model that phrases a user's interviews (their key, the server's,
  or none).
- `reports`: the feedback report of a finished interview, from its checkpoint.

Import the modules themselves; this package re-exports nothing so that importing one does
not pull in the others.
"""
