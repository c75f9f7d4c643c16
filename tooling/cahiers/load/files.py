"""Reading content files safely: size caps, UTF-8 with byte offsets, BOM and CRLF accepted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cahiers.findings import Finding, Location, error

#: The largest Markdown or YAML file we read. A 100-page Cahier is about 1.3 MB of Markdown over
#: 100 files; a single 1 MiB contribution would already be a 70-page chapter.
MAX_TEXT_BYTES = 1024 * 1024
#: The largest image we accept; print-quality SVG and PNG figures stay well below.
MAX_IMAGE_BYTES = 5 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class TextFile:
    path: str  # repo-relative, POSIX
    text: str  # BOM removed, line endings normalised to "\n"


def read_text(root: Path, relpath: str) -> tuple[TextFile | None, list[Finding]]:
    """Read a content file as UTF-8 text, or report why it cannot be read."""
    file = root / relpath
    try:
        size = file.stat().st_size
        if size > MAX_TEXT_BYTES:
            return None, [
                error(
                    Location(relpath),
                    "file-too-large",
                    f"file is {size:,} bytes; the limit is {MAX_TEXT_BYTES:,} bytes (1 MiB)",
                    "split it into several contributions",
                )
            ]
        data = file.read_bytes()
    except OSError as exc:
        return None, [error(Location(relpath), "file-unreadable", f"cannot read file: {exc}")]
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            error(
                Location(relpath, line, column),
                "encoding",
                f"not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}",
                "save the file as UTF-8 (most editors: File > Save with encoding > UTF-8)",
            )
        ]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [
            error(
                Location(relpath, line),
                "encoding",
                "file contains a NUL character: it looks binary",
                "save it as plain UTF-8 text",
            )
        ]
    return TextFile(relpath, text), []


@dataclass(frozen=True, slots=True)
class FrontMatter:
    yaml_text: str | None  # None when the file has no front matter
    yaml_line: int  # file line where the YAML starts
    body: str
    body_line: int  # file line where the body starts


def split_front_matter(text: str) -> FrontMatter:
    """Split `---` fenced YAML from the Markdown body. The fence must open on line 1.

    An unclosed fence is returned as "no front matter" with the whole text as body: the caller
    reports it, since then nothing of the YAML can be trusted.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(None, 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return FrontMatter(yaml_text, 2, body, index + 2)
    return FrontMatter(None, 1, text, 1)


def has_unclosed_front_matter(text: str) -> bool:
    return text.split("\n", 1)[0].rstrip() == "---" and split_front_matter(text).yaml_text is None
