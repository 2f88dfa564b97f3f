"""The GitHub Actions workflows: linted by zizmor and actionlint, and hardened as intended.

zizmor and actionlint come from the lock file into .venv; when they are missing these tests
fail (a CI that silently skips its workflow lint would pass with any workflow).
"""

from __future__ import annotations

import fnmatch
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
# Every workflow, so that the rules below cover one added later; and the ones this file knows.
NAMES = sorted(p.name for p in WORKFLOWS.glob("*.y*ml"))
KNOWN = ["ci.yml", "deploy-object-storage.yml", "deploy.yml", "links.yml"]
SECRET = re.compile(r"\$\{\{\s*secrets\.")

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


def test_every_workflow_is_known_here() -> None:
    # A new workflow gets its own test below; the rules above cover it already.
    assert NAMES == KNOWN


def test_actionlint_finds_nothing() -> None:
    files = [str(WORKFLOWS / name) for name in NAMES]
    done = subprocess.run(
        [tool("actionlint"), "-no-color", "-oneline", *files],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", NAMES)
def test_no_permissions_by_default_and_no_pull_request_target(name: str) -> None:
    workflow = load(name)
    assert workflow["permissions"] == {}
    assert "pull_request_target" not in workflow["on"]
    assert "pull_request_target" not in (WORKFLOWS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_actions_are_pinned_to_known_release_commits(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    used = [step["uses"] for step in steps(load(name)) if "uses" in step]
    assert used
    comments = {m["ref"]: m["version"] for m in COMMENT.finditer(text)}
    for ref in used:
        assert USES.match(ref), f"{ref} is not pinned to a full commit SHA"
        assert ref in RELEASES, f"{ref} is not a known release commit"
        assert comments.get(ref) == RELEASES[ref], f"{ref} needs the comment # {RELEASES[ref]}"


@pytest.mark.parametrize("name", NAMES)
def test_checkouts_keep_no_credentials(name: str) -> None:
    checkouts = [s for s in steps(load(name)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


def test_only_the_deploy_job_may_write() -> None:
    grants = {}
    for name in NAMES:
        for job_name, job in load(name)["jobs"].items():
            grants[f"{name}:{job_name}"] = job.get("permissions")
    writers = {job: perms for job, perms in grants.items() if "write" in (perms or {}).values()}
    assert writers == {
        "deploy.yml:deploy": {"pages": "write", "id-token": "write"},
        "links.yml:links": {"contents": "read", "issues": "write"},
    }
    assert all(perms is not None for perms in grants.values()), grants
    assert grants["deploy-object-storage.yml:deploy"] == {"contents": "read"}


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


def test_pages_deploy_skips_when_object_storage_is_the_target() -> None:
    build = load("deploy.yml")["jobs"]["build"]
    assert build["if"] == "vars.BAYYIN_DEPLOY_TARGET != 'object-storage'"
    # The publishing job needs the build: skipped with it.
    assert load("deploy.yml")["jobs"]["deploy"]["needs"] == "build"


def _object_storage() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    workflow = load("deploy-object-storage.yml")
    job = workflow["jobs"]["deploy"]
    return job, {step["name"]: step for step in job["steps"]}


def test_object_storage_runs_by_hand_or_on_main_when_chosen() -> None:
    workflow = load("deploy-object-storage.yml")
    assert set(workflow["on"]) == {"workflow_dispatch", "push"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    job, _ = _object_storage()
    assert job["if"] == (
        "github.event_name == 'workflow_dispatch' || vars.BAYYIN_DEPLOY_TARGET == 'object-storage'"
    )
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_object_storage_builds_like_the_pages_deploy() -> None:
    job, by_name = _object_storage()
    pages = load("deploy.yml")["jobs"]["build"]["steps"]
    # The Pages build's steps, in its order and word for word, up to its upload; but Pages'
    # settings are not read: the address comes from a variable, checked before the build.
    same = [s for s in pages if s.get("id") != "pages" and "upload" not in s["name"].lower()]
    ours = [s for s in job["steps"] if s["name"] != "Check the settings"]
    assert [s["name"] for s in ours[: len(same)]] == [s["name"] for s in same]
    for mine, theirs in zip(ours, same, strict=False):
        if mine["name"] == "Build":
            assert mine["run"] == theirs["run"] == "make build"
            assert mine["env"] == {"BAYYIN_SITE_URL": "${{ vars.BAYYIN_SITE_URL }}"}
        else:
            assert mine == theirs, mine["name"]
    check = by_name["Check the settings"]
    assert check["env"]["SITE_URL"] == "${{ vars.BAYYIN_SITE_URL }}"
    names = [s["name"] for s in job["steps"]]
    assert names.index("Check the settings") < names.index("Build")


def test_object_storage_grants_nothing_of_pages_and_keeps_secrets_to_two_steps() -> None:
    job, by_name = _object_storage()
    text = (WORKFLOWS / "deploy-object-storage.yml").read_text(encoding="utf-8")
    assert "pages" not in job["permissions"] and "id-token" not in job["permissions"]
    assert not any("pages" in s.get("uses", "") for s in job["steps"])
    # Credentials only in the env of the steps that talk to the bucket and the CDN: not in
    # the job's or the workflow's env, not in the build's, not in a command line.
    holders = {
        name
        for name, step in by_name.items()
        if any(SECRET.search(str(value)) for value in (step.get("env") or {}).values())
    }
    assert holders == {"Sync the site to object storage", "Invalidate CloudFront's copies"}
    for step in job["steps"]:
        assert not SECRET.search(step.get("run", "")), step["name"]
        assert not SECRET.search(str(step.get("with", ""))), step["name"]
    assert "env" not in job and "env" not in load("deploy-object-storage.yml")
    assert len(SECRET.findall(text)) == 4
    for name in holders:
        env = by_name[name]["env"]
        assert env["AWS_ACCESS_KEY_ID"] == "${{ secrets.BAYYIN_S3_ACCESS_KEY_ID }}"
        assert env["AWS_SECRET_ACCESS_KEY"] == "${{ secrets.BAYYIN_S3_SECRET_ACCESS_KEY }}"


def test_object_storage_syncs_with_cache_lifetimes_and_invalidates_when_set() -> None:
    _, by_name = _object_storage()
    sync = by_name["Sync the site to object storage"]
    assert sync["env"]["BUCKET"] == "${{ vars.BAYYIN_S3_BUCKET }}"
    assert sync["env"]["ENDPOINT"] == "${{ vars.BAYYIN_S3_ENDPOINT }}"
    run = sync["run"]
    assert 'if [ -n "$ENDPOINT" ]; then endpoint=(--endpoint-url "$ENDPOINT"); fi' in run
    syncs = [line for line in run.splitlines() if line.strip().startswith("aws s3 sync")]
    assert len(syncs) == 3 and all('site/ "$target"' in line for line in syncs)
    assert "--delete" in run and "tools/unchanged_in_bucket.py site" in run
    assert "max-age=31536000" in sync["env"]["LONG"] and "max-age=300" in sync["env"]["SHORT"]
    invalidate = by_name["Invalidate CloudFront's copies"]
    assert invalidate["if"] == "vars.BAYYIN_CLOUDFRONT_DISTRIBUTION_ID != ''"
    assert "aws cloudfront create-invalidation" in invalidate["run"]


@pytest.mark.parametrize(
    ("name", "long"),
    [
        ("assets/javascripts/bundle.a5f9d56c.min.js", True),
        ("en/assets/stylesheets/main.57a0d79d.min.css", True),
        ("assets/javascripts/workers/search.a7633da7.min.js.map", True),
        ("assets/bayyin/search.js", False),
        ("assets/javascripts/lunr/min/lunr.ar.min.js", False),
        ("claims/x/index.html", False),
        ("sitemap-1.xml", False),
    ],
)
def test_only_fingerprinted_assets_are_cached_long(name: str, long: bool) -> None:
    # aws s3 sync's --include/--exclude patterns are fnmatch's.
    _, by_name = _object_storage()
    assert (
        fnmatch.fnmatchcase(
            name, by_name["Sync the site to object storage"]["env"]["FINGERPRINTED"]
        )
        is long
    )
