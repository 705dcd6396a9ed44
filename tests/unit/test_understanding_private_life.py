"""Stories from private life (`agent.understanding.private_life`): a story question answered
with a story from home, told in the question's words, is off topic; a work or study story
that mentions family in passing is not, nor is private life where the question invites it."""

from __future__ import annotations

import pytest

from agent.interviewer.analysis import assess
from agent.interviewer.relevance import QuestionContext
from agent.understanding import default_embedder
from agent.understanding.private_life import private_aside, private_story
from agent.understanding.topic import FEATURES, TopicQuestion, read_topic

CHANGE = "Tell me about a time you led a team through a big change, such as a reorganisation."
MISTAKE = "Tell me about a time you made a mistake. What happened, and what did you learn?"
PROUD = "Tell me about a project you're proud of. What was your role in it?"
STRENGTH = "What would you say is your greatest strength?"

PRIVATE_STORIES = [
    (CHANGE, "The biggest change I led was moving my family across the country, three kids "
             "and a cat. I made a spreadsheet for the boxes and we still have not unpacked."),
    (MISTAKE, "My biggest mistake was letting my little brother drive my car to the coast. He "
              "scratched the door, and I learned to say no to him."),
    (PROUD, "The project I'm proudest of is the treehouse I built with my kids last spring. My "
            "role was carrying planks and fixing the roof twice."),
    (STRENGTH, "Honestly my greatest strength is cooking. I can make dinner for twenty people "
               "from scratch and my aunties approve."),
    # A pastime with no work in it, whatever its words.
    (MISTAKE, "i kept failing this one route at the bouldering wall for weeks until an older guy "
              "showed me where to put my feet and i finally got to the top"),
    (PROUD, "Over the winter I built a giant Lego castle, four thousand pieces. I lost a bag "
            "halfway and had to reorder it, but it's on my shelf now."),
    # What the speaker watched: a club's manager and its team are the club's, not work.
    (CHANGE, "The biggest change I've seen is my football club bringing in a new manager. He "
             "made the team press high, and by spring we went eight games unbeaten."),
    (MISTAKE, "did you see that cooking show last week one contestant forgot the salt and the "
              "judges sent her home i was shouting at the tv"),
    (CHANGE, "I watched a documentary about the moon landing, and how the crew changed the "
             "plan in the last minute before touchdown."),
]  # fmt: skip
WORK_STORIES = [
    (CHANGE, "When our two support teams merged I ran the new rota, met each person one to one, "
             "and my family barely saw me that month, but nobody quit."),
    (MISTAKE, "At my internship I deleted a staging table by accident. I told my lead at once, "
              "we restored it from the backup, and I now run scripts with a dry run first."),
    (PROUD, "The ticket router at the hospital: I wrote the rules engine and cut triage time "
            "from two hours to twenty minutes; my dad still asks how it works."),
    # A pastime that is the work itself.
    (PROUD, "I built the matchmaking service for our studio's poker app, so players found a "
            "table in under two seconds."),
    # Sport one plays or runs is no spectating: its teams may be the story's own.
    (CHANGE, "I organised a football tournament in my dorm, eight teams, and I led the "
             "volunteers who ran the pitches."),
    (MISTAKE, "I built the live stats page for our club's football app, and one Saturday I "
              "pushed a bug that showed every score twice to the fans."),
]  # fmt: skip
INVITED = [
    ("Tell me about a skill you taught yourself outside of class or work.",
     "I taught myself to bake bread at home with my flatmate during a long winter."),
    ("Tell me a little about yourself.",
     "I grew up in Porto with my parents and two brothers, and I love hiking at the weekend."),
]  # fmt: skip


@pytest.mark.parametrize(("question", "answer"), PRIVATE_STORIES)
def test_a_story_from_private_life_in_the_questions_words_is_one(
    question: str, answer: str
) -> None:
    assert private_story(answer, question)


@pytest.mark.parametrize(("question", "answer"), WORK_STORIES + INVITED)
def test_work_stories_and_invited_private_life_are_not(question: str, answer: str) -> None:
    assert not private_story(answer, question)


def test_the_topic_reading_takes_it_as_off_topic_and_not_as_another_question() -> None:
    embedder = default_embedder()
    question, answer = PRIVATE_STORIES[0]
    reading = read_topic(answer, TopicQuestion(question, "behavioral"), embedder)
    assert not reading.on_topic and not reading.elsewhere


def test_a_concrete_story_watched_or_from_home_is_steered_back_not_probed() -> None:
    # Concrete and in the first person ("we went eight games unbeaten", "I watched every
    # match"), it is still no story from work to ask about.
    question = QuestionContext(CHANGE, "behavioral", ("the change and why it was needed",))
    answer = PRIVATE_STORIES[6][1] + " I watched every single match of that run myself."
    assessment = assess(answer, question)
    assert assessment.kind == "off_topic" and not assessment.elsewhere


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "What is something outside of work or school that you're proud of?",
            "I rebuilt an old sailing dinghy with my dad over two summers, sanded every plank "
            "myself, and last August we sailed it across the bay.",
        ),
        (
            "Tell me about a skill you picked up in your free time.",
            "i taught myself to knit from videos during the winter and now i make hats for "
            "my nieces, the last one even has a pattern i designed",
        ),
    ],
)
def test_private_life_a_question_asks_for_is_on_topic(question: str, answer: str) -> None:
    """Where the question asks for private life itself, an aside from home is no drift: the
    topic model's private-life feature is not set, and the model finds the answer about the
    question."""
    assert not private_aside(answer, question)
    assert private_aside(answer, "Tell me about a time you worked under pressure.")
    kind = "hr" if "proud" in question else "behavioral"
    reading = read_topic(answer, TopicQuestion(question, kind), default_embedder())
    assert reading.features[FEATURES.index("private")] == 0.0
    assert reading.probability >= reading.threshold
