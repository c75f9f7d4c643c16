"""Load a paper (`papers/<slug>/paper.yml`) and its preamble."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cahiers.findings import Location, error
from cahiers.load import schemas
from cahiers.load.documents import read_yaml_record
from cahiers.load.files import read_text
from cahiers.load.schema import SLUG_RE, Validator
from cahiers.model import KeyMessage, Paper, Part


def load_paper(root: Path, paper_dir: str, v: Validator) -> Paper | None:
    slug = paper_dir.split("/")[-1]
    path = f"{paper_dir}/paper.yml"
    if not SLUG_RE.match(slug):
        v.findings.append(
            error(
                Location(paper_dir),
                "slug-invalid",
                f"`{slug}` is not a valid paper folder name",
                "use lowercase ASCII letters, digits and `-`, e.g. `cahier-2026`",
            )
        )
        return None
    record = read_yaml_record(root, path, schemas.PAPER, "paper.yml", v)
    if record is None:
        return None
    values = record.values
    preamble, preamble_path = "", None
    if "preamble" in values:
        preamble_path = _sibling(root, paper_dir, values["preamble"], record.spans["preamble"], v)
        if preamble_path is not None:
            file, problems = read_text(root, preamble_path)
            v.findings.extend(problems)
            preamble = file.text if file else ""
    bibliography = None
    if "bibliography" in values:
        bibliography = _sibling(
            root, paper_dir, values["bibliography"], record.spans["bibliography"], v
        )
    return Paper(
        slug=slug,
        title=values.get("title", slug),
        subtitle=values.get("subtitle") or "",
        edition=values.get("edition", ""),
        date=values.get("date") or dt.date(1970, 1, 1),
        associations=values.get("associations") or (),
        editors=values.get("editors") or (),
        license=values.get("license", ""),
        preamble=preamble,
        preamble_path=preamble_path,
        preamble_line=1,
        key_messages=tuple(
            KeyMessage(r.values["title"], r.values["text"], r.location)
            for r in values.get("key_messages") or ()
        ),
        parts=tuple(
            Part(
                group=r.values["group"],
                contributions=r.values["contributions"],
                location=r.location,
                title=r.values.get("title"),
                spans=r.spans,
            )
            for r in values.get("parts") or ()
        ),
        location=Location(path),
        bibliography=bibliography,
        spans=record.spans,
    )


def _sibling(root: Path, paper_dir: str, name: str, where: Location, v: Validator) -> str | None:
    """A file named in paper.yml must sit next to it: no `..`, no sub-folders, no absolute path."""
    if "/" in name or "\\" in name or name.startswith("."):
        v.findings.append(
            error(
                where,
                "paper-file-outside",
                f"`{name}` must be a plain file name next to paper.yml",
                "move the file into the paper's folder and give its bare name",
            )
        )
        return None
    path = f"{paper_dir}/{name}"
    if not (root / path).is_file():
        v.findings.append(
            error(
                where,
                "paper-file-missing",
                f"`{name}` does not exist in `{paper_dir}/`",
                "create the file, or correct its name",
            )
        )
        return None
    return path
