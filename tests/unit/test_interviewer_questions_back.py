"""`questions_back`: questions put to the interviewer's side instead of an answer (about the
employer, or the interviewer's own view on the subject), against answers that end by asking,
questions about how to answer, requests to clarify and statements that open like questions."""

from __future__ import annotations

import pytest

from agent.interviewer.questions_back import asks_back, besides_questions, to_the_interviewer


@pytest.mark.parametrize(
    "text",
    [
        # One question or several, about the employer's side: its tools, team, ways, policies.
        "Do you use Kubernetes here, or is it all on plain VMs?",
        "Is the data team here separate from the analysts? And who owns the pipelines?",
        "How big is the team I'd be joining, and do they pair a lot?",
        "What's the parental leave policy?",
        "How many designers are there in the company?",
        "Out of curiosity, what does the on call rotation look like for your engineers?",
        # A short remark besides the questions does not make them an answer.
        "What kind of monitoring stack do you have here? I mostly used Grafana before.",
        "Are the core hours flexible? I have a long commute.",
    ],
)
def test_questions_to_the_employer_are_put_to_the_interviewer(text: str) -> None:
    assert to_the_interviewer(text)


@pytest.mark.parametrize(
    "text",
    [
        # The interviewer's own view, practice or answer on the question's subject.
        "Hmm. What would you have done in that spot?",
        "Good one. How do you guys handle flaky tests?",
        "Which one would you pick yourself, honestly?",
        "Can you just tell me the right answer?",
        "In your opinion, is sharding ever worth it for a small shop?",
        "What makes you ask that one?",
        "Have you ever worked on a system like that?",
        # How things are "here", whoever does them.
        "How does planning usually work here? Is it quarterly?",
        # A transcript without question marks, with a lead-in and a word of curiosity.
        "oh nice one before i answer how does the team here decide what gets tested first",
        "thats a good one whats something that went wrong here lately im curious",
    ],
)
def test_questions_back_on_the_subject_are_put_to_the_interviewer(text: str) -> None:
    assert to_the_interviewer(text)


@pytest.mark.parametrize(
    "text",
    [
        # Asked why they want to work here, a rhetorical "here" is part of the answer.
        "Who wouldn't want to work on payments here? The scale is unusual.",
        # Statements that open with a question word ("what you want is"), unpunctuated.
        "what you want is a queue in front of the workers so the team can replay failed jobs",
        "how it works is the client asks the team's resolver and the answer is cached",
        # A statement with a verb before its subject later on is no question.
        "a load balancer in front and then it does the routing for the team",
    ],
)
def test_statements_and_rhetorical_questions_are_not_put_to_the_interviewer(text: str) -> None:
    assert not to_the_interviewer(text, "Why do you want to work here?")


@pytest.mark.parametrize(
    "text",
    [
        (
            "Wow, that's such a big topic, the whole industry argues about it and every company "
            "seems to land somewhere different. What's your take on it? How does your team do it?"
        ),
        (
            "Ha, classic. I remember reading about it in my prep book. Have you ever had to "
            "build one of these from scratch yourself?"
        ),
        # After an answer too: whether the rest is an answer is for the caller to weigh.
        "I'd start with the slow query log. What do you use for that here?",
    ],
)
def test_a_question_to_the_interviewers_side_among_remarks_asks_back(text: str) -> None:
    assert asks_back(text, "How would you find out why a page got slow?")


@pytest.mark.parametrize(
    "text",
    [
        # No question at all, a question about how to answer, or a request to clarify.
        "Indexes make reads faster and writes slower, since every insert updates the tree.",
        "Should the answer assume a single region? That changes a lot.",
        "Do you mean base pay or the whole package? Base, okay, around sixty thousand.",
        # A question about the asked question's own subject, in its words.
        "Benefits included? Then around seventy thousand, I think.",
    ],
)
def test_answers_and_questions_about_answering_do_not_ask_back(text: str) -> None:
    assert not asks_back(text, "What are your salary expectations, benefits included?")


def test_an_unmarked_choice_the_speaker_then_makes_is_no_question_back() -> None:
    """Unmarked, "ill" is the recogniser's "I'll": the speaker picks and answers."""
    text = (
        "so would you like the theory or an example ill do an example so a hash index maps each "
        "key to a bucket which makes lookups fast but it cannot do range scans"
    )
    assert not asks_back(
        text, "What kinds of database indexes are there, and when would you use each?"
    )


@pytest.mark.parametrize(
    "text",
    [
        # Asking how to answer is about the question, not the employer.
        "Should I assume the team has no dedicated ops people?",
        "Do you want me to talk about the company I was at or a side project?",
        # An answer that ends by asking is still an answer.
        (
            "I'd put the reports behind a queue and let a worker build them overnight, so the "
            "database is not hit at peak. Is that the kind of setup you use here?"
        ),
        # Unpunctuated, a statement that opens like a question stays an answer once it is long.
        (
            "when I joined this company I set up the build pipeline from scratch and moved every "
            "service onto it which cut our release time from a day to about an hour"
        ),
        "I built the team's deploy tooling and cut release time in half.",
    ],
)
def test_answers_and_questions_about_the_question_are_not_put_to_the_interviewer(
    text: str,
) -> None:
    assert not to_the_interviewer(text)


@pytest.mark.parametrize(
    "text",
    [
        # Asked as a statement.
        "Multi-region, nice. I'd love to hear how your team handled its last big outage.",
        "Interesting. I'm also wondering whether your team uses an in-house tool for this.",
        # Unpunctuated: read whole after a short remark, fillers aside.
        "oh numbers people didnt trust thats a good one i mean has that ever happened to you",
        "hmm suddenly slow um what kind of box are we talking and what would you check yourself",
        "uh what does your team do for this today like load testing in staging or in prod and "
        "how far off were the estimates for the last big sale if i can ask",
    ],
)
def test_questions_asked_as_statements_or_unpunctuated_ask_back(text: str) -> None:
    assert asks_back(text, "How would you find out why a page got slow?")


@pytest.mark.parametrize(
    "text",
    [
        # Unpunctuated, the speaker's own answer cannot be told from a question after it.
        "i would check the slow query log first and then the indexes is that what you do here",
        # A statement that only opens like a question.
        "what you want is a queue in front of the workers so the slow page stops timing out",
        # Punctuated without a question: nothing is asked, whatever its first words.
        "Do it. Run game days and fail a region on purpose, then measure what broke.",
        # A plan that says what the speaker would want to learn asks nobody.
        "I'd want to know what the team is proud of. I'd meet everyone one to one first.",
    ],
)
def test_answers_without_a_question_do_not_ask_back(text: str) -> None:
    assert not asks_back(text, "How would you find out why a page got slow?")


def test_a_case_team_or_company_is_not_the_employer() -> None:
    # Asked about "your team's website", how things are "here" is still the interviewer's.
    question = "Your team's website goes down on a Friday evening. What do you do first?"
    assert asks_back("Ha, classic. Has that happened here recently?", question)
    assert not asks_back("Has that happened here recently?", "Why do you want to work here?")


@pytest.mark.parametrize(
    ("text", "own"),
    [
        (
            "Multi-region, nice. Which cloud are you on? I'd love to hear how it went.",
            "Multi-region, nice.",
        ),
        ("Do you use Redis here?", ""),
        ("oh thats a good one has that ever happened to you here", "oh thats a good one"),
        # Unpunctuated with the speaker's own words: all of it is theirs.
        ("i used redis is that what you use", "i used redis is that what you use"),
    ],
)
def test_besides_questions_is_what_the_candidate_says_of_their_own(text: str, own: str) -> None:
    assert besides_questions(text) == own
