-- 0010: dial-in PINs (docs/SIP.md). One PIN per interview at a time: issuing a new one
-- replaces the old. Only a keyed hash of the PIN is stored (HMAC-SHA-256 with a key derived
-- from the server's signing secret), so the table alone cannot be searched for PINs; the
-- hash is unique, which is how a caller's PIN finds its interview. A PIN that has admitted a
-- call stays usable for calling again until `expires_at`, which each use pushes forward;
-- the interview ending deletes it.

create table dial_in_pins (
    interview_id uuid primary key references interviews (id) on delete cascade,
    pin_hash     bytea not null unique,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz
);

create index dial_in_pins_expires_at_idx on dial_in_pins (expires_at);
