"""Sponsor-free, vendor-neutral review rules (see README, "Sponsor-free review").

Pure: the rules read the model and a neutral visible text (`types.ReviewInput`); the pipeline
feeds them the render stage's output and the policy files.
"""

from cahiers.check.review.catalogue import RULES, Rule
from cahiers.check.review.engine import review_project, review_text, review_texts, word_count
from cahiers.check.review.lexicon import CompiledPolicy
from cahiers.check.review.plaintext import extract
from cahiers.check.review.policy import Policy
from cahiers.check.review.policy_load import POLICY_FILES, PolicyFile, build_policy
from cahiers.check.review.types import (
    GrantedException,
    ReviewInput,
    ReviewReport,
    SuppressedFinding,
    VisibleLine,
    VisibleLink,
)

__all__ = [
    "POLICY_FILES",
    "RULES",
    "CompiledPolicy",
    "GrantedException",
    "Policy",
    "PolicyFile",
    "ReviewInput",
    "ReviewReport",
    "Rule",
    "SuppressedFinding",
    "VisibleLine",
    "VisibleLink",
    "build_policy",
    "extract",
    "review_project",
    "review_text",
    "review_texts",
    "word_count",
]
