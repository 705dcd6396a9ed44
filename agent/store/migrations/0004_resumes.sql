-- 0004: uploaded resumes. The original file is kept (the owner can download it again and it
-- goes into their data export) next to the text extracted from it; both go when the owner
-- deletes the resume or the account.

create table resumes (
    id           uuid primary key default gen_random_uuid(),
    owner_id     uuid not null references users (id) on delete cascade,
    -- Sanitised by the API (no path, no control characters), never trusted for the type.
    filename     text not null check (char_length(filename) between 1 and 200),
    -- What the browser declared; the served type is derived from kind instead.
    content_type text,
    kind         text check (kind in ('pdf', 'docx', 'txt')),
    size_bytes   integer check (size_bytes >= 0),
    sha256       bytea,
    data         bytea not null,
    text         text not null,
    pages        integer check (pages is null or pages >= 0),
    created_at   timestamptz not null default now()
);

create index resumes_owner_id_created_at_idx on resumes (owner_id, created_at desc);
