"""ruff (configured in pyproject.toml) over the package, tests, tools, benchmarks and every
notebook: part of `make test`, so a lint error fails CI like any other test."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["echemlab", "tests", "tools", "bench", "notebooks", "solutions", "dashboards"]


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed (it is in the test extra: pip install -e '.[test]')")
    targets = [t for t in TARGETS if (ROOT / t).exists()]
    res = subprocess.run([ruff, "check", "--no-cache", "--output-format", "concise", *targets],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
