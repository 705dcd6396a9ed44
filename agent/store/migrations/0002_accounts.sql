-- 0002: accounts. Credentials, privacy settings, refresh tokens; every interview has an owner.

alter table users add column password_hash text;
alter table users add column display_name text;
-- Audio is never stored unless the user opts in.
alter table users add column store_audio boolean not null default false;
-- Transcripts older than this many days are deleted; null keeps them until the user deletes.
alter table users add column transcript_retention_days integer
    check (transcript_retention_days is null or transcript_retention_days between 1 and 3650);
alter table users add column claimed_at timestamptz;
-- Role inside the user's organisation (the embeddable widget's colleges).
alter table users add column org_role text not null default 'member'
    check (org_role in ('member', 'admin'));

-- Emails are unique whatever their case.
create unique index users_email_lower_idx on users (lower(email));

-- Opaque refresh tokens, stored only as SHA-256 hashes; rotated on every use.
create table refresh_tokens (
    id         uuid primary key default gen_random_uuid(),
    user_id    uuid not null references users (id) on delete cascade,
    token_hash bytea not null unique,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz
);

create index refresh_tokens_user_id_idx on refresh_tokens (user_id);

-- Interviews made before accounts existed go to one guest owner, so none is lost.
with orphan_owner as (
    insert into users (is_guest)
    select true where exists (select 1 from interviews where owner_id is null)
    returning id
)
update interviews set owner_id = (select id from orphan_owner) where owner_id is null;

alter table interviews alter column owner_id set not null;
