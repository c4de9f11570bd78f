"""Which text encoding a landed CSV is in, and its text as UTF-8 for DuckDB when it is not UTF-8.

DuckDB reads UTF-8 (with or without the byte-order mark Excel's "CSV UTF-8" writes). Most
councils' files are that; some arrive as Excel saves "CSV (Comma delimited)" on a UK Windows PC,
Windows-1252 (£ is the byte 0xA3, é 0xE9), or as UTF-16 with a byte-order mark. They are told
apart cheaply: the byte-order mark, then whether the bytes are valid UTF-8 (checked while the file
is hashed, at the cost of `bytes.isascii()` for the usual all-ASCII block). Only a file that is not
UTF-8 is decoded in Python, into a temporary UTF-8 copy that DuckDB reads in its place; a UTF-8
file is read where it lies, as it always was.

A file that decodes in none of them is not guessed at: the message says roughly where it goes
wrong and how to save it so it can be read.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

UTF8, UTF8_BOM, UTF16_LE, UTF16_BE, CP1252 = "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1252"
# What DuckDB reads as it is.
DUCKDB_READS = frozenset({UTF8, UTF8_BOM})

_BOMS = ((codecs.BOM_UTF8, UTF8_BOM), (codecs.BOM_UTF16_LE, UTF16_LE), (codecs.BOM_UTF16_BE, UTF16_BE))
_BOM_LENGTH = {UTF8_BOM: 3, UTF16_LE: 2, UTF16_BE: 2}
_NEWLINE = {UTF16_LE: b"\n\x00", UTF16_BE: b"\x00\n"}

SAVE_AS_UTF8 = ("open it in Excel and save it as 'CSV UTF-8 (Comma delimited) (*.csv)', then land it again "
                "in the same folder")

# C0 control characters no CSV text holds (tab, CR and LF aside): a file with them is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8's two- and three-byte sequences: in a file that is not valid UTF-8 they show the file mixes
# encodings (read as Windows-1252 they would load as "CafÃ©"), where Windows-1252 text has them
# hardly ever (a capital accented letter directly followed by a symbol).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")

BLOCK = 1 << 20


class UndecodableText(ValueError):
    """A file that is text in no encoding it could be in; the message starts with the file's path."""


def bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def sniff_encoding(path: Path, limit: int = 1 << 16) -> str:
    """The encoding a file's start says it is in: its byte-order mark, else UTF-8 if its first
    `limit` bytes are UTF-8, else Windows-1252. The whole file is checked when it is hashed
    (Utf8Check): a Windows-1252 byte further down turns a UTF-8 guess into Windows-1252."""
    with path.open("rb") as f:
        head = f.read(limit)
    if (encoding := bom_encoding(head)) is not None:
        return encoding
    try:
        # final=False: the limit may cut a character in two.
        codecs.getincrementaldecoder(UTF8)().decode(head, final=False)
    except UnicodeDecodeError:
        return CP1252
    return UTF8


class Utf8Check:
    """Whether the blocks fed in, in order, are valid UTF-8 (a byte-order mark included)."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder(UTF8)()
        self.valid = True

    def feed(self, block: bytes) -> None:
        # An ASCII block is valid unless the block before ended part-way through a character.
        if not self.valid or (block.isascii() and not self._decoder.getstate()[0]):
            return
        try:
            self._decoder.decode(block)
        except UnicodeDecodeError:
            self.valid = False

    def close(self) -> bool:
        if self.valid:
            try:
                self._decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                self.valid = False
        return self.valid


def decoded_blocks(path: Path, encoding: str) -> Iterator[str]:
    """The file's text, a block of whole lines at a time, less any byte-order mark.

    Raises UndecodableText naming the line where the bytes stop being text in `encoding`: blocks
    are cut after a newline, so each decodes on its own and an error's place is exact."""
    newline = _NEWLINE.get(encoding, b"\n")
    unit = len(newline)
    line, offset, pending = 1, _BOM_LENGTH.get(encoding, 0), b""
    # In a Windows-1252 file: the first line with a UTF-8 character, and with a byte UTF-8 has not.
    utf8_line: int | None = None
    cp1252_line: int | None = None
    with path.open("rb") as f:
        f.seek(offset)
        while True:
            block = f.read(BLOCK)
            data = pending + block
            if not data:
                return
            cut = len(data) if not block else _after_last_newline(data, newline, unit)
            if cut == 0:
                pending = data  # one line longer than a block: read on
                continue
            data, pending = data[:cut], data[cut:]
            if not block and len(data) % unit:
                raise UndecodableText(_cut_short(path, line, offset + len(data)))
            try:
                text = data.decode(UTF8 if encoding == UTF8_BOM else encoding)
            except UnicodeDecodeError as exc:
                at = line + data[: exc.start].count(newline)
                raise UndecodableText(_not_text(path, encoding, at, offset + exc.start,
                                                data[exc.start:exc.start + 4])) from None
            if control := _CONTROL.search(text):
                at = line + text[: control.start()].count("\n")
                raise UndecodableText(_binary(path, at, control.group()))
            if encoding == CP1252:
                if utf8_line is None and (m := _UTF8_SEQUENCE.search(data)):
                    utf8_line = line + data[: m.start()].count(newline)
                if cp1252_line is None:
                    cp1252_line = _first_non_utf8_line(data, line)
                if utf8_line is not None and cp1252_line is not None:
                    raise UndecodableText(_mixed(path, utf8_line, cp1252_line))
            yield text
            line += text.count("\n")
            offset += len(data)
            if not block:
                return


