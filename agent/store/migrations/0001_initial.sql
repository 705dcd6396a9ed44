-- 0001: owners, interviews and their turns.
-- Applied once, inside a transaction, by agent/store/migrate.py. Never edit an applied
-- migration: add a new numbered file instead.

-- Organisations come with accounts in a later issue; the table exists now so that users can
-- point at one without a schema rewrite.
create table organisations (
    id         uuid primary key default gen_random_uuid(),
    name       text not null,
    created_at timestamptz not null default now()
);

create table users (
    id              uuid primary key default gen_random_uuid(),
    email           text unique,
    is_guest        boolean not null default true,
    organisation_id uuid references organisations (id) on delete set null,
    created_at      timestamptz not null default now()
);

create index users_organisation_id_idx on users (organisation_id);

create table interviews (
    id             uuid primary key default gen_random_uuid(),
    owner_id       uuid references users (id) on delete cascade,
    role           text not null,
    level          text not null,
    interview_type text not null,
    status         text not null default 'created'
                   check (status in ('created', 'active', 'completed', 'failed')),
    created_at     timestamptz not null default now(),
    started_at     timestamptz,
    ended_at       timestamptz,
    -- Highest turn seq handed out so far; bumped in the same statement that inserts a turn,
    -- so the interview row lock serialises concurrent add_turn calls (see interviews.py).
    last_turn_seq  integer not null default 0
);

create index interviews_owner_id_idx on interviews (owner_id);

create table turns (
    id           bigserial primary key,
    interview_id uuid not null references interviews (id) on delete cascade,
    seq          integer not null check (seq > 0),
    speaker      text not null check (speaker in ('interviewer', 'candidate')),
    text         text not null,
    heard_text   text,
    interrupted  boolean not null default false,
    -- Seconds since the call started (the pipeline's clock), not wall-clock time.
    started_at   double precision not null,
    ended_at     double precision,
    latency      jsonb,
    created_at   timestamptz not null default now(),
    unique (interview_id, seq)
);
