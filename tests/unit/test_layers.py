"""The layers of ARCHITECTURE.md, checked where import-linter cannot look.

import-linter (``make lint``) fails on an upward *import*; a handler could still reach the
database through the services object it is given (``context.services.repos``), which no
import shows. Handlers call use cases; only use cases, jobs and the CLI use repositories.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_handlers_do_not_use_repositories() -> None:
    offenders = [
        f"{path.name}:{number}"
        for path in sorted((ROOT / "handlers").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\brepos\b", line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_the_check_sees_a_repository_call() -> None:
    assert re.search(r"\brepos\b", "await context.services.repos.tasks.get(1)")
