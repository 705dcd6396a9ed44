-- 0005: what the interviewer needs to plan, and to resume after a restart or a dropped call.
-- setup is the candidate's choice (agent/interviewer/setup.py InterviewSetup: role, level,
-- type, length, persona); profile the corrected CandidateProfile, job_description the pasted
-- text (at most agent.understanding.MAX_JD_CHARS). The checkpoint is the interviewer's graph
-- state after its latest reply; version guards against a stale writer overwriting it.

alter table interviews add column setup jsonb;
alter table interviews add column profile jsonb;
alter table interviews add column job_description text
    check (job_description is null or char_length(job_description) <= 20000);

-- Interviews made before this migration asked the bank's questions with the default length
-- and persona.
update interviews set setup = jsonb_build_object(
    'role', role,
    'level', level,
    'interview_type', interview_type,
    'length', jsonb_build_object('unit', 'questions', 'value', 5),
    'persona', jsonb_build_object('name', 'Alex', 'tone', 'neutral', 'company_style', '')
);

-- An interview inserted without a setup (older code, hand-written SQL) gets one with its role,
-- level and type; the interviewer's defaults apply to the rest.
create function interviews_default_setup() returns trigger language plpgsql as $$
begin
    if new.setup is null then
        new.setup := jsonb_build_object(
            'role', new.role, 'level', new.level, 'interview_type', new.interview_type);
    end if;
    return new;
end
$$;

create trigger interviews_default_setup before insert on interviews
    for each row execute function interviews_default_setup();

alter table interviews alter column setup set not null;

create table interview_checkpoints (
    interview_id uuid primary key references interviews (id) on delete cascade,
    version      integer not null check (version > 0),
    state        jsonb not null,
    updated_at   timestamptz not null default now()
);
