-- 0006: feedback. One report per finished interview, and the evaluation of each main question
-- asked in it. Both are written once, together (agent/store/reports.py), and go with their
-- interview. They quote the candidate's answers, so they are personal data like the turns.

create table interview_reports (
    interview_id   uuid primary key references interviews (id) on delete cascade,
    overall        real not null check (overall between 0 and 10),
    recommendation text not null
                   check (recommendation in ('strong_no', 'no', 'lean', 'yes', 'strong_yes')),
    -- Who scored the answers: the offline scorer alone, or a language model judge.
    scorer         text not null check (scorer in ('offline', 'llm')),
    -- The report document (agent/sessions/reports.py ReportDoc); its "dimensions" list feeds
    -- the progress chart.
    report         jsonb not null,
    created_at     timestamptz not null default now()
);

create table answer_evaluations (
    interview_id uuid not null references interviews (id) on delete cascade,
    question_id  text not null,
    -- The order the question was asked in, from 0.
    position     integer not null check (position >= 0),
    evaluation   jsonb not null,
    primary key (interview_id, question_id)
);
