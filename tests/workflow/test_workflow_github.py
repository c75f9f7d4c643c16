"""The GitHub workflows, templates and hooks: linted by zizmor and actionlint, and held to the
security policy a fork's pull request relies on (read-only, pinned, no injection)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from cahiers.cli import cli
from conftest import REPO_ROOT, require_tool

GITHUB = REPO_ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_linter(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)


def test_both_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["check.yml", "publish.yml"]


def test_zizmor_reports_nothing() -> None:
    zizmor = require_tool("zizmor")
    # The auditor persona is the strictest: it includes the pedantic and low-confidence audits.
    result = run_linter([zizmor, "--offline", "--persona", "auditor", "--no-progress", ".github"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actionlint_reports_nothing() -> None:
    actionlint = require_tool("actionlint")
    result = run_linter([actionlint, "-no-color", *[str(p) for p in WORKFLOWS]])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_linters_do_catch_an_injection(tmp_path: Path) -> None:
    # Guards the two tests above: the linters must really read the workflows.
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    zizmor = run_linter([require_tool("zizmor"), "--offline", "--no-progress", str(bad)])
    assert zizmor.returncode != 0 and "template-injection" in zizmor.stdout
    actionlint = run_linter([require_tool("actionlint"), "-no-color", str(bad)])
    assert actionlint.returncode != 0 and "untrusted" in actionlint.stdout


def test_every_action_is_pinned_by_full_sha_with_its_version() -> None:
    seen = 0
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = USES_LINE.match(line)
            if match:
                seen += 1
                ref, comment = match.groups()
                assert PINNED.match(ref), f"{path.name}: {ref} is not pinned by a full SHA"
                assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), f"{path.name}: {line}"
    assert seen >= 8


def test_no_expression_ever_reaches_a_script() -> None:
    # Untrusted values (PR title, branch names…) reach scripts only through `env:`.
    for path in WORKFLOWS:
        for step in steps(load(path)):
            assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}"
        # Triggers that run with write access on a fork's code are never used.
        assert not {"pull_request_target", "workflow_run"} & set(load(path)["on"])


def test_every_checkout_keeps_no_credentials_and_the_full_history() -> None:
    checkouts = [
        step
        for path in WORKFLOWS
        for step in steps(load(path))
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert len(checkouts) == 2
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False
        assert step["with"]["fetch-depth"] == 0


def test_check_workflow_is_read_only() -> None:
    workflow = load(GITHUB / "workflows" / "check.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    assert workflow["concurrency"]["cancel-in-progress"] is True
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "bash .ci/setup" in runs
    assert any("--format github" in r and '--base "origin/${BASE_REF}"' in r for r in runs)
    assert any("--format markdown" in r and '"$GITHUB_STEP_SUMMARY"' in r for r in runs)
    assert any(r.startswith("cahiers build --out build") for r in runs)
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-"))
    assert python["with"]["cache"] == "pip"
    uploads = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-")]
    assert len(uploads) == 2


def test_publish_workflow_separates_build_deploy_and_release() -> None:
    workflow = load(GITHUB / "workflows" / "publish.yml")
    assert workflow["on"] == {"push": {"branches": ["main"], "tags": ["v*"]}}
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert set(jobs) == {"build", "deploy", "release"}
    assert set(jobs["build"]["permissions"].values()) == {"read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert jobs["deploy"]["if"] == "github.ref == 'refs/heads/main'"
    assert jobs["release"]["permissions"] == {"contents": "write"}
    assert jobs["release"]["if"] == "startsWith(github.ref, 'refs/tags/v')"
    release_runs = " ".join(s.get("run", "") for s in jobs["release"]["steps"])
    assert "gh release create" in release_runs and "gh release upload" in release_runs
    release_env = next(s["env"] for s in jobs["release"]["steps"] if "run" in s)
    assert release_env["GH_TOKEN"] == "${{ github.token }}"
    assert all(s["uses"].startswith("actions/") for s in steps(workflow) if "uses" in s), (
        "no third-party action"
    )
    assert not any(s.get("with", {}).get("cache") for s in steps(workflow)), "no cache on release"


def test_issue_forms_are_well_formed() -> None:
    forms = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
    assert {p.stem for p in forms} >= {"proposer-une-contribution", "signaler-un-erratum"}
    allowed = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    for path in forms:
        form = load(path)
        assert form["name"] and form["description"] and form["body"], path.name
        ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
        assert len(ids) == len(set(ids)), path.name
        for item in form["body"]:
            assert item["type"] in allowed, path.name
            if item["type"] != "markdown":
                assert item["attributes"]["label"], path.name
            if item["type"] == "dropdown":
                assert item["attributes"]["options"], path.name
    proposal = load(GITHUB / "ISSUE_TEMPLATE" / "proposer-une-contribution.yml")
    interests = next(i for i in proposal["body"] if i.get("id") == "interests")
    assert interests["validations"]["required"] is True


def test_pull_request_template_has_the_checklist_and_the_declaration_of_interests() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "## Déclaration d'intérêts" in text
    assert text.count("- [ ] ") >= 8
    assert "`interests`" in text and "cahiers check" in text


@pytest.mark.parametrize(
    ("command", "path"),
    [
        ("validate-config", ".pre-commit-config.yaml"),
        ("validate-manifest", ".pre-commit-hooks.yaml"),
    ],
)
def test_pre_commit_files_are_valid(command: str, path: str) -> None:
    result = run_linter([require_tool("pre-commit"), command, path])
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hooks_call_existing_commands() -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [h for repo in config["repos"] for h in repo["hooks"]]
    entries = [h["entry"].split() for h in [*hooks, *local] if h["entry"].startswith("cahiers ")]
    assert {e[1] for e in entries} == {"check", "codeowners"}
    for entry in entries:
        assert entry[1] in cli.commands
        command = cli.commands[entry[1]]
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert set(entry[2:]) <= options
