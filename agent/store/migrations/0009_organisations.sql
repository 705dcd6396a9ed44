-- 0009: organisations that embed Mockline on their own site (a college's placement cell).
-- An organisation has admins (users.org_role = 'admin'), allowed origins, server keys,
-- practice sets, and the students who came through its embed (users.external_id). Only
-- the interviews started through the embed (org_interviews) are the organisation's to see.

-- Exact origins ("https://portal.example.edu"), never wildcards: checked by the app.
alter table organisations add column allowed_origins text[] not null default '{}';
-- Quotas, set by the operator (mockline org limits), so one portal cannot starve the others.
alter table organisations add column daily_interview_quota integer not null default 500
    check (daily_interview_quota between 0 and 1000000);
alter table organisations add column interviews_per_minute integer not null default 60
    check (interviews_per_minute between 1 and 100000);

-- A student's id at their organisation's portal; their interviews stay theirs across visits.
alter table users add column external_id text;
-- When the student read that their organisation sees their scores and reports.
alter table users add column org_notice_accepted_at timestamptz;
create unique index users_org_external_id_idx on users (organisation_id, external_id)
    where external_id is not null;

-- Server keys, stored only as SHA-256 hashes; shown once. Rotating revokes the old ones, and
-- with them every embed token minted under them.
create table org_server_keys (
    id              uuid primary key default gen_random_uuid(),
    organisation_id uuid not null references organisations (id) on delete cascade,
    key_hash        bytea not null unique,
    -- The first characters of the key, so an admin can tell which one is in use.
    prefix          text not null,
    created_at      timestamptz not null default now(),
    revoked_at      timestamptz
);
create index org_server_keys_org_idx on org_server_keys (organisation_id);

-- Invitations to become an admin; single use, stored as hashes.
create table org_invitations (
    id              uuid primary key default gen_random_uuid(),
    organisation_id uuid not null references organisations (id) on delete cascade,
    token_hash      bytea not null unique,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    accepted_by     uuid references users (id) on delete set null,
    accepted_at     timestamptz
);

-- A named interview template the placement cell assigns, open within a window of dates.
create table practice_sets (
    id              uuid primary key default gen_random_uuid(),
    organisation_id uuid not null references organisations (id) on delete cascade,
    name            text not null,
    -- agent.interviewer.setup.InterviewSetup as JSON: role, level, type, length, persona.
    setup           jsonb not null,
    job_description text,
    opens_on        date,
    closes_on       date,
    created_at      timestamptz not null default now(),
    check (opens_on is null or closes_on is null or closes_on >= opens_on)
);
create index practice_sets_org_idx on practice_sets (organisation_id);

-- Interviews started through an organisation's embed. Nothing else is the organisation's.
create table org_interviews (
    interview_id    uuid primary key references interviews (id) on delete cascade,
    organisation_id uuid not null references organisations (id) on delete cascade,
    practice_set_id uuid references practice_sets (id) on delete set null,
    created_at      timestamptz not null default now()
);
create index org_interviews_org_idx on org_interviews (organisation_id, created_at);

-- Interviews started per organisation and day (UTC): the daily quota is reserved here first.
create table org_daily_usage (
    organisation_id uuid not null references organisations (id) on delete cascade,
    day             date not null,
    interviews      integer not null default 0,
    primary key (organisation_id, day)
);

-- Every admin view of a student's report. Ids only; kept when the student is deleted.
create table org_audit_log (
    id              bigserial primary key,
    organisation_id uuid not null references organisations (id) on delete cascade,
    admin_id        uuid references users (id) on delete set null,
    action          text not null,
    student_id      uuid,
    interview_id    uuid,
    at              timestamptz not null default now()
);
create index org_audit_log_org_idx on org_audit_log (organisation_id, at);
