"""Load a working group (`groups/<slug>/group.yml`) and its contributions (`*.md`)."""

from __future__ import annotations

from pathlib import Path

from cahiers.findings import Location, error
from cahiers.load import schemas
from cahiers.load.documents import read_front_matter, read_yaml_record
from cahiers.load.files import read_text
from cahiers.load.schema import SLUG_RE, Record, Validator
from cahiers.model import Contribution, Group, Interest, Membership, ReviewException


def load_group(root: Path, group_dir: str, md_files: list[str], v: Validator) -> Group | None:
    slug = group_dir.split("/")[-1]
    if not _valid_slug(slug, Location(group_dir), "group folder", v):
        return None
    path = f"{group_dir}/group.yml"
    record = read_yaml_record(root, path, schemas.GROUP, "group.yml", v)
    contributions = tuple(
        c for c in (load_contribution(root, slug, md, v) for md in sorted(md_files)) if c
    )
    if record is None:
        return None
    values = record.values
    return Group(
        slug=slug,
        title=values.get("title", slug),
        summary=values.get("summary", ""),
        charter=values.get("charter", ""),
        status=values.get("status", "active"),
        associations=values.get("associations") or (),
        chairs=values.get("chairs") or (),
        members=tuple(_membership(r, v) for r in values.get("members") or ()),
        location=Location(path),
        contributions=contributions,
        spans=record.spans,
    )


def _membership(record: Record, v: Validator) -> Membership:
    values = record.values
    membership = Membership(
        person=values["person"],
        since=values["since"],
        until=values.get("until"),
        location=record.location,
        spans=record.spans,
    )
    if membership.until is not None and membership.until < membership.since:
        v.findings.append(
            error(
                record.spans.get("until", record.location),
                "membership-dates",
                f"`until` ({membership.until}) is before `since` ({membership.since})",
                "swap the two dates, or correct the year",
            )
        )
    return membership


def load_contribution(root: Path, group: str, relpath: str, v: Validator) -> Contribution | None:
    slug = relpath.rsplit("/", 1)[-1].removesuffix(".md")
    if not _valid_slug(slug, Location(relpath), "contribution file name", v):
        return None
    file, problems = read_text(root, relpath)
    v.findings.extend(problems)
    if file is None:
        return None
    record, body, body_line = read_front_matter(file, schemas.CONTRIBUTION, v)
    # A contribution with a broken front matter is still part of the model (with safe defaults),
    # so that a paper listing it does not get a second, misleading "unknown contribution" finding.
    values = record.values if record else {}
    return Contribution(
        slug=slug,
        group=group,
        path=relpath,
        title=values.get("title", slug),
        authors=values.get("authors") or (),
        status=values.get("status", "draft"),
        body=body,
        body_line=body_line,
        location=Location(relpath, 1, 1),
        summary=values.get("summary", ""),
        tags=values.get("tags") or (),
        lang=values.get("lang") or "fr",
        reviewers=values.get("reviewers") or (),
        interests=tuple(
            Interest(
                person=r.values["person"],
                organization=r.values["organization"],
                statement=r.values["statement"],
                location=r.location,
                spans=r.spans,
            )
            for r in values.get("interests") or ()
        ),
        exceptions=tuple(
            ReviewException(
                rule=r.values["rule"],
                reason=r.values["reason"],
                approved_by=r.values["approved_by"],
                location=r.location,
                spans=r.spans,
            )
            for r in values.get("exceptions") or ()
        ),
        spans=record.spans if record else {},
    )


def _valid_slug(slug: str, location: Location, what: str, v: Validator) -> bool:
    if SLUG_RE.match(slug):
        return True
    v.findings.append(
        error(
            location,
            "slug-invalid",
            f"`{slug}` is not a valid {what}",
            "use lowercase ASCII letters, digits and `-` (e.g. `reversibilite-cloud`), "
            "then rename the file",
        )
    )
    return False
