"""Extraction benchmark: raw tree-sitter parse vs. the whole `python -m schema_sync extract` process.

Generates a seeded synthetic tree of 1,000 C# files (table models inheriting from base classes,
constants classes, enums, nested value types), then reports in one run:
  - raw parse: tree-sitter parsing every file in-process (contents already in memory), and
  - extract: `python -m schema_sync extract DIR` as a whole process (start-up, reading, parsing,
    resolving, JSON on stdout), each the median of several runs, and their ratio (goal: <= 3x).

    PYTHONPATH=build-support/plugins python build-support/benchmarks/extract_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, NamedTuple

PLUGINS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "plugins")
SCALARS = ["string", "int", "long", "decimal", "double", "bool", "DateTime", "Guid", "string?", "int?", "DateTime?"]
COLLECTIONS = ["List<string>", "HashSet<int>", "Dictionary<string, string>", "List<Guid>"]
FILE_COUNT = 1000
BASE_COUNT, CONSTANT_CLASS_COUNT, ENUM_COUNT, VALUE_TYPE_COUNT = 20, 10, 40, 30


def generate_tree(root: str, seed: int = 1234, file_count: int = FILE_COUNT) -> List[str]:
    """Write `file_count` .cs files under root; returns their paths. The supporting types (bases,
    constants, enums, value classes) scale with the count: 1,000 files always give the same tree."""
    rng = random.Random(seed)
    files: Dict[str, str] = {}
    sizes = _Sizes(*(max(1, count * file_count // FILE_COUNT) for count in _Sizes(
        BASE_COUNT, CONSTANT_CLASS_COUNT, ENUM_COUNT, VALUE_TYPE_COUNT)))
    for i in range(sizes.constants):
        names = "\n".join(f'    public const string Name{j} = Prefix + "attr_{i}_{j}";' for j in range(30))
        header = f'namespace Bench.Constants;\npublic static class Names{i}\n{{\n    const string Prefix = "c{i}_";\n'
        files[f"Constants/Names{i}.cs"] = f"{header}{names}\n}}\n"
    for i in range(sizes.enums):
        members = ",\n".join(f"    Member{j}" + (f" = {j * 10}" if rng.random() < 0.3 else "") for j in range(8))
        files[f"Enums/Enum{i}.cs"] = f"namespace Bench.Enums;\npublic enum Enum{i}\n{{\n{members}\n}}\n"
    for i in range(sizes.bases):
        files[f"Bases/Base{i}.cs"] = _class_source(rng, sizes, f"Base{i}", None, None, 4, "public abstract class")
    for i in range(sizes.values):
        files[f"Values/Value{i}.cs"] = _class_source(rng, sizes, f"Value{i}", None, None, 5, "public class")
    model_count = file_count - len(files)
    for i in range(model_count):
        base = f"Base{rng.randrange(sizes.bases)}"
        files[f"Models/Area{i % 10}/Model{i}.cs"] = _class_source(
            rng, sizes, f"Model{i}", base, f"table_{i}", 12, "public class"
        )
    paths = []
    for relative, text in sorted(files.items()):
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        paths.append(path)
    return paths


class _Sizes(NamedTuple):
    """How many supporting types a tree has (members refer to them at random)."""

    bases: int
    constants: int
    enums: int
    values: int


def _class_source(
    rng: random.Random, sizes: _Sizes, name: str, base: str | None, table: str | None, count: int, head: str
) -> str:
    lines = [
        "#nullable enable",
        "using System;",
        "using System.Collections.Generic;",
        "using Amazon.DynamoDBv2.DataModel;",
        "using Bench.Constants;",
        "using Bench.Enums;",
        "",
        "namespace Bench.Models;",
        "",
        f"/// <summary>Synthetic {name}.</summary>",
    ]
    if table:
        lines.append(f'[DynamoDBTable("{table}")]')
    lines += [f"{head} {name}" + (f" : {base}" if base else ""), "{"]
    if table:
        lines += ['    [DynamoDBHashKey("pk")]', "    public string Pk { get; set; } = string.Empty;", ""]
        lines += ["    [DynamoDBRangeKey]", "    public long Sk { get; set; }", ""]
    for j in range(count):
        lines += _member_lines(rng, sizes, name, j, table is not None)
    lines += [
        "    public bool IsNew => true;",
        "",
        "    public void Touch() { Console.WriteLine(nameof(IsNew)); }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _member_lines(rng: random.Random, sizes: _Sizes, owner: str, index: int, is_table: bool) -> List[str]:
    roll = rng.random()
    if roll < 0.6:
        csharp = rng.choice(SCALARS)
    elif roll < 0.75:
        csharp = rng.choice(COLLECTIONS)
    elif roll < 0.9:
        csharp = f"Enum{rng.randrange(sizes.enums)}"
    else:
        csharp = f"Value{rng.randrange(sizes.values)}?"
    constant = f"Names{rng.randrange(sizes.constants)}.Name{rng.randrange(30)}"
    # Stored names stay unique per model: constants are combined with the owner's name.
    if rng.random() < 0.7:
        attribute = f'    [DynamoDBProperty({constant} + "_{owner.lower()}{index}")]'
    else:
        attribute = f'    [DynamoDBProperty("{owner.lower()}_{index}")]'
    lines = [f"    /// <summary>Member {index} of {owner}.</summary>"]
    if is_table and index == 0:
        lines.append(f'    [DynamoDBGlobalSecondaryIndexHashKey("gsi-{owner.lower()}")]')
        csharp = "string"
    lines += [attribute, f"    public {csharp} {owner}Prop{index} {{ get; set; }}", ""]
    return lines


def time_raw_parse(contents: List[bytes], runs: int) -> float:
    if PLUGINS_DIR not in sys.path:  # generate_bench calls this once per run
        sys.path.insert(0, PLUGINS_DIR)
    from schema_sync.csharp.parse import parse_tree

    parse_tree(b"class Warmup {}")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for content in contents:
            parse_tree(content)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def time_stages(paths: List[str], contents: List[bytes]) -> Dict[str, float]:
    """In-process cost of each extraction stage (GC paused, as `extract` does), for the report."""
    from schema_sync.csharp.parse import parse_file
    from schema_sync.gc_pause import gc_paused
    from schema_sync.options import Options
    from schema_sync.resolve import resolve

    with gc_paused():
        start = time.perf_counter()
        syntax = [parse_file(path, content) for path, content in zip(paths, contents)]
        parsed = time.perf_counter()
        schema = resolve(syntax, Options())
        resolved = time.perf_counter()
        schema.to_json(indent=None)
        dumped = time.perf_counter()
    return {"parse + syntax facts": parsed - start, "resolve": resolved - parsed, "JSON": dumped - resolved}


def time_extract_process(root: str, runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": os.path.abspath(PLUGINS_DIR)}
    command = [sys.executable, "-m", "schema_sync", "extract", root]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
        samples.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"extract failed:\n{result.stderr.decode()[:2000]}")
    return statistics.median(samples)


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), model)
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        paths = generate_tree(root)
        contents = []
        for path in paths:
            with open(path, "rb") as handle:
                contents.append(handle.read())
        raw = time_raw_parse(contents, args.runs)
        stages = time_stages(paths, contents)
        whole = time_extract_process(root, args.runs)
    print(f"machine:        {machine()}")
    print(f"files:          {len(paths)} ({sum(map(len, contents)) / 1e6:.1f} MB)")
    print(f"raw parse:      {raw * 1000:.0f} ms (tree-sitter, in-process, median of {args.runs})")
    print(f"extract:        {whole * 1000:.0f} ms (whole process, median of {args.runs})")
    print(f"ratio:          {whole / raw:.2f}x (goal <= 3x)")
    print("in-process stages (one run): " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items()))


if __name__ == "__main__":
    main()
