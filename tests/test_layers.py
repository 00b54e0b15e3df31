"""The layering the code promises: the read side imports no writer, and ``Claim.is_current``
is the one definition of a current claim, on the model and on its aliases."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import select
from sqlalchemy.orm import aliased

from factdb.db.models import Claim

WRITERS = ("factdb.store", "factdb.detect")


def test_queries_import_no_writer() -> None:
    code = "import json, sys\nimport factdb.queries\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    modules = json.loads(done.stdout)
    assert "factdb.queries" in modules
    assert [m for m in modules if any(m == w or m.startswith(w + ".") for w in WRITERS)] == []


def test_is_current_on_the_model_and_on_an_alias() -> None:
    assert len(Claim.is_current()) == 2
    on_model = str(select(Claim.id).where(*Claim.is_current()))
    assert "claim.superseded IS 0" in on_model or "claim.superseded IS false" in on_model
    assert "claim.retired" in on_model
    other = aliased(Claim, name="other")
    on_alias = str(select(other.id).where(*other.is_current()))
    assert "other.superseded" in on_alias and "other.retired" in on_alias
    assert "claim.superseded" not in on_alias
