"""The phrase grammar of the policy, and its compilation into one trie-shaped regular expression.

A policy phrase is written as a reader would type it:

- words are separated by spaces; a space, a hyphen or an apostrophe in the phrase matches any
  run of spaces, hyphens and apostrophes in the text, or none (`best-in-class` = `best in class`,
  `l'offre` = `l offre`);
- case, accents, invisible characters and homoglyphs never matter (see `normalize`);
- in *inflected* phrases, a word of four letters or more also matches its feminine and plural
  forms (`sponsorisé` matches sponsorisée, sponsorisés, sponsorisées);
- `*` ends a word with any letters (`sponsoris*` matches sponsoriser, sponsorisation…);
- `{a|b|c}` gives alternatives (`{le|la} meilleur* {offre|solution}`).

All phrases of all categories are merged into one trie, emitted as a single regular expression
with shared prefixes factored out, so the text is read once whatever the size of the lexicon
(a flat alternation of 2,000 names is forty times slower). Which category a match belongs to is
then decided on the matched text alone, with a small per-category expression, and cached.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cahiers.check.review.normalize import fold_key

_SEP = "\x00sep"
_SUFFIX = "\x00suffix"
_STAR = "\x00star"
_END = "\x00end"
_ATOM_RE = {
    _SEP: r"[\s'\-]*",
    _SUFFIX: r"(?:es|e|s|x)?",
    _STAR: r"\w*",
    _END: r"(?!\w)",
}
_ORDER = {_SEP: 1, _SUFFIX: 2, _STAR: 3, _END: 4}  # literals (0) first, the end last: longest wins
_SPLIT_RE = re.compile(r"[\s'\-]+")
_ALTERNATIVES_RE = re.compile(r"\{([^{}]*)\}")
_KEY_RE = re.compile(r"[\s'\-]+")


class PhraseError(ValueError):
    """A policy phrase that cannot be compiled; the message says why."""


@dataclass(frozen=True, slots=True)
class Term:
    phrase: str  # as written in the policy
    category: str
    inflect: bool = False


def expand(phrase: str) -> list[str]:
    """The plain phrases that `{a|b}` alternatives stand for."""
    if phrase.count("{") != phrase.count("}"):
        raise PhraseError(f"unbalanced braces in `{phrase}`")
    pieces = _ALTERNATIVES_RE.split(phrase)
    choices = [
        [choice.strip() for choice in piece.split("|")] if index % 2 else [piece]
        for index, piece in enumerate(pieces)
    ]
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]


def atoms(phrase: str, *, inflect: bool) -> list[str]:
    """A plain phrase as a list of atoms: literal characters and the special `_ATOM_RE` keys."""
    text = fold_key(phrase).strip()
    if "{" in text or "}" in text or "|" in text:
        raise PhraseError(f"misplaced `{{`, `}}` or `|` in `{phrase}`")
    words = [w for w in _SPLIT_RE.split(text) if w]
    if not words:
        raise PhraseError(f"empty phrase `{phrase}`")
    if not re.match(r"\w", words[0]):
        raise PhraseError(f"`{phrase}` must start with a letter or a digit")
    result: list[str] = []
    for index, word in enumerate(words):
        if index:
            result.append(_SEP)
        star = word.endswith("*")
        word = word.rstrip("*")
        if "*" in word or not word:
            raise PhraseError(f"`*` may only end a word, in `{phrase}`")
        result.extend(word)
        if star:
            result.append(_STAR)
        elif inflect and len(word) >= 4 and word[-1].isalpha():
            result.append(_SUFFIX)
    result.append(_END)
    return result


def _emit(node: dict[str, dict[str, object]]) -> str:
    parts = []
    for atom in sorted(node, key=lambda a: (_ORDER.get(a, 0), a)):
        piece = _ATOM_RE.get(atom) or re.escape(atom)
        child = node[atom]
        parts.append(piece + (_emit(child) if child else ""))  # type: ignore[arg-type]
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


def trie_pattern(sequences: Iterable[list[str]]) -> tuple[str, set[str]]:
    """A regex body matching exactly the atom sequences, and the set of their first characters."""
    root: dict[str, dict[str, object]] = {}
    firsts: set[str] = set()
    for sequence in sequences:
        node = root
        firsts.add(sequence[0])
        for atom in sequence:
            node = node.setdefault(atom, {})  # type: ignore[assignment]
    return (_emit(root) if root else "(?!)"), firsts


def match_key(matched: str) -> str:
    """A folded match without its separators: how names are looked up after a match."""
    return _KEY_RE.sub("", matched)


class TermMatcher:
    """Every term of the policy in one compiled expression; categories found per match.

    The expressions are compiled on first use (about 0.7 s for the whole policy): a warm check
    whose texts all come from the review cache never scans, and a scan without hits never needs
    the per-category expressions.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        by_category: dict[str, list[list[str]]] = {}
        for term in terms:
            for plain in expand(term.phrase):
                by_category.setdefault(term.category, []).append(atoms(plain, inflect=term.inflect))
        self._by_category = by_category
        self._cache: dict[str, tuple[str, ...]] = {}

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        body, firsts = trie_pattern(seq for seqs in self._by_category.values() for seq in seqs)
        first_class = "".join(sorted(re.escape(c) for c in firsts)) or "^\\w\\W"
        return re.compile(rf"(?<!\w)(?=[{first_class}])(?:{body})")

    @functools.cached_property
    def _categories(self) -> dict[str, re.Pattern[str]]:
        return {
            name: re.compile(trie_pattern(seqs)[0])
            for name, seqs in sorted(self._by_category.items())
        }

    def categories(self, matched: str) -> tuple[str, ...]:
        """The categories whose terms match `matched` (a folded match of `pattern`) entirely."""
        found = self._cache.get(matched)
        if found is None:
            found = tuple(
                name for name, regex in self._categories.items() if regex.fullmatch(matched)
            )
            self._cache[matched] = found
        return found
