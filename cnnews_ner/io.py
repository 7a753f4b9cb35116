"""Reading stage: files, folders, stdin and JSONL records into decoded documents.

Every input becomes a :class:`RawDocument`, including the ones that cannot be
read (status ``empty`` / ``error`` with a one-line reason), so a batch never loses a document:
a folder that cannot be listed, a dangling or looping symbolic link, a FIFO or device, a JSONL line
that is not a JSON object, a text with a lone surrogate each become one ``error`` document.

Text is returned with line ends normalized to ``\\n`` (``\\r\\n`` and a bare ``\\r`` both become ``\\n``),
so offsets and output fields never hold a carriage return from the text.
"""
from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

DEFAULT_GLOBS = ("*.txt", "*.htm", "*.html", "*.jsonl")
READ_LIMIT = 1 << 30  # a "file" larger than this (a device, a sparse file) is refused, not read into memory


@dataclass
class RawDocument:
    doc_id: str
    path: str
    text: str = ""
    status: str = "ok"  # ok / empty / error
    error: str = ""
    encoding: str = ""


class InputError(Exception):
    """A usage problem with the inputs themselves (for example a missing path given on the command line)."""


class BatchWarning(UserWarning):
    """Something about a batch the user should know, though no document is lost: a renamed duplicate
    doc_id, a folder or pattern that matched no file, a worker process that died and was replaced."""


def warn(message: str) -> None:
    warnings.warn(message, BatchWarning, stacklevel=2)


# ---- fields that go into the tables ------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def printable_name(name: str) -> str:
    """A file name or id as valid Unicode: bytes that are not UTF-8 (kept by ``os.fsdecode`` as lone
    surrogates, PEP 383) are written ``\\xNN``, other lone surrogates ``\\udNNN``; everything else is
    unchanged. ``os.fsencode(name)`` of a file name read from disk gives back its exact bytes."""
    if not _SURROGATE.search(name):
        return name
    try:
        data = os.fsencode(name)
    except UnicodeEncodeError:  # a surrogate that is no escaped byte (a JSON "\ud800" id)
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return data.decode("utf-8", "backslashreplace")


def one_line(message: str) -> str:
    """A reason as one printable line (an exception message may quote a name holding a newline)."""
    return _LINE_BREAKS.sub(" ", printable_name(message)).strip()


def normalize_line_ends(text: str) -> str:
    """``\\r\\n`` and a bare ``\\r`` (old Mac files) become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def checked(doc: RawDocument) -> RawDocument:
    """The document ready to be written: printable doc_id, path and error; normalized line ends; a text
    holding a lone surrogate (not Unicode, cannot be written as UTF-8) becomes an ``error`` document."""
    doc.doc_id, doc.path, doc.error = printable_name(doc.doc_id), printable_name(doc.path), one_line(doc.error)
    if doc.status == "ok" and (bad := _SURROGATE.search(doc.text)):
        doc.status, doc.text = "error", ""
        doc.error = f"text holds a lone surrogate (U+{ord(bad.group()):04X} at character {bad.start()}), not valid Unicode"
    doc.text = normalize_line_ends(doc.text)
    return doc


def unique_documents(raws: Iterable[RawDocument], report: int = 20) -> Iterator[RawDocument]:
    """:func:`checked` documents with unique doc_ids: a doc_id seen before gets ``#2``, ``#3``… (input order,
    so the same inputs give the same ids), with a :class:`BatchWarning` naming each of the first ``report``
    duplicates and one counting the rest. A document read with a repair (status ok with a warning in
    ``error``: bad bytes replaced, a cut last character dropped) gets a :class:`BatchWarning` likewise."""
    seen: set[str] = set()
    next_suffix: dict[str, int] = {}  # so that 100,000 records with one id take linear time
    renamed = repaired = 0
    for doc in raws:
        doc = checked(doc)
        if doc.doc_id in seen:
            base = doc.doc_id
            n = next_suffix.get(base, 2)
            while f"{base}#{n}" in seen:
                n += 1
            next_suffix[base] = n + 1
            doc.doc_id = f"{base}#{n}"
            renamed += 1
            if renamed <= report:
                warn(f"duplicate doc_id {base!r} ({doc.path or 'text'}) renamed {doc.doc_id!r}")
        if doc.status == "ok" and doc.error:  # read with a repair: bytes replaced, a cut last character dropped
            repaired += 1
            if repaired <= report:
                warn(f"{doc.doc_id}: {doc.error}")
        seen.add(doc.doc_id)
        yield doc
    if renamed > report:
        warn(f"{renamed - report} more duplicate doc_ids renamed with #N")
    if repaired > report:
        warn(f"{repaired - report} more documents read with repairs (bytes replaced or a cut last character "
             f"dropped): the documents table's error column says which")


# ---- decoding ----------------------------------------------------------------------------------

# Tried first, in this order: Chinese news is GB (gb18030 covers GBK and GB2312) or Big5 when it is not UTF.
CHINESE_ENCODINGS = ("gb18030", "big5", "utf_16", "utf_8")
# A Chinese file that does not decode whole is read with its bad bytes replaced only when they are few.
MAX_REPLACED_SHARE = 0.01


def decode_bytes(data: bytes) -> tuple[str, str, str]:
    """(text, encoding, warning). Raises ValueError for binary or undecodable data.

    The encoding is detected by charset-normalizer, among the Chinese encodings first (a GBK file must never
    be read as a Japanese or Western code page). A Chinese file that is cut inside its last character, or
    holds a few bytes that are not valid in its encoding, is decoded with the last character dropped or the
    bad bytes replaced with U+FFFD, and ``warning`` says so."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, warning = _decode_utf8_with_repairs(data[3:], offset=3, bom=True)
        return _text_or_binary(text), "utf-8-sig", warning
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", ""
        except UnicodeDecodeError as exc:  # a cut file (an odd number of bytes), a lone surrogate
            return (data.decode("utf-16", "replace"), "utf-16",
                    f"bytes that are not UTF-16 replaced with U+FFFD (the first at byte {exc.start})")
    repaired = _decode_utf8_with_repairs(data)
    if repaired is not None:
        text, warning = repaired
        return _text_or_binary(text), "utf-8", warning
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS)).best()
    if best is None:
        repaired = _decode_chinese_with_repairs(data)
        if repaired is not None:
            return repaired
        best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable: no text encoding fits these bytes")
    text = str(best)
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    if cjk == 0 and sum(1 for c in text if not c.isprintable() and c not in "\r\n\t") > len(text) * 0.05:
        raise ValueError("binary file, not text")
    return text, best.encoding, ""


