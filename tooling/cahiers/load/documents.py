"""Read a YAML file or a Markdown file's front matter into a validated `Record`."""

from __future__ import annotations

from pathlib import Path

from cahiers.findings import Location, error
from cahiers.load.files import TextFile, has_unclosed_front_matter, read_text, split_front_matter
from cahiers.load.schema import Field, Record, Validator
from cahiers.load.yamlsafe import Node, parse_yaml


def read_yaml(root: Path, relpath: str, v: Validator) -> Node | None:
    file, problems = read_text(root, relpath)
    v.findings.extend(problems)
    if file is None:
        return None
    node, problems = parse_yaml(file.text, relpath)
    v.findings.extend(problems)
    return node


def read_yaml_record(
    root: Path, relpath: str, schema: tuple[Field, ...], what: str, v: Validator
) -> Record | None:
    if not (root / relpath).is_file():
        return None
    node = read_yaml(root, relpath, v)
    if node is None and any(f.path == relpath for f in v.findings):
        return None  # unreadable or invalid YAML: already reported
    return v.mapping(node, schema, what, Location(relpath))


def read_front_matter(
    file: TextFile, schema: tuple[Field, ...], v: Validator
) -> tuple[Record | None, str, int]:
    """Validate a Markdown file's front matter; return it with the body and its first line."""
    parts = split_front_matter(file.text)
    if parts.yaml_text is None:
        if has_unclosed_front_matter(file.text):
            v.findings.append(
                error(
                    Location(file.path, 1, 1),
                    "front-matter-unclosed",
                    "the front matter opened on line 1 is never closed",
                    "end it with a line holding only `---`",
                )
            )
        else:
            v.findings.append(
                error(
                    Location(file.path, 1, 1),
                    "front-matter-missing",
                    "a contribution must start with a YAML front matter between `---` lines",
                    "start the file with `---`, `title: …`, `authors: […]`, `status: draft`, `---`",
                )
            )
        return None, parts.body, parts.body_line
    before = len(v.findings)
    node, problems = parse_yaml(parts.yaml_text, file.path, parts.yaml_line)
    v.findings.extend(problems)
    if node is None and len(v.findings) > before:
        return None, parts.body, parts.body_line
    record = v.mapping(node, schema, "the front matter", Location(file.path, 1, 1))
    return record, parts.body, parts.body_line
