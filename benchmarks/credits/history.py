"""A deterministic 10,000-commit history over the benchmark corpus, for the credits benchmark.

The content (registry, groups, 1,000 contributions, a paper) comes from `benchmarks.corpus`; the
history is this module's, written with one `git fast-import` stream so that it takes seconds. It
exercises everything the credits stage handles: `.mailmap` aliases, co-author trailers, a bot,
unknown identities, renames of drafts, whitespace-only commits listed in
`.git-blame-ignore-revs`. The last commits bring every file to its final text, so the tree at
HEAD is exactly the corpus, which `cahiers.load` accepts.
"""

from __future__ import annotations

import os
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import CorpusSpec, generate_files

BOT = ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com")
STRANGERS = [(f"Invité {i}", f"invite-{i}@ailleurs.example") for i in range(3)]


@dataclass(frozen=True)
class HistorySpec:
    commits: int = 10_000
    authors: int = 200  # registered people; 10 % of them also commit under an old address
    files: int = 1_000  # contributions
    seed: int = 1
    words: int = 250  # per contribution

    def corpus(self) -> CorpusSpec:
        groups = 10
        return CorpusSpec(
            groups=groups,
            per_group=self.files // groups,
            commits=self.commits,
            authors=self.authors,
            words=self.words,
            seed=self.seed,
        )


class Stream:
    """A `git fast-import` stream of commits with fixed identities and dates."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.when = 1_700_000_000
        self.marks = 0

    def commit(
        self,
        who: tuple[str, str],
        message: str,
        writes: dict[str, str] | None = None,
        renames: dict[str, str] | None = None,
    ) -> int:
        self.when += 600
        self.marks += 1
        ident = f"{who[0]} <{who[1]}> {self.when} +0100"
        data = message.encode()
        self.chunks.append(
            f"commit refs/heads/main\nmark :{self.marks}\nauthor {ident}\ncommitter {ident}\n".encode()
        )
        self.chunks.append(b"data %d\n%s\n" % (len(data), data))
        for old, new in (renames or {}).items():
            self.chunks.append(f"R {old} {new}\n".encode())
        for path, text in (writes or {}).items():
            blob = text.encode()
            self.chunks.append(
                b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(blob), blob)
            )
        return self.marks


def _draft(rng: random.Random, final: str) -> str:
    lines = final.split("\n")
    keep = max(8, len(lines) * rng.randint(3, 10) // 10)
    draft = lines[:keep]
    if rng.random() < 0.4:
        draft[rng.randrange(6, len(draft))] = f"Version de travail {rng.randint(1, 10**6)}."
    return "\n".join(draft) + "\n"


def _whitespace(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    index = rng.randrange(len(lines))
    lines[index] = lines[index] + "  "
    return "\n".join(lines)


def generate(out: Path, spec: HistorySpec) -> dict[str, int]:
    """Write the repository into `out` (an empty or missing folder); return a few counts."""
    files, people = generate_files(spec.corpus())
    rng = random.Random(spec.seed + 2)
    registered = [(f"Personne {p[-3:]}", f"{p}@bench.example") for p in people]
    aliases = {p: (f"P. {p[-3:]}", f"{p}.ancien@perso.example") for p in people[::10]}
    files[".mailmap"] = "".join(
        f"Personne {p[-3:]} <{p}@bench.example> <{alias[1]}>\n" for p, alias in aliases.items()
    )
    identities = registered + list(aliases.values())

    def someone() -> tuple[str, str]:
        roll = rng.random()
        if roll < 0.01:
            return BOT
        if roll < 0.015:
            return rng.choice(STRANGERS)
        return rng.choice(identities)

    contributions = sorted(p for p in files if p.startswith("groups/") and p.endswith(".md"))
    drafts = {p: "{0}/brouillon-{2}".format(*p.rpartition("/")) for p in contributions[::10]}
    stream = Stream()
    stream.commit(
        registered[0], "Mise en place", {p: t for p, t in files.items() if p not in contributions}
    )
    current = {p: drafts.get(p, p) for p in contributions}
    text: dict[str, str] = {}
    whitespace_marks: list[int] = []
    editing = spec.commits - 2 - 2 * len(contributions)  # set-up, creations, finals, ignore
    for path in contributions:
        text[path] = _draft(rng, files[path])
        stream.commit(someone(), f"Création de {Path(path).stem}", {current[path]: text[path]})
    for index in range(editing):
        path = rng.choice(contributions)
        if path in drafts and current[path] != path and rng.random() < 0.3:
            stream.commit(someone(), "Renommage", renames={current[path]: path})
            current[path] = path
            continue
        who = someone()
        if rng.random() < 0.03:
            text[path] = _whitespace(rng, text[path])
            whitespace_marks.append(
                stream.commit(who, "Mise en forme", {current[path]: text[path]})
            )
            continue
        text[path] = _draft(rng, files[path])
        message = f"Rédaction de {Path(path).stem} ({index})"
        if rng.random() < 0.1:
            co_author = rng.choice(identities)
            message += f"\n\nCo-authored-by: {co_author[0]} <{co_author[1]}>"
        stream.commit(who, message, {current[path]: text[path]})
    for path in contributions:
        renames = {current[path]: path} if current[path] != path else None
        stream.commit(
            someone(), f"Version finale de {Path(path).stem}", {path: files[path]}, renames
        )
    out.mkdir(parents=True, exist_ok=True)
    git = ["git", "-C", str(out)]
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    marks = out / ".git" / "marks"
    subprocess.run(
        [*git, "fast-import", "--quiet", f"--export-marks={marks}"],
        input=b"".join(stream.chunks),
        check=True,
    )
    subprocess.run([*git, "reset", "-q", "--hard", "main"], check=True)
    by_mark = dict(line.split() for line in marks.read_text().splitlines())
    ignored = [by_mark[f":{mark}"] for mark in whitespace_marks[::2]]
    (out / ".git-blame-ignore-revs").write_text(
        "# formatting commits\n" + "".join(f"{rev}\n" for rev in ignored), "utf-8"
    )
    stamp = "2026-01-01T00:00:00+01:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run([*git, "add", ".git-blame-ignore-revs"], check=True)
    subprocess.run(
        [
            *git,
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@bench.example",
            "commit",
            "-q",
            "-m",
            "Ignore formatting commits",
        ],
        check=True,
        env=env,
    )
    count = subprocess.run(
        [*git, "rev-list", "--count", "HEAD"], check=True, capture_output=True, text=True
    )
    return {
        "commits": int(count.stdout),
        "identities": len(identities) + len(STRANGERS) + 1,
        "files": len(contributions),
        "whitespace_commits": len(whitespace_marks),
        "ignored_commits": len(ignored),
    }
