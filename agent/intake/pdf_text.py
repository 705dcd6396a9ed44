"""PDF text with pypdf, plus the word spaces that TeX-made PDFs leave out.

LaTeX (pdfTeX, LuaTeX) never draws a space glyph: it moves the pen inside a ``TJ`` array, e.g.
``[(Be)-276(the)]``. pypdf counts such a move as a space only when it exceeds half of the
font's space width, and it misjudges that width for subset CID fonts, so justified lines come
out as "Bethechangethatyouwant". Kerning moves are within a few hundredths of an em while
word gaps are rarely under 0.14 em, so any move wider than `WORD_GAP` thousandths of an em is
taken as a space. Text drawn in icon fonts (FontAwesome: phone, mail, GitHub glyphs whose
names would come out as "HOUSE-CHIMNEY") is dropped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, TextStringObject

from .cleanup import clean_text
from .errors import UploadRejected, corrupt
from .limits import MAX_PAGES

# Thousandths of an em (TJ units) of a pen move taken as a word space.
WORD_GAP = 120
_HUGE_MOVE = 1_000_000
_ICON_FONTS = ("FontAwesome", "Fontawesome", "Wingdings", "Dingbats")

_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\n[ \t]*")
# "Place,AWS": right-aligned TeX boxes put the comma at a box edge with no gap after it.
_COMMA_WITHOUT_SPACE = re.compile(r"(?<=[A-Za-z)]),(?=[A-Za-z0-9])")
_DIGITS = re.compile(r"\d+")

_Visitor = Callable[[bytes, list[object], object, object], None]


def extract_pdf(data: bytes) -> tuple[str, int]:
    """The cleaned text and page count; raises `UploadRejected` for what we can't read."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise UploadRejected(
            "encrypted_file",
            "This PDF is password-protected. Remove the password (for example, print it to a "
            "new PDF) and upload it again.",
        )
    count = len(reader.pages)
    if count == 0:
        raise corrupt()
    if count > MAX_PAGES:
        raise UploadRejected(
            "too_many_pages",
            f"This PDF has {count} pages; the limit is {MAX_PAGES}. Shorten your resume and "
            "upload it again.",
        )
    pages = [_page_text(page) for page in reader.pages]
    return clean_text(_join_pages(pages)), count


def _page_text(page: PageObject) -> str:
    text: str = page.extract_text(visitor_operand_before=_spacing_visitor(_font_names(page)))
    text = _SOFT_HYPHEN_BREAK.sub("", text)  # a word TeX hyphenated across lines
    text = text.replace("\u00ad", "-")  # TeX's hyphen glyph maps to the soft hyphen
    return _COMMA_WITHOUT_SPACE.sub(", ", text)


def _font_names(page: PageObject) -> dict[str, str]:
    """Resource name -> base font name, for the page's own fonts; empty when malformed."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    fonts = resources.get("/Font") if isinstance(resources, DictionaryObject) else None
    fonts = fonts.get_object() if fonts is not None else None
    if not isinstance(fonts, DictionaryObject):
        return {}
    names: dict[str, str] = {}
    for key, ref in fonts.items():
        font = ref.get_object()
        if isinstance(font, DictionaryObject):
            names[str(key)] = str(font.get("/BaseFont", ""))
    return names


def _spacing_visitor(fonts: dict[str, str]) -> _Visitor:
    """Rewrites each ``TJ`` array, just before pypdf reads it, to carry explicit spaces."""
    in_icon_font = False

    def visit(operator: bytes, operands: list[object], _cm: object, _tm: object) -> None:
        nonlocal in_icon_font
        if operator == b"Tf" and operands:
            base_font = fonts.get(str(operands[0]), "")
            in_icon_font = any(marker in base_font for marker in _ICON_FONTS)
        elif operator == b"TJ" and operands and isinstance(operands[0], ArrayObject):
            array = operands[0]
            array[:] = [] if in_icon_font else _with_spaces(array)
        elif operator in (b"Tj", b"'", b'"') and operands and in_icon_font:
            operands[-1] = TextStringObject("")

    return visit


def _with_spaces(array: Sequence[object]) -> list[object]:
    """Splits each word-sized move into a huge move back and forth: the same net move, but
    one that pypdf's own gap test cannot miss (so it adds the space, and keeps the widths it
    uses to place the next text object right)."""
    spaced: list[object] = []
    for item in array:
        if isinstance(item, (int, float)) and not isinstance(item, bool) and item <= -WORD_GAP:
            spaced += [-_HUGE_MOVE, _HUGE_MOVE + item]
        else:
            spaced.append(item)
    return spaced


def _join_pages(pages: list[str]) -> str:
    """Pages separated by a blank line, without a footer repeated on every page."""
    if len(pages) >= 2:
        last_lines = [page.rstrip().rpartition("\n")[2] for page in pages]
        shapes = {_DIGITS.sub("#", line.strip()) for line in last_lines}
        if len(shapes) == 1 and shapes != {""}:
            pages = [page.rstrip().rpartition("\n")[0] for page in pages]
    return "\n\n".join(pages)
