"""Mutated real model files never crash the extractor: only diagnostics, in strict and lenient mode.

Mutations of the fixture tree's models (model_fixtures.py): truncation, random bytes, unbalanced
braces, unknown attributes, stray preprocessor directives. Each example runs the CLI twice over a
temp copy of the tree.
"""

from __future__ import annotations

import io
import os
import tempfile
from typing import Dict, List, Tuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schema_sync.cli import main
from schema_sync.ir import IR_VERSION, schema_from_json
from schema_sync.options import Options
from schema_sync.tests.model_fixtures import DATA_DIR, fixture_sources
from schema_sync.tests.snippets import resolved_per_file

SOURCES: Dict[str, bytes] = fixture_sources()
MODEL_PATHS = sorted(p for p in SOURCES if "DataModel" in p or p.endswith("KpiTarget.cs"))
INSERTIONS = [
    b"{",
    b"}",
    b"}}",
    b"{{",
    b"(",
    b")",
    b"[",
    b"]",
    b'"',
    b"'",
    b"/*",
    b"*/",
    b"<",
    b">",
    b";",
    b"[Unknown]",
    b'[DynamoDBMystery(1, "x")]',
    b"[DynamoDBHashKey(",
    b"[DynamoDBProperty(typeof(",
    b"\n#if DEBUG\n",
    b"\n#else\n",
    b"\n#endif\n",
    b"\n#nullable enable\n",
    b"\xff\xfe",
    b"\x00",
    b"nameof(",
    b"const string X = Y;",
]


@st.composite
def mutations(draw: st.DrawFn) -> Tuple[str, bytes]:
    path = draw(st.sampled_from(MODEL_PATHS))
    content = SOURCES[path]
    kind = draw(st.sampled_from(["truncate", "bytes", "insert", "delete"]))
    position = draw(st.integers(0, len(content)))
    if kind == "truncate":
        return path, content[:position]
    if kind == "bytes":
        noise = draw(st.binary(min_size=1, max_size=16))
        return path, content[:position] + noise + content[position + len(noise) :]
    if kind == "insert":
        chosen: List[bytes] = draw(st.lists(st.sampled_from(INSERTIONS), min_size=1, max_size=4))
        return path, content[:position] + b"".join(chosen) + content[position:]
    length = draw(st.integers(1, 40))
    return path, content[:position] + content[position + length :]


def run_cli(*argv: str) -> Tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def check_diagnostic_lines(stderr: str) -> None:
    for line in stderr.splitlines():
        location, _, rest = line.partition(": ")
        path, row, col = location.rsplit(":", 2)
        assert path.endswith(".cs") and int(row) >= 1 and int(col) >= 1, line
        assert rest.startswith(("error: ", "warning: ")), line


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_models_yield_diagnostics_not_crashes(mutation: Tuple[str, bytes]) -> None:
    mutated_path, content = mutation
    with tempfile.TemporaryDirectory() as root:
        for path, original in SOURCES.items():
            target = os.path.join(root, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(content if path == mutated_path else original)
        data_dir = os.path.join(root, DATA_DIR)

        code, out, err = run_cli("extract", data_dir)
        check_diagnostic_lines(err)
        if code == 1:
            assert out == "" and ": error: " in err
        else:
            assert code == 0 and ": error: " not in err
            schema_from_json(out)

        code, out, err = run_cli("extract", "--lenient", data_dir)
        check_diagnostic_lines(err)
        assert code == 0 and ": error: " not in err
        assert schema_from_json(out).ir_version == IR_VERSION


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_models_resolved_per_file_yield_diagnostics_not_crashes(mutation: Tuple[str, bytes]) -> None:
    """The Pants plugin's path: the model catalog from catalog views, then each file's closure."""
    mutated_path, content = mutation
    contents = {path: content if path == mutated_path else original for path, original in SOURCES.items()}
    for ir in resolved_per_file(contents, Options()).values():
        assert all(d.line >= 1 and d.col >= 1 for d in ir.diagnostics), ir.diagnostics


def test_deeply_nested_input_is_bounded_not_a_stack_overflow() -> None:
    depth = 3000
    concatenation = " + ".join(['"a"'] * depth)
    source = (
        'namespace N; [DynamoDBTable("t")] class A { [DynamoDBHashKey(X)] public string Id { get; set; }'
        f" const string X = {concatenation};"
        f" public {'List<' * depth}int{'>' * depth} P {{ get; set; }}"
        f" int Q = {'(' * depth}1{')' * depth}; {'.'.join(['A'] * depth)} R {{ get; set; }} }}"
        f" enum E {{ A = 1, B = {' | '.join(['A'] * depth)} }}"
        + "".join(f" static class C{i} {{ public const string V = C{i + 1}.V; }}" for i in range(depth))
        + f' static class C{depth} {{ public const string V = "v"; }}'
    )
    for lenient in (False, True):
        code, _, err = run_cli_on({"deep.cs": source.encode()}, lenient)
        check_diagnostic_lines(err)
        assert "nesting deeper than 200 levels is not analysed" in err
        assert code == (0 if lenient else 1)


def run_cli_on(files: Dict[str, bytes], lenient: bool) -> Tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as root:
        for name, content in files.items():
            with open(os.path.join(root, name), "wb") as handle:
                handle.write(content)
        return run_cli("extract", *(["--lenient"] if lenient else []), root)
