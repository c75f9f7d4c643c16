"""Walk the content tree: refuse symlinks and unexpected file types, sort what is there.

Content lives under `groups/` and `papers/`. Nothing there is followed through a symlink: a
symlink in a pull request could make the build read (and publish) a file outside the repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cahiers.findings import Finding, Location, error
from cahiers.load.files import MAX_IMAGE_BYTES

CONTENT_ROOTS = ("groups", "papers")
IMAGE_SUFFIXES = frozenset({".svg", ".png", ".jpg", ".jpeg", ".webp"})
TEXT_SUFFIXES = frozenset({".md", ".yml"})
#: Files accepted in a paper folder besides Markdown, YAML and images: its bibliography.
PAPER_EXTRA_SUFFIXES = frozenset({".json"})
IGNORED_NAMES = frozenset({".gitkeep", ".DS_Store"})


@dataclass(slots=True)
class ContentTree:
    group_dirs: list[str] = field(default_factory=list)  # "groups/cloud"
    contribution_files: dict[str, list[str]] = field(default_factory=dict)  # group dir -> .md
    paper_dirs: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def walk_content(root: Path) -> ContentTree:
    tree = ContentTree()
    for top in CONTENT_ROOTS:
        base = root / top
        if base.is_symlink():
            tree.findings.append(_symlink(top))
            continue
        if base.is_dir():
            _walk(root, top, tree)
    for group_dir in _subdirs(root, "groups", tree):
        if (root / group_dir / "group.yml").is_file():
            tree.group_dirs.append(group_dir)
        elif tree.contribution_files.get(group_dir):
            tree.findings.append(
                error(
                    Location(group_dir),
                    "group-definition-missing",
                    f"folder `{group_dir}` holds contributions but no `group.yml`",
                    "add a group.yml (`cahiers new group`), or move the files to an existing group",
                )
            )
    tree.paper_dirs = [
        d for d in _subdirs(root, "papers", tree) if (root / d / "paper.yml").is_file()
    ]
    for paper_dir in _subdirs(root, "papers", tree):
        if paper_dir not in tree.paper_dirs:
            tree.findings.append(
                error(
                    Location(paper_dir),
                    "paper-definition-missing",
                    f"folder `{paper_dir}` has no `paper.yml`",
                    "add a paper.yml (`cahiers new paper`), or remove the folder",
                )
            )
    return tree


def _subdirs(root: Path, top: str, tree: ContentTree) -> list[str]:
    base = root / top
    if not base.is_dir() or base.is_symlink():
        return []
    return sorted(
        f"{top}/{entry.name}"
        for entry in os.scandir(base)
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".")
    )


def _walk(root: Path, top: str, tree: ContentTree) -> None:
    pending = [top]
    while pending:
        rel = pending.pop()
        with os.scandir(root / rel) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = f"{rel}/{entry.name}"
                if entry.is_symlink():
                    tree.findings.append(_symlink(path))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                elif entry.is_file(follow_symlinks=False):
                    _classify(entry, path, tree)
                else:
                    tree.findings.append(_refused(path, "is not a regular file"))


def _classify(entry: os.DirEntry[str], path: str, tree: ContentTree) -> None:
    if entry.name in IGNORED_NAMES:
        return
    suffix = PurePosixPath(entry.name).suffix.lower()
    parts = path.split("/")
    if suffix in IMAGE_SUFFIXES:
        size = entry.stat(follow_symlinks=False).st_size
        if size > MAX_IMAGE_BYTES:
            tree.findings.append(
                error(
                    Location(path),
                    "file-too-large",
                    f"image is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,} bytes (5 MiB)",
                    "export it smaller (SVG for diagrams, 150 dpi for photos)",
                )
            )
        else:
            tree.assets.append(path)
        return
    if suffix in TEXT_SUFFIXES or (parts[0] == "papers" and suffix in PAPER_EXTRA_SUFFIXES):
        if parts[0] == "groups" and len(parts) == 3 and suffix == ".md":
            tree.contribution_files.setdefault("/".join(parts[:2]), []).append(path)
        elif parts[0] == "groups" and suffix == ".md" and len(parts) > 3:
            tree.findings.append(
                error(
                    Location(path),
                    "contribution-misplaced",
                    "contributions must sit directly in their group's folder",
                    f"move it to `{'/'.join(parts[:2])}/{parts[-1]}`",
                )
            )
        return
    tree.findings.append(
        _refused(path, f"has a type not accepted in content (`{suffix or 'no extension'}`)")
    )


def _symlink(path: str) -> Finding:
    return error(
        Location(path),
        "symlink-refused",
        f"`{path}` is a symbolic link; links are refused in content",
        "replace the link with a copy of the file",
    )


def _refused(path: str, why: str) -> Finding:
    return error(
        Location(path),
        "file-type-refused",
        f"`{path}` {why}",
        "only .md, .yml and images (.svg, .png, .jpg, .jpeg, .webp) belong under groups/ and "
        "papers/ (plus a paper's .json bibliography)",
    )
