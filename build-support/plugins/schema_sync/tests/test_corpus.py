"""A corpus of real-world-shaped .NET DynamoDB models, one directory per public repository it was
modelled on (`corpus/SOURCES.md`), each with a hand-written `expected.json` worked out from the
.NET SDK rules (V1 conversion), never from the tool's output.

1. Per repository, `extract --lenient` never crashes and its IR, projected to what DynamoDB sees
   (table, keys, stored names and storage types, indexes), equals `expected.json`, and so do the
   diagnostics (severity, `file:line`, a substring of the message), both ways.
2. Per repository, `generate` either exits 0 and everything it writes passes `mypy --strict`,
   `tsc --strict` and cfn-lint (one run of each over all repositories), or exits 1 with
   `file:line:col: severity: message` diagnostics only and writes nothing.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from schema_sync.cli import main
from schema_sync.ir import Model, SchemaIR, schema_from_json
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.test_emit_cloudformation import _lint

CORPUS = Path(__file__).parent / "corpus"
REPOS = sorted(path.parent.name for path in CORPUS.glob("*/expected.json"))


DIAGNOSTIC_LINE = re.compile(r"^[^\s:][^:]*:\d+:\d+: (error|warning): \S")

Projection = Dict[str, Any]


def _expected(repo: str) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads((CORPUS / repo / "expected.json").read_text())
    return data


def _project(model: Model) -> Projection:
    hash_key = next((a.name for a in model.attributes if a.key == "hash"), None)
    range_key = next((a.name for a in model.attributes if a.key == "range"), None)
    gsi: Dict[str, Dict[str, List[Tuple[int, str]]]] = {}
    lsi: Dict[str, List[str]] = {}
    for attribute in model.attributes:
        for role in attribute.gsi:
            roles = gsi.setdefault(role.index, {"hash": [], "range": []})
            roles[role.role].append((role.order or 0, attribute.name))
        for index in attribute.lsi:
            lsi.setdefault(index, []).append(attribute.name)
    return {
        "table": model.table,
        "hash": hash_key,
        "range": range_key,
        "attributes": {a.name: a.storage for a in model.attributes},
        "gsi": {index: {role: [name for _, name in sorted(keys)] for role, keys in roles.items()}
                for index, roles in gsi.items()},
        "lsi": lsi,
    }


def _extract_lenient(repo: str, monkeypatch: pytest.MonkeyPatch) -> SchemaIR:
    monkeypatch.chdir(CORPUS / repo)  # diagnostics name files relative to the repository
    stdout, stderr = io.StringIO(), io.StringIO()
    assert main(["extract", "--lenient", "."], stdout, stderr) == 0, stderr.getvalue()
    return schema_from_json(stdout.getvalue())


def _diagnostic_mismatches(schema: SchemaIR, expected: List[Dict[str, str]]) -> List[str]:
    actual = [(d.severity, f"{d.file}:{d.line}", d.message) for d in schema.diagnostics]
    unmatched = list(actual)
    missing = []
    for want in expected:
        found = next((a for a in unmatched
                      if a[0] == want["severity"] and a[1] == want["at"] and want["contains"] in a[2]), None)
        if found is None:
            missing.append(f"missing {want['severity']} at {want['at']} containing {want['contains']!r}")
        else:
            unmatched.remove(found)
    return missing + [f"unexpected {severity} at {at}: {message}" for severity, at, message in unmatched]


@pytest.mark.parametrize("repo", REPOS)
def test_extract_matches_the_sdk_expectations(repo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _expected(repo)
    schema = _extract_lenient(repo, monkeypatch)
    actual = {model.name: _project(model) for model in schema.models}
    assert len(actual) == len(schema.models), "model names must be unique within a corpus repository"
    wanted: Dict[str, Projection] = expected["models"]
    differing = {name for name in wanted.keys() | actual.keys() if wanted.get(name) != actual.get(name)}
    details = {name: {"expected": wanted.get(name), "actual": actual.get(name)} for name in sorted(differing)}
    assert not details, json.dumps(details, indent=2)
    assert _diagnostic_mismatches(schema, expected["diagnostics"]) == []


def _refused(repo: str) -> bool:
    """`expected.json` says whether generate refuses the repository ("refused") or not ("ok")."""
    expected = _expected(repo)
    if any(d["severity"] == "error" for d in expected["diagnostics"]):
        assert expected["generate"] == "refused", f"{repo}: an IR with errors cannot be generated"
    return bool(expected["generate"] == "refused")


def _generate(repo: str, out: Path, package: str) -> Tuple[int, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["generate", "--out", str(out), "--package", package, str(CORPUS / repo)], stdout, stderr)
    return code, stderr.getvalue()


def _package(repo: str) -> str:
    return "corpus_" + re.sub(r"\W", "_", repo.lower())


def test_generate_writes_code_that_checks_or_only_diagnostics(tmp_path: Path) -> None:
    python_root, typescript, templates = tmp_path / "py", [], []
    python_root.mkdir()
    for repo in REPOS:
        out = tmp_path / "out" / repo
        code, stderr = _generate(repo, out, _package(repo))
        if _refused(repo):
            assert code == 1, f"{repo}: generate should refuse an IR with errors"
            lines = stderr.splitlines()
            assert lines and all(DIAGNOSTIC_LINE.match(line) for line in lines), f"{repo}:\n{stderr}"
            assert not out.exists(), f"{repo}: nothing may be written"
            continue
        assert code == 0, f"{repo}:\n{stderr}"
        shutil.copytree(out / "python" / _package(repo), python_root / _package(repo))
        typescript += sorted(out.glob("typescript/**/*.ts"))
        templates += sorted(out.glob("cloudformation/*.yaml"))
    packages = sorted(p.name for p in python_root.iterdir())
    assert packages, "no repository generated code"
    fx.mypy_strict(python_root, packages, tmp_path / ".mypy_cache")
    fx.tsc_strict(typescript)
    problems: Dict[str, List[str]] = {}
    for template in templates:
        found = _lint(template.read_text())
        if found:
            problems[str(template.relative_to(tmp_path))] = found
    assert problems == {}

