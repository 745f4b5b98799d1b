"""Pin which pp_ai tests a model edit selects: each test depends on the models it uses and no others.

Asks Pants for the test files that depend, transitively, on a model's C# file (what the README's
`--changed-since=HEAD --changed-dependents=transitive` loop re-runs after editing it) and compares
them with the expected set. Exit 1, printing the difference, when a test is selected that does not
use the model (a fixture or helper that imports too much) or one that does is not.

    python3 build-support/ci/check_test_selection.py     # from the repository root; CI runs it
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Dict, FrozenSet

# The stack's tests, which every model selects: the stack is assembled from every table pp_ai uses.
# (deploy_test.py depends on the built template alone: Pants reuses its result while the
# template's bytes stand, as after a new plain property.)
STACK = frozenset({"pp_ai/tests/test_stack.py", "pp_ai/stack/assemble_test.py", "pp_ai/stack/deploy_test.py"})
# Model file -> the pp_ai test files that use it.
EXPECTED: Dict[str, FrozenSet[str]] = {
    "pp_api/Data/GoalDataModel.cs": STACK | {
        "pp_ai/tests/test_app.py", "pp_ai/tests/test_goals.py", "pp_ai/tests/test_lambda_handler.py",
        "pp_ai/tests/test_measurements.py", "pp_ai/tests/test_repository.py",
    },
    "pp_api/Data/ActionDataModel.cs": STACK | {"pp_ai/tests/test_actions.py"},
    "pp_api/Data/MeasurementDataModel.cs": STACK | {
        "pp_ai/tests/test_batch_reads.py", "pp_ai/tests/test_lambda_handler.py", "pp_ai/tests/test_measurements.py",
    },
    "pp_api/Data/SessionDataModel.cs": STACK | {"pp_ai/tests/test_sessions.py"},
}


def selected_tests(model: str) -> FrozenSet[str]:
    """The pp_ai test files among the transitive dependents of `model`."""
    output = subprocess.run(
        ["./pants", "dependents", "--transitive", model],
        check=True, capture_output=True, text=True, env={**os.environ, "PANTS_PANTSD": "false"},
    ).stdout
    files = (address.split(":", 1)[0] for address in output.split())  # `dir/file.py:target` -> the file
    return frozenset(path for path in files if path.startswith("pp_ai/") and _is_test_file(path))


def _is_test_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))


def main() -> int:
    failed = False
    for model, expected in EXPECTED.items():
        found = selected_tests(model)
        if found != expected:
            failed = True
            print(f"editing {model} selects {sorted(found)}", file=sys.stderr)
            print(f"  unexpected: {sorted(found - expected)}; missing: {sorted(expected - found)}", file=sys.stderr)
    if not failed:
        print("test selection: each model edit selects exactly the pp_ai tests that use it")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
