"""The feedback report as a PDF (fpdf2): what the report page shows, on paper.

Sections: overall score and recommendation, scores by dimension, strengths, weaknesses,
three improvements, sample answers, answer by answer, and the transcript with the words
quoted as evidence marked in bold colour. Text is set in DejaVu Sans where the system has it
(any script it covers); otherwise in the PDF core font, with what Latin-1 cannot hold
replaced. Blocking CPU work: call `render_report_pdf` from a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from agent.sessions.report_docs import AnswerDoc, FindingDoc, StoredReport
from agent.store.models import Turn

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_TYPOGRAPHIC = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
     "\u2026": "...", "\u00a0": " "}
)  # fmt: skip
_RECOMMENDATION = {
    "strong_no": "Strong no",
    "no": "No",
    "lean": "Borderline",
    "yes": "Yes",
    "strong_yes": "Strong yes",
}
_LINE = 5.5
_MARK_RGB = (20, 90, 200)
_MIN_MARK_CHARS = 3


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.unicode = all((FONT_DIR / f).is_file() for f in _FONT_FILES.values())
        if self.unicode:
            for style, name in _FONT_FILES.items():
                self.add_font("DejaVu", style, str(FONT_DIR / name))
        self.family = "DejaVu" if self.unicode else "helvetica"
        self.set_auto_page_break(True, margin=15)
        self.set_margins(18, 16, 18)

    def text_of(self, text: str) -> str:
        text = text.translate(_TYPOGRAPHIC)
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def style(self, style: str = "", size: float = 10.5) -> None:
        self.set_font(self.family, style, size)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.style("B", 13)
        self.paragraph(text, h=7.5)
        self.style()

    def paragraph(self, text: str, *, h: float = _LINE) -> None:
        self.multi_cell(0, h, self.text_of(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def quote(self, text: str) -> None:
        self.style("I", 10)
        self.set_x(self.l_margin + 6)
        self.multi_cell(
            0, _LINE, self.text_of(f'"{text}"'), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.style()

    def marked(self, label: str, text: str, marks: Sequence[tuple[int, int]]) -> None:
        """``label`` in bold, then ``text`` with the ``marks`` ranges bold and coloured."""
        self.style("B")
        self.write(_LINE, self.text_of(label))
        cursor = 0
        for start, end in [*marks, (len(text), len(text))]:
            self.style()
            self.write(_LINE, self.text_of(text[cursor:start]))
            if end > start:
                self.style("B")
                self.set_text_color(*_MARK_RGB)
                self.write(_LINE, self.text_of(text[start:end]))
                self.set_text_color(0, 0, 0)
            cursor = end
        self.style()
        self.ln(_LINE + 1.5)


def render_report_pdf(stored: StoredReport, transcript: Sequence[Turn], *, title: str) -> bytes:
    """The report document; ``title`` names the interview (role and type, no personal data)."""
    pdf = _Pdf()
    pdf.set_title("Mockline interview report")
    pdf.set_creator("Mockline")
    pdf.add_page()
    _overview(pdf, stored, title)
    _findings(pdf, "Strengths", stored.report.strengths, "No dimension reached 7/10 on average.")
    _findings(pdf, "Weaknesses", stored.report.weaknesses, "No dimension fell below 6/10.")
    pdf.heading("Three improvements")
    for number, advice in enumerate(stored.report.improvements, start=1):
        pdf.paragraph(f"{number}. {advice}")
    pdf.heading("Sample answers")
    for sample in stored.report.samples:
        pdf.style("B")
        pdf.paragraph(sample.question)
        pdf.style("I", 9.5)
        pdf.paragraph(sample.label)
        pdf.style()
        pdf.paragraph(sample.text)
        pdf.ln(1.5)
    _answers(pdf, stored.answers)
    _transcript(pdf, stored, transcript)
    return bytes(pdf.output())


def _overview(pdf: _Pdf, stored: StoredReport, title: str) -> None:
    report = stored.report
    pdf.style("B", 17)
    pdf.paragraph("Interview report", h=9)
    pdf.style("", 10)
    scorer = "a language model judge" if stored.scorer == "llm" else "the offline scorer"
    when = stored.generated_at.strftime("%Y-%m-%d")
    pdf.paragraph(f"{title}. Generated {when}, scored by {scorer}.")
    pdf.heading(f"Overall {report.overall}/10 - {_RECOMMENDATION[report.recommendation]}")
    pdf.paragraph(report.verdict)
    pdf.heading("Scores by dimension")
    for dimension in report.dimensions:
        score = "not measured" if dimension.score is None else f"{dimension.score}/10"
        pdf.paragraph(f"{dimension.label}: {score}")


def _findings(pdf: _Pdf, title: str, findings: Sequence[FindingDoc], none: str) -> None:
    pdf.heading(title)
    if not findings:
        pdf.paragraph(none)
    for finding in findings:
        pdf.paragraph(finding.summary)
        for span in finding.evidence:
            pdf.quote(span.text)
        pdf.ln(1)


def _answers(pdf: _Pdf, answers: Sequence[AnswerDoc]) -> None:
    pdf.heading("Answer by answer")
    for answer in answers:
        pdf.style("B")
        pdf.paragraph(f"Q{answer.position + 1}. {answer.question}")
        pdf.style()
        scores = ", ".join(
            f"{s.dimension} {'n/a' if s.score is None else s.score}" for s in answer.scores
        )
        pdf.paragraph(f"Overall {answer.overall}/10 ({scores}).")
        if not answer.answer:
            pdf.paragraph("No answer was given.")
        pdf.ln(1)


def _transcript(pdf: _Pdf, stored: StoredReport, transcript: Sequence[Turn]) -> None:
    pdf.heading("Transcript")
    pdf.style("I", 9.5)
    pdf.paragraph("Words quoted as evidence in this report are marked in bold blue.")
    pdf.style()
    pdf.ln(1)
    if not transcript:
        pdf.paragraph("The transcript is no longer stored.")
    quoted = list(_quoted(stored))
    for turn in transcript:
        if turn.speaker == "candidate":
            pdf.marked("You: ", turn.text, evidence_marks(turn.text, quoted))
        else:
            pdf.marked("Interviewer: ", turn.text, ())


def _quoted(stored: StoredReport) -> Iterable[str]:
    """Every quoted passage, split where the answer joined two turns."""
    spans = [s for a in stored.answers for score in a.scores for s in score.evidence]
    spans += [s for f in (*stored.report.strengths, *stored.report.weaknesses) for s in f.evidence]
    for span in spans:
        yield from (p.strip() for p in span.text.split("\n"))


def evidence_marks(text: str, quoted: Iterable[str]) -> list[tuple[int, int]]:
    """The ranges of ``text`` that hold a quoted passage, merged and in order."""
    found: list[tuple[int, int]] = []
    for piece in quoted:
        if len(piece) < _MIN_MARK_CHARS:
            continue
        start = text.find(piece)
        while start >= 0:
            found.append((start, start + len(piece)))
            start = text.find(piece, start + len(piece))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