def _text_or_binary(text: str) -> str:
    """``text``, unless it holds NUL bytes, no Chinese and over 5% control characters (a file of NUL bytes, or
    binary junk, decodes as UTF-8). Raises ValueError then."""
    sample = text[:4096]
    if "\x00" in sample and not any("\u4e00" <= c <= "\u9fff" for c in sample) and sum(1 for c in sample if not c.isprintable() and c not in "\r\n\t") > len(sample) * 0.05:
        raise ValueError("binary file (NUL bytes), not text")
    return text


def _decode_utf8_with_repairs(data: bytes, offset: int = 0, bom: bool = False) -> tuple[str, str] | None:
    """(text, warning) of UTF-8 ``data``: whole; cut inside its last character (dropped); or holding a few bytes
    that are not UTF-8 (replaced with U+FFFD, at most MAX_REPLACED_SHARE of the bytes) when the text before the
    first bad byte shows it is UTF-8 (a character of three bytes or more, or the BOM). None when it is not UTF-8.
    ``offset``: bytes before ``data`` in the file (the BOM), so that messages give file positions."""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        first = exc.start
    if first >= len(data) - 3 and _utf8_cut(data[first:]):
        return (data[:first].decode("utf-8"),
                f"truncated UTF-8: incomplete last character at byte {first + offset} dropped")
    # evidence that it is UTF-8: a character of three bytes or more before the error (CJK is; a GBK pair can
    # pass for a two-byte UTF-8 character by chance), or the BOM; otherwise detection chooses
    if not bom and not any(ord(c) >= 0x800 for c in data[:first].decode("utf-8")):
        return None
    text, replaced, warning = _bad_bytes_replaced(data, "utf-8", first, "UTF-8", offset)
    if replaced > max(1, len(data) * MAX_REPLACED_SHARE):
        if bom:
            raise ValueError(f"undecodable: a UTF-8 BOM, but {replaced} byte sequences that are not UTF-8")
        return None
    return text, warning


def _bad_bytes_replaced(data: bytes, encoding: str, first: int, label: str, offset: int = 0) -> tuple[str, int, str]:
    """(text, sequences replaced, warning): ``data`` decoded with the byte sequences ``encoding`` does not allow
    replaced with U+FFFD, ``first`` being where the first one is (plus ``offset`` in the file)."""
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data[:first].decode(encoding).count("\ufffd")
    return text, replaced, (f"{replaced} invalid {label} byte {'sequence' if replaced == 1 else 'sequences'} "
                            f"replaced with U+FFFD (the first at byte {first + offset})")


