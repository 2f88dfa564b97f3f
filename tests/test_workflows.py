"""The GitHub Actions workflows: linted by zizmor and actionlint, and hardened as intended.

zizmor and actionlint come from the lock file into .venv; when they are missing these tests
fail (a CI that silently skips its workflow lint would pass with any workflow).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
WORKFLOWS = PROJECT / ".github" / "workflows"
BIN = Path(sys.executable).parent
USES = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})$")
COMMENT = re.compile(r"uses: (?P<ref>\S+) # (?P<version>v\d+\.\d+\.\d+)$", re.MULTILINE)

# Each pin is the commit of a release tag, checked against the action's release history
# (Dependabot's compare links and the actions' own tags) when it was written down here.
RELEASES = {
    "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1": "v7.0.1",
    "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97": "v7.0.0",
    "actions/configure-pages@45bfe0192ca1faeb007ade9deae92b16b8254a0d": "v6.0.0",
    "actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9": "v5.0.0",
    "actions/deploy-pages@368f82528645a54fb793d4d04e342629a3f51346": "v5.0.1",
    # Pinned with this tag comment, the same way, in many unrelated projects' workflows.
    "actions/cache@9255dc7a253b0ccc959486e2bca901246202afeb": "v5.0.1",
}


def tool(name: str) -> str:
    """The path of a linter installed in the project's virtual environment."""
    found = BIN / name
    if not found.exists():
        which = shutil.which(name)
        assert which, (
            f"{name} is not installed in {BIN}; it is pinned in requirements.lock "
            "(run `make build` to install it)"
        )
        return which
    return str(found)


def load(name: str) -> dict[str, Any]:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    data["on"] = data.pop(True, data.get("on"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_zizmor_finds_nothing() -> None:
    done = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--format", "plain", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_nothing() -> None:
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) == 3
    done = subprocess.run(
        [tool("actionlint"), "-no-color", "-oneline", *files],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml", "links.yml"])
def test_no_permissions_by_default_and_no_pull_request_target(name: str) -> None:
    workflow = load(name)
    assert workflow["permissions"] == {}
    assert "pull_request_target" not in workflow["on"]
    assert "pull_request_target" not in (WORKFLOWS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml", "links.yml"])
def test_actions_are_pinned_to_known_release_commits(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    used = [step["uses"] for step in steps(load(name)) if "uses" in step]
    assert used
    comments = {m["ref"]: m["version"] for m in COMMENT.finditer(text)}
    for ref in used:
        assert USES.match(ref), f"{ref} is not pinned to a full commit SHA"
        assert ref in RELEASES, f"{ref} is not a known release commit"
        assert comments.get(ref) == RELEASES[ref], f"{ref} needs the comment # {RELEASES[ref]}"


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml", "links.yml"])
def test_checkouts_keep_no_credentials(name: str) -> None:
    checkouts = [s for s in steps(load(name)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


def test_only_the_deploy_job_may_write() -> None:
    grants = {}
    for name in ("ci.yml", "deploy.yml", "links.yml"):
        for job_name, job in load(name)["jobs"].items():
            grants[f"{name}:{job_name}"] = job.get("permissions")
    writers = {job: perms for job, perms in grants.items() if "write" in (perms or {}).values()}
    assert writers == {
        "deploy.yml:deploy": {"pages": "write", "id-token": "write"},
        "links.yml:links": {"contents": "read", "issues": "write"},
    }
    assert all(perms is not None for perms in grants.values()), grants


def test_ci_runs_on_pull_requests_and_main_and_annotates_check() -> None:
    workflow = load("ci.yml")
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    runs = {step.get("name"): step for step in steps(workflow)}
    check_step = runs["Check content"]
    assert check_step["run"] == "make check"
    assert check_step["env"] == {"BAYYIN_CHECK_FORMAT": "github"}
    commands = "\n".join(step.get("run", "") for step in steps(workflow))
    assert "generator schema --check" in commands
    assert "zizmor" in commands and "actionlint" in commands
    assert "bash .ci/run" in commands  # the test suite, as CI runs it here
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # translation status reads the history


def test_deploy_builds_with_the_pages_address_and_publishes_the_site() -> None:
    workflow = load("deploy.yml")
    assert set(workflow["on"]) == {"push", "workflow_dispatch"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    by_use = {s["uses"].split("@")[0]: s for s in build["steps"] if "uses" in s}
    assert by_use["actions/configure-pages"]["id"] == "pages"
    make = next(s for s in build["steps"] if s.get("run") == "make build")
    assert make["env"]["BAYYIN_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert by_use["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_deploy_fetches_the_history_claim_pages_show() -> None:
    build = load("deploy.yml")["jobs"]["build"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


def test_links_runs_weekly_and_on_demand_and_keeps_one_issue() -> None:
    workflow = load("links.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert len(workflow["on"]["schedule"]) == 1
    minute, hour, day, month, weekday = workflow["on"]["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert "python -P -m generator links" in runs
    assert "--archive" not in runs  # the schedule never writes content
    issue = next(s for s in steps(workflow) if "gh issue" in s.get("run", ""))
    assert issue["env"]["GH_TOKEN"] == "${{ github.token }}"
    # One issue: looked up by its title, edited when it exists, created only when not.
    assert "gh issue list" in issue["run"] and "gh issue edit" in issue["run"]
    assert issue["run"].count("gh issue create") == 1
