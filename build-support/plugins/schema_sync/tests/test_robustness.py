"""Mutated real model files never crash the extractor: only diagnostics, in strict and lenient mode.

Mutations of the fixture tree's models (model_fixtures.py): truncation, random bytes, unbalanced
braces, unknown attributes, stray preprocessor directives. Each example runs the CLI twice over a
temp copy of the tree.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from typing import Dict, List, Tuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schema_sync.cli import main
from schema_sync.csharp.parse import parse_file
from schema_sync.extract import extract
from schema_sync.ir import IR_VERSION, SchemaIR, schema_from_json
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
def mutations(draw: st.DrawFn, paths: List[str] = MODEL_PATHS) -> Tuple[str, bytes]:
    path = draw(st.sampled_from(paths))
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


# What makes a file broken C#: the compiler rejects it, and what was read of it may be wrong.
BROKEN = ("syntax error", "unterminated #if", "cannot read the file")
TYPE_HEADER = re.compile(rb"\b(?:class|struct|interface|enum|record)\s+\w+")
COMMENT = re.compile(rb"//[^\n]*|/\*.*?\*/", re.S)


def stored_shape(schema: SchemaIR) -> Tuple[object, ...]:
    """What the models and enums say about stored data (no positions or docs: a mutation moves those)."""
    models = tuple(
        (m.full_name, m.table, m.base, tuple(
            (a.property, a.name, a.type, a.nullable, a.storage, a.key, a.gsi, a.lsi, a.version, a.converter,
             a.default, a.epoch, a.flatten_path)
            for a in m.attributes
        ))
        for m in schema.models
    )
    enums = tuple((e.full_name, tuple((m.name, m.value) for m in e.members)) for e in schema.enums)
    return models, enums


INTACT = stored_shape(extract(SOURCES, Options()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations(paths=sorted(SOURCES)))  # every file: converters and enums too
def test_broken_input_never_changes_the_models_silently(mutation: Tuple[str, bytes]) -> None:
    """The guard for the whole class "error recovery drops or changes a model": whatever a
    mutation that breaks a file does (a brace too few or many, a stray token, a truncation, an
    unterminated #if, bad bytes), extraction either reports an error or yields exactly the models
    and enums of the intact tree."""
    path, content = mutation
    if breaks_without_losing_a_declaration(path, content):
        schema = extract({**SOURCES, path: content}, Options())
        assert schema.errors or stored_shape(schema) == INTACT, [d.render() for d in schema.diagnostics]


INTACT_PER_FILE = {path: stored_shape(ir) for path, ir in resolved_per_file(SOURCES, Options()).items()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations(paths=sorted(SOURCES)))
def test_broken_input_never_changes_a_files_models_silently_in_the_build_tool(mutation: Tuple[str, bytes]) -> None:
    """The same guard for the Pants plugin's path: each file resolved from its dependency closure
    with the whole tree's catalog. A broken file's own models and enums, and those of the files
    depending on it, are intact or come with an error."""
    path, content = mutation
    if breaks_without_losing_a_declaration(path, content):
        for resolved_path, ir in resolved_per_file({**SOURCES, path: content}, Options()).items():
            assert ir.errors or stored_shape(ir) == INTACT_PER_FILE[resolved_path], resolved_path


def breaks_without_losing_a_declaration(path: str, content: bytes) -> bool:
    """Whether a mutated file is broken C# (else it may say something else, as a user wrote it)
    and still has every type declaration of the intact one (a truncation before a declaration,
    or one into a comment, leaves nothing that says it was there)."""
    if not any(d.message.startswith(BROKEN) for d in parse_file(path, content).diagnostics):
        return False
    declared = set(TYPE_HEADER.findall(COMMENT.sub(b"", SOURCES[path])))
    return declared <= set(TYPE_HEADER.findall(COMMENT.sub(b"", content)))


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
