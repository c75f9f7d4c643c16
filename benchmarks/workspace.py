"""Corpora and scratch copies for one benchmark run.

A corpus is generated once per spec (deterministic: same seed, same bytes) into
`WORK/corpora/NAME`, and reused by later runs that point at the same `--work` folder. Every
scenario works on its own copy, so one scenario's caches and edits never leak into another's.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks import corpus as corpus_module
from benchmarks.corpus import CorpusSpec, generate

REPO = Path(__file__).resolve().parent.parent
EDIT_MARK = "Paragraphe ajouté pour le banc d'essai"
FOOTNOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass(frozen=True, slots=True)
class Corpora:
    """The corpus of each measure: `book` (100 contributions), `large` (1,000, for the check)
    and `tall` (a 300-page Cahier, for the memory figure)."""

    book: CorpusSpec
    large: CorpusSpec
    tall: CorpusSpec

    @staticmethod
    def full() -> Corpora:
        return Corpora(
            book=CorpusSpec(groups=4, per_group=25, commits=320, authors=30, seed=1),
            large=CorpusSpec(groups=4, per_group=250, commits=1000, authors=30, seed=1),
            # The book corpus (165,000 words) makes about 490 pages in the screen profile, so
            # 100 × 1,000 words make about 300 (the run reports the real count).
            tall=CorpusSpec(groups=4, per_group=25, commits=320, authors=30, words=1000, seed=1),
        )

    @staticmethod
    def quick() -> Corpora:
        tiny = CorpusSpec(groups=2, per_group=3, commits=12, authors=6, words=250, seed=1)
        return Corpora(
            book=tiny,
            large=CorpusSpec(groups=2, per_group=10, commits=24, authors=6, words=150, seed=1),
            tall=tiny,
        )


def generator_digest() -> str:
    """A corpus made by another version of the generator, or with other configuration files,
    is made again."""
    digest = hashlib.sha256(Path(corpus_module.__file__ or "").read_bytes())
    digest.update(json.dumps(corpus_module.repository_config(REPO), sort_keys=True).encode())
    return digest.hexdigest()[:16]


class Workspace:
    def __init__(self, base: Path) -> None:
        self.base = base.resolve()
        self.base.mkdir(parents=True, exist_ok=True)

    def corpus(self, name: str, spec: CorpusSpec) -> Path:
        """The corpus `name`, generated unless an identical one is already there."""
        out = self.base / "corpora" / name
        stamp = out.parent / f"{name}.spec.json"
        wanted = json.dumps([asdict(spec), generator_digest()], sort_keys=True)
        if out.is_dir() and stamp.is_file() and stamp.read_text("utf-8") == wanted:
            return out
        generate(out, spec, config_from=REPO)
        stamp.write_text(wanted, "utf-8")
        return out

    def copy(self, corpus: Path, label: str) -> Path:
        """A fresh copy of `corpus` (history included) for one scenario."""
        target = self.base / "runs" / label
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(corpus, target, symlinks=True)
        return target

    def scratch(self, label: str) -> Path:
        target = self.base / "scratch" / label
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        return target


def contributions(root: Path) -> list[Path]:
    return sorted(root.glob("groups/*/*.md"))


def edited_contribution(root: Path) -> Path:
    """The contribution the "edit one file" scenarios change: one in the middle of the book."""
    files = contributions(root)
    return files[len(files) // 2]


def toggle_edit(path: Path) -> None:
    """Add a paragraph to the first section of `path`, or take it out again: every call is a
    real change of one contribution, and the text stays valid."""
    text = path.read_text("utf-8")
    paragraph = f"{EDIT_MARK} : une phrase de plus, pour mesurer une reconstruction.\n\n"
    if EDIT_MARK in text:
        text = text.replace(paragraph, "")
    else:
        head, sep, tail = text.partition("\n## ")
        section_end = tail.find("\n\n") + 2
        text = head + sep + tail[:section_end] + paragraph + tail[section_end:]
    path.write_text(text, "utf-8")


def fresh_edit(path: Path) -> None:
    """Edit `path` anew: the paragraph of `toggle_edit`, numbered one more at every call. A
    toggle returns every other time to a text the render and layout caches have seen, so that
    from the third run on a "warm, one contribution edited" build would redo nothing."""
    text = path.read_text("utf-8")
    found = re.search(rf"{re.escape(EDIT_MARK)} (\d+) : [^\n]*\n\n", text)
    number = int(found[1]) + 1 if found else 1
    paragraph = f"{EDIT_MARK} {number} : une phrase de plus, pour mesurer une reconstruction.\n\n"
    if found:
        text = text[: found.start()] + paragraph + text[found.end() :]
    else:
        head, sep, tail = text.partition("\n## ")
        section_end = tail.find("\n\n") + 2
        text = head + sep + tail[:section_end] + paragraph + tail[section_end:]
    path.write_text(text, "utf-8")


def clear_caches(root: Path, *outputs: Path) -> None:
    """Cold start: no render cache and no previous outputs."""
    for folder in (root / ".cache", *outputs):
        shutil.rmtree(folder, ignore_errors=True)


def clear_layout_cache(root: Path) -> None:
    """A warm render cache but no layout cache: the PDF is laid out in full."""
    shutil.rmtree(root / ".cache" / "cahiers" / "layout", ignore_errors=True)


def pandoc_bodies(root: Path, target: Path) -> Path:
    """All contribution bodies (front matter stripped) in one Markdown file, footnote labels
    namespaced per file so that one pandoc pass reads them as the separate texts they are."""
    parts = []
    for index, path in enumerate(contributions(root)):
        text = path.read_text("utf-8")
        if text.startswith("---\n"):
            text = text[text.index("\n---\n", 4) + 5 :]
        parts.append(FOOTNOTE_LABEL.sub(f"[^c{index}-\\1]", text))
    target.write_text("\n\n".join(parts), "utf-8")
    return target
