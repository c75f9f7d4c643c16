"""The goals of issue 9 §4, computed from one run's medians.

Every goal is a ratio of two figures measured side by side in the same run, except the two
absolute limits the issue sets (check in 2 s, 500 MB). A goal whose figures are missing (the
tooling has no such command yet, or it failed) is reported as such, never as met.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Results = Mapping[str, Mapping[str, Any]]  # probe key -> probe JSON (see probes.Outcome)

FLOOR_PARTS = ("floor.pandoc", "floor.git_log", "floor.mkdocs")
PDF_FLOORS = ("floor.weasyprint.screen", "floor.weasyprint.print")


@dataclass(frozen=True, slots=True)
class Verdict:
    key: str
    goal: str
    target: str
    measured: str
    met: bool | None  # None: not measurable in this run
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "goal": self.goal,
            "target": self.target,
            "measured": self.measured,
            "met": self.met,
            "detail": self.detail,
        }


def median(results: Results, key: str) -> float | None:
    entry = results.get(key)
    if not entry or entry.get("status") != "ok":
        return None
    value = entry.get("median_s")
    return float(value) if value is not None else None


def _missing(results: Results, *keys: str) -> str:
    parts = []
    for key in keys:
        entry = results.get(key) or {}
        if entry.get("status") != "ok":
            parts.append(
                f"{key}: {entry.get('status', 'not run')} {entry.get('reason', '')}".strip()
            )
    return "; ".join(parts)


def cold_build(results: Results) -> Verdict:
    goal, target = "Cold `cahiers build` vs the sum of the floors", "≤ 1.15×"
    build = median(results, "ours.build.cold")
    with_pdf = results.get("ours.build.cold", {}).get("label", "").find("PDF") >= 0
    parts = FLOOR_PARTS + (PDF_FLOORS if with_pdf else ())
    floors = [median(results, key) for key in parts]
    if build is None or any(f is None for f in floors):
        return Verdict(
            "cold_build", goal, target, "n/a", None, _missing(results, "ours.build.cold", *parts)
        )
    total = sum(f for f in floors if f is not None)
    ratio = build / total
    detail = f"{build:.2f} s against {' + '.join(f'{f:.2f}' for f in floors if f is not None)} = {total:.2f} s"
    if not with_pdf:
        detail += " (this tooling's build has no PDF yet: floors without WeasyPrint)"
    return Verdict("cold_build", goal, target, f"{ratio:.2f}×", ratio <= 1.15, detail)


def warm_rebuild(results: Results) -> Verdict:
    goal, target = "Warm rebuild after editing one contribution vs the cold build", "≤ 20 %"
    warm, cold = median(results, "ours.build.warm"), median(results, "ours.build.cold")
    if warm is None or cold is None:
        return Verdict(
            "warm_rebuild",
            goal,
            target,
            "n/a",
            None,
            _missing(results, "ours.build.warm", "ours.build.cold"),
        )
    share = warm / cold
    return Verdict(
        "warm_rebuild",
        goal,
        target,
        f"{share:.0%}",
        share <= 0.20,
        f"{warm:.2f} s against {cold:.2f} s",
    )


def pdf_parallel(results: Results) -> Verdict:
    goal, target = (
        "`cahiers pdf` on 2 cores vs one WeasyPrint render of the same book",
        "≥ 1.6× faster",
    )
    ours, floor = median(results, "ours.pdf.book"), median(results, "floor.weasyprint.screen")
    if ours is None or floor is None:
        return Verdict(
            "pdf_parallel",
            goal,
            target,
            "n/a",
            None,
            _missing(results, "ours.pdf.book", "floor.weasyprint.screen"),
        )
    speedup = floor / ours
    return Verdict(
        "pdf_parallel",
        goal,
        target,
        f"{speedup:.2f}×",
        speedup >= 1.6,
        f"{floor:.2f} s against {ours:.2f} s",
    )


def check_large(results: Results) -> Verdict:
    goal, target = "`cahiers check`, 1,000 contributions, one changed, warm cache", "≤ 2 s"
    warm, cold = median(results, "large.check.warm"), median(results, "large.check.cold")
    if warm is None:
        return Verdict(
            "check_1000_warm", goal, target, "n/a", None, _missing(results, "large.check.warm")
        )
    cold_text = f"cold: {cold:.2f} s" if cold is not None else "cold: n/a"
    return Verdict("check_1000_warm", goal, target, f"{warm:.2f} s", warm <= 2.0, cold_text)


def credits(results: Results) -> Verdict:
    goal, target = "`cahiers credits` vs one `git log --numstat` pass", "≤ 1.5×"
    for ours_key, floor_key, where in (
        ("history.credits", "history.git_log", "10,000-commit history"),
        ("ours.credits", "floor.git_log", "100-contribution corpus"),
    ):
        ours, floor = median(results, ours_key), median(results, floor_key)
        if ours is not None and floor is not None:
            ratio = ours / floor
            return Verdict(
                "credits",
                goal,
                target,
                f"{ratio:.2f}×",
                ratio <= 1.5,
                f"{where}: {ours:.2f} s against {floor:.2f} s",
            )
    return Verdict(
        "credits", goal, target, "n/a", None, _missing(results, "history.credits", "ours.credits")
    )


def memory(results: Results) -> Verdict:
    """Judged on the tree's summed PSS, the physical memory it holds: summed RSS counts every
    page the layout workers share with their fork server (WeasyPrint's modules) once per
    process. Both figures are shown."""
    goal, target = "Peak memory building a 300-page Cahier (process tree)", "≤ 500 MB"
    entry = results.get("tall.build", {})
    if entry.get("status") != "ok":
        return Verdict(
            "memory_300_pages", goal, target, "n/a", None, _missing(results, "tall.build")
        )
    rss_mb = float(entry["peak_rss_mib"]) * 1.048576  # MiB -> MB
    pss_mb = float(entry.get("peak_pss_mib", 0)) * 1.048576
    pages = entry.get("facts", {}).get("pdf_pages", {})
    if not pss_mb:  # no smaps_rollup: the summed RSS, an overestimate, is all there is
        return Verdict(
            "memory_300_pages", goal, target, f"{rss_mb:.0f} MB RSS", rss_mb <= 500, str(pages)
        )
    return Verdict(
        "memory_300_pages",
        goal,
        target,
        f"{pss_mb:.0f} MB PSS ({rss_mb:.0f} MB summed RSS)",
        pss_mb <= 500,
        f"summed PSS of the process tree (summed RSS counts shared pages once per process: "
        f"{'within' if rss_mb <= 500 else 'over'} the target by that measure); PDF pages: {pages}",
    )


GOALS: tuple[Callable[[Results], Verdict], ...] = (
    cold_build,
    warm_rebuild,
    pdf_parallel,
    check_large,
    credits,
    memory,
)


def evaluate(results: Results) -> list[Verdict]:
    return [goal(results) for goal in GOALS]