def _after_last_newline(data: bytes, newline: bytes, unit: int) -> int:
    at = data.rfind(newline)
    # In UTF-16 a newline starts on an even byte: "\n\x00" at an odd one is two characters' halves.
    while at >= 0 and at % unit:
        at = data.rfind(newline, 0, at)
    return at + unit if at >= 0 else 0


def _first_non_utf8_line(data: bytes, line: int) -> int | None:
    try:
        data.decode(UTF8)
    except UnicodeDecodeError as exc:
        return line + data[: exc.start].count(b"\n")
    return None


def utf8_fault(path: Path) -> str:
    """For a file that starts as UTF-8 (its byte-order mark) but is not UTF-8 throughout: where not."""
    try:
        for _ in decoded_blocks(path, UTF8_BOM):
            pass
    except UndecodableText as exc:
        return str(exc)
    return f"{path}: is not valid UTF-8; {SAVE_AS_UTF8}"


@contextmanager
def utf8_copy(path: Path, encoding: str) -> Iterator[Path]:
    """A temporary UTF-8 copy of a text file in `encoding`, deleted afterwards; raises UndecodableText."""
    handle, name = tempfile.mkstemp(prefix="csc-utf8-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", encoding=UTF8, newline="") as out:
            for text in decoded_blocks(path, encoding):
                out.write(text)
        yield Path(name)
    finally:
        os.unlink(name)


_NAMES = {UTF8: "UTF-8", UTF8_BOM: "UTF-8", UTF16_LE: "UTF-16", UTF16_BE: "UTF-16", CP1252: "Windows-1252"}


def _hex(data: bytes) -> str:
    return " ".join(f"0x{b:02X}" for b in data)


def _not_text(path: Path, encoding: str, line: int, offset: int, data: bytes) -> str:
    where = f"line {line:,} (byte {offset:,}: {_hex(data)})"
    if encoding == UTF8_BOM:
        return (f"{path}: starts with the mark of a UTF-8 file, but {where} is not UTF-8: part of it was "
                f"probably pasted or appended from a file saved another way; {SAVE_AS_UTF8}")
    if encoding in (UTF16_LE, UTF16_BE):
        return (f"{path}: starts with the mark of a UTF-16 (Unicode) file, but {where} is not UTF-16; "
                f"the file may be cut short or joined from two; {SAVE_AS_UTF8}")
    return (f"{path}: is not text in UTF-8 or Windows-1252 at {where}: it may be a spreadsheet or "
            f"other file saved with a .csv name; {SAVE_AS_UTF8}")


def _cut_short(path: Path, line: int, offset: int) -> str:
    return (f"{path}: a UTF-16 (Unicode) file that ends part-way through a character at line {line:,} "
            f"(byte {offset:,}): it was probably cut short in copying; land it again, or {SAVE_AS_UTF8}")


def _binary(path: Path, line: int, control: str) -> str:
    return (f"{path}: line {line:,} holds a control character (0x{ord(control):02X}) that no CSV text has: "
            f"it may be a spreadsheet, zip or database file saved with a .csv name; {SAVE_AS_UTF8}")


def _mixed(path: Path, utf8_line: int, other_line: int) -> str:
    return (f"{path}: mixes two encodings: line {utf8_line:,} has UTF-8 characters but line {other_line:,} "
            "has Windows-1252 ones (as Excel's plain 'CSV (Comma delimited)' writes £ or é), probably rows "
            f"appended from another export, so either way some names would load garbled; {SAVE_AS_UTF8}")


def xml_fault(exc) -> str:
    """What libxml2 found wrong with an XML file (an lxml XMLSyntaxError), said for the person who
    can fix it, with where. A byte the declared encoding does not have gets advice of its own:
    it is the usual fault of a return exported as Windows-1252 but declared (or taken as) UTF-8."""
    message = (exc.msg or str(exc)).strip()
    where = f"line {exc.lineno:,}" if exc.lineno else "its start"
    if "not proper UTF-8" in message or "encoding" in message.lower():
        return (f"at {where} the bytes are not text in the encoding the file declares ({message.split(',')[0]}); "
                "an XML file that names no encoding in its first line must be UTF-8: export it again as UTF-8, "
                "or, if a Windows program saved it, add encoding=\"windows-1252\" to its <?xml ...?> first line")
    return f"not well-formed XML ({message.rstrip('.')}, {where}); the file may be truncated or not XML at all"
