"""Plain-text handling shared by every input: the binary check, whitespace normalisation and
the split of scraped text into paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from eventdesk.errors import DecodeError

# NBSP and its relatives become a plain space; zero-width characters and the BOM go.
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\t\v\f"), " "
)
_DROPPED = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TRANSLATE = MappingProxyType({**_SPACES, **_DROPPED})
_RUNS_OF_SPACES = re.compile(r" {2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TITLE_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # terminal escapes too
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z!][^<>]*>")
_TERMINAL = tuple('.!?:;"”’»)]…')

WRAP_MIN_WIDTH = 40  # a block whose longest line is shorter is not hard-wrapped prose
WRAP_FILL = 0.6  # a wrapped line fills at least this share of its block's longest line
BINARY_SHARE = 0.01  # more control characters than this (share of all characters) is not text


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank, normalised line and the blank-line-separated block it sits in."""

    text: str
    block: int


def check_text(text: str, *, source: str) -> str:
    """Raise ``DecodeError`` for binary or undecodable content; drop stray control characters."""
    if not text:
        return text
    controls = len(_CONTROL.findall(text))
    replacements = text.count("\ufffd")
    if "\x00" in text and text.count("\x00") > 2:
        raise DecodeError(source, f"binary content ({text.count(chr(0))} NUL characters), not text")
    if controls > BINARY_SHARE * len(text) + 2:
        raise DecodeError(source, f"binary content ({controls} control characters), not text")
    if replacements > 0.05 * len(text) + 2:
        raise DecodeError(source, f"undecodable text ({replacements} replacement characters)")
    return _CONTROL.sub("", text) if controls else text


def clean_title(title: str | None) -> str | None:
    """A title as one line of plain text: script and style elements, tags and every control
    character (newlines, terminal escapes) out, whitespace normalised; None when nothing is left."""
    if title is None:
        return None
    plain = _TITLE_CONTROL.sub(" ", _TAG.sub(" ", _SCRIPT.sub(" ", title)))
    return normalise_line(plain) or None


def normalise_line(line: str) -> str:
    """NBSP to space, zero-width characters out, runs of spaces to one, stripped. Quotes and
    dashes are kept as they are."""
    line = unicodedata.normalize("NFC", line.translate(_TRANSLATE))
    return _RUNS_OF_SPACES.sub(" ", line).strip().strip("|").strip()


def split_lines(text: str) -> list[Line]:
    """Normalised non-blank lines, each with the index of its blank-line-separated block."""
    lines: list[Line] = []
    block = 0
    for raw in (
        text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n").split("\n")
    ):
        line = normalise_line(raw)
        if line:
            lines.append(Line(line, block))
        elif lines and lines[-1].block == block:
            block += 1
    return lines


def join_wrapped(lines: Sequence[Line], *, atomic: Callable[[str], bool]) -> list[Line]:
    """Rejoin hard-wrapped lines into paragraphs. A line continues the previous one of its
    block when the previous does not end a sentence and either the line starts in lower case,
    the previous ends with a hyphen, or the previous fills most of the block's width (a wrapped
    line, not a short heading). ``atomic`` lines (date lines) are never joined."""
    width: dict[int, int] = {}
    for line in lines:
        width[line.block] = max(width.get(line.block, 0), len(line.text))
    groups: list[list[Line]] = []
    for line in lines:
        previous = groups[-1][-1] if groups else None
        if (
            previous is not None
            and previous.block == line.block
            and not atomic(previous.text)
            and not atomic(line.text)
            and continues(previous.text, line.text, width=width[line.block])
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [Line(" ".join(part.text for part in group), group[0].block) for group in groups]


def continues(previous: str, line: str, *, width: int) -> bool:
    if previous.endswith(_TERMINAL):
        return False
    if previous.endswith("-") and not previous.endswith(" -"):
        return True
    return line[:1].islower() or (width >= WRAP_MIN_WIDTH and len(previous) >= WRAP_FILL * width)


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", "…", '."', ".”", "?”", "!”", ".’", ".)", '".', "”."))


# --------------------------------------------------------------------------- bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)


def decode_text(data: bytes) -> str:
    """UTF-16 when the bytes start with its BOM, else UTF-8 (a UTF-8 BOM dropped)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def decode_html(data: bytes, *, errors: str = "strict") -> str:
    """UTF-8, else the charset the page declares; ``errors="replace"`` turns what neither
    decodes into U+FFFD instead of raising ``UnicodeDecodeError``."""
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        declared = _META_CHARSET.search(data[:4096])
        if declared is not None:
            try:
                return data.decode(declared.group(1).decode("ascii"), errors=errors)
            except LookupError:
                pass
        if errors == "strict":
            raise
        return data.decode("utf-8", errors=errors)
