"""Ingestion: files, folders, globs, uploads and URLs to ``Document`` records.

Pure functions, no database: :func:`read_path`, :func:`read_bytes` and
:func:`read_url` each return a :class:`ReadResult` (the Document, the exact
original bytes, warnings) or raise :class:`~orbat.errors.ReadError` with a
cause a person can act on; :func:`expand_paths` turns command-line arguments
into files without stopping at a bad one. Every cost is bounded by
:class:`Limits`.

Library choices:

* charset-normalizer: encoding detection for text that is not UTF-8 (cp1256
  Arabic, Latin-1, ...). Pure Python, maintained, and the detector requests
  and pip use; we restrict its candidates to the code pages reporting uses.
* trafilatura (over lxml): main-text extraction from web pages. It is built and
  benchmarked for removing navigation, bylines/bios, comments and related-link
  lists from articles, which hand-written rules on selectolax would do worse.
  lxml's parser limits and our linear fallbacks contain hostile pages.
* pypdf: the PDF text layer, page by page. Pure Python (no native crash
  surface), decrypts empty-password files, and takes resource limits against
  decompression bombs.
* python-docx: DOCX paragraphs and tables in document order, core properties.
* markdown-it-py: CommonMark parsing, to reduce Markdown to plain text.
* py3langid: offline, deterministic language identification (ISO 639-1).

Text handed on is NFC-normalised with line breaks unified and control
characters removed (see :mod:`orbat.ingest.textnorm`); offsets into
``Document.text`` are final once a Document exists.
"""

from orbat.ingest.discovery import expand_paths
from orbat.ingest.fetch import read_url
from orbat.ingest.limits import Limits
from orbat.ingest.reader import ReadResult, read_bytes, read_path

__all__ = ["Limits", "ReadResult", "expand_paths", "read_bytes", "read_path", "read_url"]