def _utf8_cut(tail: bytes) -> bool:
    """Whether ``tail`` (1-3 bytes) is the start of a multi-byte UTF-8 character, cut short."""
    try:
        tail.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"
    return False


def _decode_chinese_with_repairs(data: bytes) -> tuple[str, str, str] | None:
    """A GB or Big5 file that does not decode whole: cut inside its last character (a truncated download or
    copy), or a few bad bytes. The encoding is the one that reads furthest before its first error, provided
    charset-normalizer accepts the text up to there in it; the rest is decoded with the last character
    dropped, or with bad bytes replaced (at most MAX_REPLACED_SHARE of the bytes). None when no Chinese
    encoding fits: the caller then lets charset-normalizer choose among all encodings."""
    from charset_normalizer import from_bytes

    errors = []
    for encoding in ("gb18030", "big5"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError as exc:
            errors.append((exc.start, encoding, exc))
    # the encoding that reads furthest first (gb18030 before big5 at equal length)
    for first, encoding, exc in sorted(errors, key=lambda e: -e[0]):
        prefix = data[:first]
        if prefix.isascii():  # nothing Chinese read before the error: no reason to prefer a Chinese encoding
            return None
        if from_bytes(prefix, cp_isolation=[encoding]).best() is not None:
            break
    else:
        return None
    if exc.end == len(data) and len(data) - first < 4:  # only the last character is incomplete
        return (prefix.decode(encoding), encoding,
                f"truncated {encoding}: incomplete last character at byte {first} dropped")
    text, replaced, warning = _bad_bytes_replaced(data, encoding, first, encoding)
    if replaced > max(1, len(data) * MAX_REPLACED_SHARE):
        return None
    return text, encoding, warning


def html_to_text(html: str) -> str:
    """The article text of an HTML page, without navigation and boilerplate (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        from lxml import etree, html as lxml_html

        try:
            text = lxml_html.fromstring(html).text_content()
        except etree.ParserError:  # "Document is empty": markup without any text is an empty document
            return ""
    return text or ""


def looks_like_html(name: str, text: str) -> bool:
    head = text[:500].lstrip().lower()
    return name.lower().endswith((".htm", ".html")) or head.startswith(("<!doctype html", "<html"))


def read_bytes(doc_id: str, path: str, data: bytes) -> RawDocument:
    """One document from a file's bytes: decoded, HTML reduced to its article text."""
    doc = RawDocument(doc_id=doc_id, path=path)
    if not data.strip():
        doc.status, doc.error = "empty", "empty file"
        return doc
    try:
        text, doc.encoding, warning = decode_bytes(data)
    except (ValueError, UnicodeDecodeError) as exc:
        doc.status, doc.error = "error", str(exc)
        return doc
    doc.error = warning
    if looks_like_html(path, text):
        try:
            text = html_to_text(text)
        except Exception as exc:  # a broken page is one document's problem, not the batch's
            doc.status, doc.error = "error", f"HTML extraction failed: {type(exc).__name__}: {exc}"
            return doc
    if not text.strip():
        doc.status, doc.error = "empty", "no text"
    doc.text = normalize_line_ends(text)
    return doc


def _record_id(value) -> str:
    """A JSONL ``id`` as a string: strings and numbers as written, anything else as its JSON."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    if isinstance(value, (str, int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def read_jsonl(doc_id_prefix: str, path: str, lines: Iterable[bytes | str]) -> Iterator[RawDocument]:
    """One document per line: {"id": ..., "text": ...}. A line that is not such an object (bad JSON,
    nesting too deep, no string "text") becomes an error document with the fallback id ``PREFIX:LINE``.

    ``lines`` are split on ``\\n`` only (a raw U+2028 or CR inside a JSON string does not end a record);
    a UTF-8 BOM before the first line is skipped; raw control characters inside strings are accepted.
    A file without any record gives a :class:`BatchWarning`."""
    records = 0
    for doc in _jsonl_records(doc_id_prefix, path, lines):
        records += 1
        yield doc
    if not records:
        warn(f"no JSONL record in {printable_name(path)}")


# A UTF-16 JSONL file is decoded whole: its undecodable bytes become this noncharacter, then U+FFFD with a
# warning on the record that held them.
_BAD_BYTES = "\U0010fffe"
_UTF16_MARK_ERRORS = "cnnews-ner-mark"
codecs.register_error(_UTF16_MARK_ERRORS, lambda exc: (_BAD_BYTES, exc.end))


def _jsonl_records(doc_id_prefix: str, path: str, lines: Iterable[bytes | str]) -> Iterator[RawDocument]:
    for number, line in enumerate(lines, 1):
        if isinstance(line, bytes):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            try:
                line, warning = line.decode("utf-8"), ""
            except UnicodeDecodeError as exc:
                line, warning = line.decode("utf-8", "replace"), f"line {number}: bytes that are not UTF-8 " \
                                                                 f"(at {exc.start}) replaced with U+FFFD"
        else:
            line, warning = line.lstrip("\ufeff") if number == 1 else line, ""
            if _BAD_BYTES in line:
                line, warning = line.replace(_BAD_BYTES, "\ufffd"), f"line {number}: bytes that are not UTF-16 " \
                                                                    f"replaced with U+FFFD"
        if not line.strip():
            continue
        fallback_id = f"{doc_id_prefix}:{number}"
        try:
            record = json.loads(line, strict=False)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except RecursionError:
            yield RawDocument(fallback_id, path, status="error", error=f"line {number}: JSON nested too deep")
            continue
        except ValueError as exc:
            yield RawDocument(fallback_id, path, status="error", error=f"line {number}: {exc}")
            continue
        except Exception as exc:  # MemoryError on a huge line: this line's problem, the next ones still count
            yield RawDocument(fallback_id, path, status="error", error=f"line {number}: {type(exc).__name__}: {exc}")
            continue
        doc_id = _record_id(record.get("id")) or fallback_id
        text = record["text"]
        yield RawDocument(doc_id, path, text=text, status="ok" if text.strip() else "empty",
                          error=warning or ("" if text.strip() else "empty text"), encoding="utf-8")


def read_texts(texts: Iterable[str], first: int = 0) -> Iterator[RawDocument]:
    """In-memory texts as documents ``text-N`` (N counts from ``first``). A non-string is an error document."""
    for n, text in enumerate(texts, first):
        if not isinstance(text, str):
            yield RawDocument(f"text-{n}", "", status="error", error=f"not a text: {type(text).__name__}")
            continue
        yield RawDocument(f"text-{n}", "", text=text, status="ok" if text.strip() else "empty",
                          error="" if text.strip() else "empty text", encoding="str")


# ---- paths -------------------------------------------------------------------------------------

def _matches(relative: str, globs: tuple[str, ...]) -> bool:
    """Case-insensitive (``A.TXT`` and ``page.HTML`` are read as ``*.txt``, ``*.html``, as on Windows and
    macOS disks); PurePath.match matches from the right, as rglob(pattern) finds files at any depth."""
    relative = relative.lower()
    return any(PurePosixPath(relative).match(g.lower()) for g in globs)


def walk(root: str, globs: tuple[str, ...] = DEFAULT_GLOBS,
         skipped: list[tuple[str, str]] | None = None) -> list[tuple[str, str, str]]:
    """Every entry under ``root`` whose name matches ``globs`` (case-insensitive), as (relative path, path,
    problem), sorted by relative path. Files, symbolic links (followed into folders once; loops and dangling
    links are listed, to become error documents) and special files all count; a folder that cannot be listed
    is listed itself with its problem. ``problem`` is "" for an entry to read. Entries that match no pattern
    are appended to ``skipped`` as (relative path, path), sorted, when it is given."""
    found: list[tuple[str, str, str]] = []
    not_read: list[tuple[str, str]] = []
    seen_dirs: set[tuple[int, int]] = set()
    folders = [(root, "")]  # a stack, not recursion: a tree thousands of folders deep is walked too
    while folders:
        folder, relative = folders.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen_dirs:  # a link back to a folder already walked
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            found.append((relative or _argument_id(folder), folder, f"cannot list folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            rel = f"{relative}/{entry.name}" if relative else entry.name
            try:
                is_dir = entry.is_dir()  # follows links; False for a loop or a dangling link
            except OSError:
                is_dir = False
            if is_dir:
                folders.append((entry.path, rel))
            elif _matches(rel, globs):
                found.append((rel, entry.path, ""))
            elif skipped is not None:
                not_read.append((rel, entry.path))
    if skipped is not None:
        skipped.extend(sorted(not_read))
    return sorted(found, key=lambda f: f[0])


def _argument_id(name: str) -> str:
    """The doc_id of a file given by itself: its name without the folders."""
    return os.path.basename(name.rstrip("/")) or name


SKIPPED_NAMED = 5  # files not read that a warning names; the rest are counted


def read_inputs(inputs: Iterable[str | Path], globs: tuple[str, ...] = DEFAULT_GLOBS,
                skipped: list[str] | None = None) -> Iterator[RawDocument]:
    """Documents from paths: files, folders (recursive, entries matching ``globs``, case-insensitive), ``-``
    (stdin).

    A path that does not exist is an error document (doc_id: the path as given); so is every entry that
    cannot be read. A folder or pattern that matches nothing gives a :class:`BatchWarning`, and so does a
    folder holding files that match no pattern (not read: one warning per folder, naming the first few);
    their paths are appended to ``skipped`` when it is given, so every file under the inputs is accounted
    for: read (a documents row) or skipped."""
    for item in inputs:
        name = os.fspath(item)
        if name == "-" and not isinstance(item, Path):
            yield from read_stdin()
            continue
        if not os.path.lexists(name):
            yield RawDocument(_argument_id(name), name, status="error", error="no such file or folder")
            continue
        if os.path.isdir(name):
            not_read: list[tuple[str, str]] = []
            entries = walk(name, globs, not_read)
            if not entries:
                warn(f"no file matching {' '.join(globs)} in {printable_name(name)}")
            if not_read:
                names = ", ".join(printable_name(rel) for rel, _ in not_read[:SKIPPED_NAMED])
                more = f" and {len(not_read) - SKIPPED_NAMED:,} more" if len(not_read) > SKIPPED_NAMED else ""
                warn(f"{len(not_read):,} {'file' if len(not_read) == 1 else 'files'} in {printable_name(name)} "
                     f"not read, matching none of {' '.join(globs)} (--glob chooses): {names}{more}")
                if skipped is not None:
                    skipped.extend(printable_name(path) for _, path in not_read)
            for relative, path, problem in entries:
                if problem:
                    yield RawDocument(relative, path, status="error", error=problem)
                else:
                    yield from read_path(relative, path)
        else:
            yield from read_path(_argument_id(name), name)


def read_stdin() -> Iterator[RawDocument]:
    """Standard input: JSONL when its first character (after a BOM and white space) is ``{``, else one text."""
    data = sys.stdin.buffer.read()
    head = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        if head.lstrip()[:1] == b"{":
            yield from read_jsonl("stdin", "-", data.split(b"\n"))
        else:
            yield read_bytes("stdin", "-", data)
    except Exception as exc:  # as in read_path: the input's problem, not the batch's
        yield RawDocument("stdin", "-", status="error", error=f"cannot read: {type(exc).__name__}: {exc}")


def _open_regular(path: str) -> tuple[int, str]:
    """(file descriptor, "") for a regular file, or (-1, reason). Opened without blocking, so a FIFO
    is refused instead of waiting for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return -1, "symbolic link loop"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return -1, "dangling symbolic link"
        return -1, f"cannot read: {exc.strerror or exc}"
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode):
        os.set_blocking(fd, True)
        return fd, ""
    os.close(fd)
    kind = ("FIFO" if stat.S_ISFIFO(mode) else "character device" if stat.S_ISCHR(mode)
            else "block device" if stat.S_ISBLK(mode) else "socket" if stat.S_ISSOCK(mode) else "special file")
    return -1, f"not a regular file ({kind}): refused"


def read_path(doc_id: str, path: str | Path) -> Iterator[RawDocument]:
    """The document(s) of one file: a ``.jsonl`` file gives one per line, any other file one.
    Never raises for the file's content: whatever fails while reading it becomes an error document."""
    path = os.fspath(path)
    try:
        yield from _read_path(doc_id, path)
    except Exception as exc:  # a decoder or HTML library failing on strange bytes is this file's problem only
        yield RawDocument(doc_id, path, status="error", error=f"cannot read: {type(exc).__name__}: {exc}")


def _read_path(doc_id: str, path: str) -> Iterator[RawDocument]:
    fd, problem = _open_regular(path)
    if problem:
        yield RawDocument(doc_id, path, status="error", error=problem)
        return
    with open(fd, "rb") as f:
        try:
            if path.lower().endswith(".jsonl"):
                if f.peek(2)[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 (Windows tools): decoded whole
                    # bad bytes become a marker, so each record holding one says so (read_jsonl)
                    text = f.read(READ_LIMIT).decode("utf-16", _UTF16_MARK_ERRORS)
                    yield from read_jsonl(doc_id, path, text.split("\n"))
                    return
                lines = iter(f)  # binary lines split on b"\n" only; records stream, the file is never whole in memory
                yield from read_jsonl(doc_id, path, lines)
                return
            if os.fstat(f.fileno()).st_size > READ_LIMIT:
                yield RawDocument(doc_id, path, status="error", error=f"larger than {READ_LIMIT >> 20} MiB: refused")
                return
            data = f.read()
        except OSError as exc:
            yield RawDocument(doc_id, path, status="error", error=f"cannot read: {exc.strerror or exc}")
            return
    yield read_bytes(doc_id, path, data)
