"""PDF: the text layer of each page, with pypdf.

pypdf is pure Python (no native code to crash on a hostile file), reads the
text layer page by page, decrypts files whose user password is empty, and
since version 7 takes per-call resource limits. Each page's text becomes one
entry of ``Extracted.pages``; the document text is the pages joined by a blank
line (``"\\n\\n"``), and ``Document.pages`` gives each page's span in it.

Refused with a ReadError: a file pypdf cannot parse or that lacks its end
("corrupt PDF: ..."), an encrypted file that an empty password does not open
("encrypted PDF"), more pages than ``max_pdf_pages``, a stream that inflates
past ``pdf_max_stream_bytes`` or text past ``max_text_chars`` (PDF bombs), and
a file with no text on any page ("PDF has no text layer (scanned?); OCR is not
performed").
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

import pypdf
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

from orbat.errors import ReadError
from orbat.ingest.extracted import MEDIA_PDF, Extracted
from orbat.ingest.limits import Limits

NO_TEXT = "PDF has no text layer (scanned?); OCR is not performed"
_FILENAME_TITLE = re.compile(
    r"(?i)^(microsoft \w+ - )?.*\.(docx?|pdf|indd|odt|rtf|pages|pptx?|xlsx?)$|^untitled"
)
# What a broken file makes pypdf's parser raise besides its own errors.
_PARSE_ERRORS = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    NotImplementedError,  # a stream filter pypdf does not know (a damaged /Filter name)
    zlib.error,
    EOFError,
    OverflowError,
)


@contextlib.contextmanager
def _pdf_limits(limits: Limits) -> Iterator[None]:
    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:  # pypdf < 7: its built-in 75 MB decompression ceilings apply
        yield
        return
    cap = limits.pdf_max_stream_bytes
    with apply(
        zlib_maximum_output_length=cap,
        lzw_maximum_output_length=cap,
        run_length_maximum_output_length=cap,
        array_based_stream_maximum_output_length=cap,
        maximum_declared_stream_length=cap,
        jbig2dec_binary=None,
    ):
        yield


def _why(exc: BaseException) -> str:
    """A short account of a parser exception (pypdf's can quote kilobytes of the file)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _bomb(source: str, limits: Limits) -> ReadError:
    return ReadError(
        source,
        f"a PDF stream inflates past {limits.pdf_max_stream_bytes} bytes "
        "(setting pdf_max_stream_bytes; a PDF bomb?)",
    )


def _open(data: bytes, source: str) -> pypdf.PdfReader:
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise ReadError(source, "corrupt PDF: no %PDF- header")
    if b"%%EOF" not in data[-8192:]:
        raise ReadError(source, "corrupt PDF: truncated (no %%EOF marker at the end)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except RecursionError:
        raise ReadError(source, "corrupt PDF: structure nested too deeply") from None
    except _PARSE_ERRORS as exc:
        raise ReadError(source, f"corrupt PDF: {_why(exc)}") from None
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise ReadError(source, "encrypted PDF (opening it needs the 'cryptography' package)") from None
        except _PARSE_ERRORS:
            opened = pypdf.PasswordType.NOT_DECRYPTED
        if opened == pypdf.PasswordType.NOT_DECRYPTED:
            raise ReadError(source, "encrypted PDF")
    return reader


def _metadata(reader: pypdf.PdfReader) -> dict[str, Any]:
    out: dict[str, Any] = {}
    try:
        info: Mapping[str, Any] = reader.metadata or {}
        root = reader.trailer["/Root"].get_object()
        lang = root.get("/Lang") if isinstance(root, Mapping) else None
    except Exception:  # metadata is optional; a broken info dict must not sink the text
        return out
    title = str(info.get("/Title") or "").strip()
    if title and not _FILENAME_TITLE.match(title):
        out["title"] = title
    author = str(info.get("/Author") or "").strip()
    if author:
        out["authors"] = author
    created = info.get("/CreationDate")
    if created:
        out["published"] = str(created)
    if lang:
        out["language"] = str(lang)
    return out


def read_pdf(data: bytes, source: str, limits: Limits, charset: str | None = None) -> Extracted:
    with _pdf_limits(limits):
        reader = _open(data, source)
        try:
            count = len(reader.pages)
        except LimitReachedError:
            raise _bomb(source, limits) from None
        except (RecursionError, *_PARSE_ERRORS) as exc:
            raise ReadError(source, f"corrupt PDF: page tree unreadable ({_why(exc)})") from None
        if count > limits.max_pdf_pages:
            raise ReadError(
                source,
                f"PDF has {count} pages, over the limit of {limits.max_pdf_pages} (setting max_pdf_pages)",
            )
        if count == 0:
            raise ReadError(source, "corrupt PDF: no pages")
        pages: list[str] = []
        warnings: list[str] = []
        failed: list[int] = []
        total = 0
        for number in range(1, count + 1):
            try:
                text = reader.pages[number - 1].extract_text() or ""
            except LimitReachedError:
                raise _bomb(source, limits) from None
            except (RecursionError, *_PARSE_ERRORS) as exc:
                logging.getLogger(__name__).debug("%s: page %d: %r", source, number, exc)
                failed.append(number)
                text = ""
            total += len(text)
            if total > limits.max_text_chars:
                raise ReadError(
                    source,
                    f"PDF text runs past {limits.max_text_chars} characters by page {number} "
                    "(setting max_text_chars; a PDF bomb?)",
                )
            pages.append(text)
        metadata = _metadata(reader)
    if not any(page.strip() for page in pages):
        raise ReadError(
            source, NO_TEXT if not failed else f"corrupt PDF: no page's text could be read ({NO_TEXT})"
        )
    if failed:
        warnings.append(f"text of page(s) {_ranges(failed)} could not be extracted")
    blank = [i for i, page in enumerate(pages, 1) if not page.strip() and i not in failed]
    if blank:
        warnings.append(f"page(s) {_ranges(blank)} have no text layer (scanned?); OCR is not performed")
    return Extracted(
        MEDIA_PDF, pages=tuple(pages), metadata=metadata, info={"page_count": count}, warnings=warnings
    )


def _ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"1-3, 7"``."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
