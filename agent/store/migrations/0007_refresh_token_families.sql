-- 0007: refresh-token families. A family is one sign-in and every token rotated from it;
-- presenting a token of the family that was already rotated (a replay: someone else holds
-- a copy) revokes the whole family, so the newer token in the other hand stops working too.
-- Existing tokens each start a family of their own.

alter table refresh_tokens add column family_id uuid;
update refresh_tokens set family_id = id where family_id is null;
alter table refresh_tokens alter column family_id set not null;
alter table refresh_tokens alter column family_id set default gen_random_uuid();

create index refresh_tokens_family_id_idx on refresh_tokens (family_id);
