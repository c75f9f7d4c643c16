"""The review's fast paths give what the general paths give.

`fold_cased` skips work on text that is ASCII, accented Latin or plain signs once decomposed;
the sentence regex is written for speed. Both are compared with their plain definitions on
texts drawn from every character the folding treats specially.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cahiers.check.review import normalize
from cahiers.check.review.normalize import fold_cased, fold_general
from cahiers.check.review.scan import _SENTENCE_END

# The plain definition of a sentence end (before it was rewritten to start with one class).
SENTENCE_END = re.compile(r"[.!?…;:]+[\"»”')\]]*(?=\s)|\n[ \t]*\n")

SPECIAL = sorted(
    {chr(c) for c in normalize._TABLE}  # invisible characters, homoglyphs, punctuation
    | set(normalize._PLAIN_SIGNS)
    | set(normalize._FREQUENT_MARKS)
    | {chr(c) for c in range(0x300, 0x370)}  # every combining accent
    | set("éèêëàâäîïôöùûüçÉÈÀÇœŒæßẞİŉǅﬁ…½™`＇｀῾῭΅`ｅ\u1fef\u212b")
)
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters(max_codepoint=0x7F)),
    max_size=40,
)
PROSE = st.text(alphabet=st.sampled_from(list("ab .!?…;:\n\t»”')]\"«“") + SPECIAL[:20]))


@settings(max_examples=2000)
@given(TEXT)
@example("｀ grave")  # NFKD makes "`" of it, after the common replacements
@example("e\u1fef « x »")
@example("ѕ « x »")
def test_fold_cased_takes_shortcuts_to_the_general_result(text: str) -> None:
    assert fold_cased(text) == fold_general(text)


def test_fold_cased_on_real_prose() -> None:
    prose = (
        "« Déjà vu » : l’hébergeur coûte 12 € ; ½ des DSI — 40 % — l'ont noté à Noël.\n"
        "Ｆｕｌｌ ｗｉｄｔｈ and spon\u200bsorisé, ѕponsor, naïve façade, Ångström ﬁn.\n"
    )
    for text in (prose, prose.replace("\u200b", "").replace("ѕ", "s"), "Café « crème »"):
        assert fold_cased(text) == fold_general(text)
    assert fold_cased("Café « crème » 12 €") == "Cafe « creme » 12 €"


def test_plain_signs_are_left_as_they_are() -> None:
    for sign in normalize._PLAIN_SIGNS:
        assert ord(sign) not in normalize._TABLE
        assert unicodedata.normalize("NFKD", sign) == sign
        assert fold_general(sign) == sign


@settings(max_examples=2000)
@given(PROSE)
def test_sentence_ends_are_found_as_the_plain_definition_finds_them(text: str) -> None:
    found = [m.span() for m in _SENTENCE_END.finditer(text)]
    assert found == [m.span() for m in SENTENCE_END.finditer(text)]
