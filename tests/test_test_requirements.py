"""tools/test-requirements, which `make test` runs first: what it does when Java is missing.

A fake PATH holds no `java`, a fake `apt-get` that records its calls and a fake `id`, so the
script's three answers are checked on any machine: install as root on Debian, the exact
command otherwise.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fixture_sites import REPO

SCRIPT = REPO / "tools" / "test-requirements"


def fake_path(folder: Path, user_id: int) -> str:
    folder.mkdir()
    bash = shutil.which("bash")
    assert bash is not None
    (folder / "bash").symlink_to(bash)
    (folder / "id").write_text(f"#!{bash}\necho {user_id}\n", encoding="utf-8")
    (folder / "apt-get").write_text(
        f'#!{bash}\necho "apt-get $*" >> "{folder}/apt-get.log"\n', encoding="utf-8"
    )
    for tool in ("id", "apt-get"):
        (folder / tool).chmod(0o755)
    return str(folder)


def missing() -> list[str]:
    """What the script must find missing under the fake PATH: Java, and Chromium if absent."""
    return [*([] if Path("/usr/bin/chromium").exists() else ["chromium"]), "default-jre-headless"]


@pytest.fixture
def debian() -> bool:
    return Path("/etc/debian_version").is_file()


def test_as_root_on_debian_it_installs_what_is_missing(tmp_path: Path, debian: bool) -> None:
    path = fake_path(tmp_path / "bin", 0)
    result = subprocess.run(
        [str(SCRIPT)], env={"PATH": path}, capture_output=True, text=True, timeout=30
    )
    log = tmp_path / "bin" / "apt-get.log"
    if not debian:
        assert result.returncode == 2 and not log.exists()
        return
    assert result.returncode == 0, result.stderr
    assert log.read_text(encoding="utf-8").splitlines() == [
        "apt-get update -qq",
        f"apt-get install -y -qq --no-install-recommends {' '.join(missing())}",
    ]


def test_without_root_it_stops_with_the_command(tmp_path: Path, debian: bool) -> None:
    path = fake_path(tmp_path / "bin", 1000)
    result = subprocess.run(
        [str(SCRIPT)], env={"PATH": path}, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert not (tmp_path / "bin" / "apt-get.log").exists()
    if debian:
        assert result.stderr.splitlines()[-1] == (
            "    sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends "
            f"{' '.join(missing())}'"
        )
    else:
        assert "This is not Debian" in result.stderr
