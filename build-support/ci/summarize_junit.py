"""Print one 'N passed, N failed' line from the JUnit XML reports `pants test --test-report` writes."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path


def main(report_dir: str) -> int:
    passed = failed = skipped = 0
    for report in sorted(Path(report_dir).glob("*.xml")):
        for suite in ElementTree.parse(report).getroot().iter("testsuite"):
            total = int(suite.get("tests", 0))
            broken = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skips = int(suite.get("skipped", 0))
            failed += broken
            skipped += skips
            passed += total - broken - skips
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
