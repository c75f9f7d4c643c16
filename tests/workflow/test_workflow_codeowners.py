"""`cahiers codeowners`: chairs own their group, editors own their paper and the configuration."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from cahiers.cli import cli
from cahiers.codeowners import CODEOWNERS_PATH, is_github_handle, render_codeowners
from cahiers.config_paths import CONFIG_PATHS
from cahiers.findings import Location
from cahiers.load import load_project
from cahiers.model import Group, Membership, Paper, Part, Person, Project
from conftest import REPO_ROOT

SCENARIOS = REPO_ROOT / "tests" / "load" / "scenarios"
HERE = Location("x.yml")
RULE_LINE = re.compile(r"^/\S+( @[A-Za-z0-9-]+)*$")


def person(pid: str, github: str | None) -> Person:
    return Person(
        id=pid, name=pid.title(), organization="org", consent=True, location=HERE, github=github
    )


def group(slug: str, chairs: tuple[str, ...]) -> Group:
    members = tuple(Membership(p, dt.date(2025, 1, 1), HERE) for p in chairs)
    return Group(
        slug=slug,
        title=slug,
        summary="s",
        charter="c",
        status="active",
        associations=("asso",),
        chairs=chairs,
        members=members,
        location=HERE,
    )


def paper(slug: str, editors: tuple[str, ...]) -> Paper:
    return Paper(
        slug=slug,
        title="T",
        edition="2026",
        date=dt.date(2026, 11, 15),
        associations=("asso",),
        editors=editors,
        license="CC-BY-4.0",
        preamble="",
        preamble_path=None,
        preamble_line=1,
        key_messages=(),
        parts=(Part("cloud", (), HERE),),
        location=HERE,
    )


def project(groups: list[Group], papers: list[Paper], people: list[Person]) -> Project:
    return Project(
        root=Path("/nonexistent"),
        organizations={},
        people={p.id: p for p in people},
        groups={g.slug: g for g in groups},
        papers={p.slug: p for p in papers},
    )


PEOPLE = [
    person("claire", "cmartineau"),
    person("yann", "YLeGoff"),
    person("sophie", None),
    person("lea", "lfontaine"),
    person("olivier", "ogarnier"),
    person("mallory", "evil\u2028@attacker"),
]


def test_groups_are_owned_by_their_chairs_and_config_by_the_editors() -> None:
    text = render_codeowners(
        project(
            [group("metiers", ("sophie",)), group("cloud", ("yann", "claire", "sophie"))],
            [paper("cahier-2026", ("olivier", "lea"))],
            PEOPLE,
        )
    )
    lines = text.splitlines()
    # Handles sorted case-insensitively, whatever the order of the chairs.
    assert "/groups/cloud/ @cmartineau @YLeGoff" in lines
    assert "# chair `sophie` has no GitHub handle: skipped." in lines
    assert "/papers/cahier-2026/ @lfontaine @ogarnier" in lines
    assert "/groups/people.yml @lfontaine @ogarnier" in lines
    for entry in CONFIG_PATHS:
        assert f"/{entry.pattern} @lfontaine @ogarnier" in lines
    # A group whose chairs have no handle falls back to the editors, and says so.
    metiers = lines.index("/groups/metiers/ @lfontaine @ogarnier")
    assert lines[metiers - 1].startswith("# No chair of this group has a GitHub handle")


def test_configuration_comes_last_so_that_it_wins() -> None:
    # GitHub applies the last matching line: nothing may come after the config-as-code rules.
    text = render_codeowners(project([group("cloud", ("claire",))], [paper("p", ("lea",))], PEOPLE))
    rules = [line for line in text.splitlines() if line.startswith("/")]
    config_rules = [f"/{entry.pattern} @lfontaine" for entry in CONFIG_PATHS]
    assert rules[-len(config_rules) :] == config_rules


def test_a_handle_can_never_inject_a_line_or_an_owner() -> None:
    text = render_codeowners(
        project([group("cloud", ("mallory", "claire"))], [paper("p", ("mallory",))], PEOPLE)
    )
    assert "attacker" not in text
    assert "# chair `mallory` has an invalid GitHub handle: skipped." in text
    for line in text.splitlines():
        assert line == "" or line.startswith("#") or RULE_LINE.match(line), line
    assert not is_github_handle("-lead")
    assert not is_github_handle("a--b")
    assert not is_github_handle("x" * 40)
    assert is_github_handle("a-b-c")


def test_the_output_does_not_depend_on_the_order_of_the_registries() -> None:
    groups = [group("cloud", ("yann", "claire")), group("metiers", ("sophie",))]
    papers = [paper("a", ("lea",)), paper("b", ("olivier",))]
    first = render_codeowners(project(groups, papers, PEOPLE))
    second = render_codeowners(project(groups[::-1], papers[::-1], PEOPLE[::-1]))
    assert first == second
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_the_committed_codeowners_is_up_to_date() -> None:
    loaded = load_project(REPO_ROOT)
    committed = (REPO_ROOT / CODEOWNERS_PATH).read_text(encoding="utf-8")
    assert committed == render_codeowners(loaded.project), (
        f"{CODEOWNERS_PATH} is out of date: run `cahiers codeowners` and commit it"
    )


def test_cli_writes_then_checks(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SCENARIOS / "valid", repo)
    runner = CliRunner()

    stale = runner.invoke(cli, ["codeowners", "--check", "--root", str(repo)])
    assert stale.exit_code == 1
    assert "out of date" in stale.output
    assert not (repo / CODEOWNERS_PATH).exists()  # --check writes nothing

    written = runner.invoke(cli, ["codeowners", "--root", str(repo)])
    assert written.exit_code == 0, written.output
    text = (repo / CODEOWNERS_PATH).read_text(encoding="utf-8")
    assert re.search(r"^/groups/alpha/ @\S+", text, re.MULTILINE)

    fresh = runner.invoke(cli, ["codeowners", "--check", "--root", str(repo)])
    assert fresh.exit_code == 0
    assert "up to date" in fresh.output

    (repo / CODEOWNERS_PATH).write_text(text.replace("/groups/alpha/", "/groups/gamma/"))
    edited = runner.invoke(cli, ["codeowners", "--check", "--root", str(repo)])
    assert edited.exit_code == 1
    assert "+/groups/alpha/" in edited.output  # the diff shows what would change


def test_cli_refuses_to_generate_from_a_broken_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SCENARIOS / "valid", repo)
    people = repo / "groups" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8") + "\n: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["codeowners", "--root", str(repo)])
    assert result.exit_code == 1
    assert "cahiers check" in result.output
    assert not (repo / CODEOWNERS_PATH).exists()
