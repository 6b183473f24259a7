"""The wheel: one top-level package that builds the guide from any folder with a corpus/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: setuptools and wheel come from the test environment, so no network.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    return next(out.glob("shezhire-*.whl"))


def test_the_wheel_installs_exactly_one_top_level_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} \
        == {"shezhire"}
    for data in ("shezhire/mkdocs.yml", "shezhire/mkdocs.ru.yml", "shezhire/py.typed",
                 "shezhire/site/overrides/main.html",
                 "shezhire/site/assets/checklist.js", "shezhire/site/assets/search.js",
                 "shezhire/site/overrides/partials/header.html",
                 "shezhire/extract/schema/act_record.schema.json",
                 "shezhire/eligibility/data/questions.json"):
        assert data in names, data
    assert not any(n.startswith("shezhire/site/__init__") for n in names)


def test_the_installed_wheel_builds_the_guide_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=600)
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "corpus", work / "corpus")
    # Only the installed copy of shezhire is importable: the checkout is not on the path.
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}
    run = subprocess.run([sys.executable, "-c", "from shezhire.cli import cli; cli()",
                          "build", "--as-of", "2026-11-22"],
                         cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert (work / "public" / "checklist" / "index.html").is_file()
    assert (work / "public" / "ru" / "checklist" / "index.html").is_file()  # the Russian tree
    assert (work / "public" / "assets" / "checklist.js").is_file()
    probe = subprocess.run([sys.executable, "-c", "import shezhire.guide.build as b; print(b.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.startswith(str(target))
