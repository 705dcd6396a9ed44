-- 0008: failed sign-ins, counted per account (and per trusted browser of an account) for the
-- progressive sign-in delay (signaling/auth/signin_throttle.py). The key is a SHA-256 of the
-- normalised email (and the browser's device-token id): no email is stored, and an email
-- that has no account is counted the same way, so the delay reveals nothing about which
-- emails exist. A row exists from a key's first attempt (so attempts can be decided one at
-- a time under its lock); one with 0 failures had only right passwords. Rows are purged a
-- while after their last attempt was counted.

create table signin_failures (
    key_hash       bytea primary key,
    failures       integer not null check (failures >= 0),
    last_failed_at timestamptz not null
);

create index signin_failures_last_failed_at_idx on signin_failures (last_failed_at);
