-- 0003: users' own LLM provider keys ("bring your own key"), encrypted at rest.
-- key_ciphertext is sealed by agent/store/crypto.py (AES-256-GCM, bound to user id and
-- provider); key_id names the ring key that sealed it, so rotation finds rows still on an
-- old key. hint is the masked key shown to its owner; the key itself is never stored in clear.

create table llm_keys (
    id             uuid primary key default gen_random_uuid(),
    user_id        uuid not null references users (id) on delete cascade,
    provider       text not null
                   check (provider in ('openai', 'gemini', 'anthropic', 'openai_compatible')),
    base_url       text,
    model          text,
    key_ciphertext bytea not null,
    key_id         text not null,
    hint           text not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    unique (user_id, provider)
);

create index llm_keys_key_id_idx on llm_keys (key_id);
