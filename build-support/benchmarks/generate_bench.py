"""`python -m schema_sync generate` against datamodel-code-generator, and how cost grows with the tree.

In one run, on seeded synthetic trees (extract_bench.generate_tree) of 100, 1,000 and 5,000 C# files:
  - datamodel-code-generator (pinned, its own venv under ~/.cache, builtin formatters, pydantic v2
    output) on an OpenAPI document with the same models, fields and types (built from our IR);
  - tree-sitter's raw parse of every file (in-process, contents in memory);
  - `python -m schema_sync extract` and `generate` (all four outputs) as whole processes, wall
    and CPU seconds (they use every CPU), and `generate` kept on one CPU, writing below /dev/shm
    (`--outputs DIR` elsewhere: see `output_root`);
taking turns run by run (the machine's speed drifts within minutes), and the ratios the goals are
stated in: datamodel-code-generator / generate (goal >= 5x) and extract / raw parse (goal <= 5x).
With `--pants`, also in throw-away copies of this repository per size: cold `export-codegen
bench::` (no pantsd, empty local store), edit one model -> export again with pantsd, and
pantsd's resident memory after that export.

    PY=python3.12-venv-with-3rdparty/python/requirements.txt   # the CLI runs on this interpreter
    $PY build-support/benchmarks/generate_bench.py [--runs 5] [--sizes 100 1000 5000] [--pants] [--outputs DIR]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Set, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_bench import generate_tree, machine, time_raw_parse
from pants_bench import cold, reexports_after_an_edit, stop_pantsd, synthetic_repo

REPO = Path(__file__).resolve().parents[2]
PLUGINS = REPO / "build-support" / "plugins"
DMCG = "datamodel-code-generator==0.89.0"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pp-bench-dmcg"

_OPENAPI_SCALARS: Dict[str, Dict[str, Any]] = {
    "string": {"type": "string"}, "char": {"type": "string"}, "bool": {"type": "boolean"},
    "guid": {"type": "string", "format": "uuid"}, "datetime": {"type": "string", "format": "date-time"},
    "datetimeoffset": {"type": "string", "format": "date-time"}, "dateonly": {"type": "string", "format": "date"},
    "timeonly": {"type": "string", "format": "time"}, "decimal": {"type": "number"},
    "float32": {"type": "number"}, "float64": {"type": "number"}, "bytes": {"type": "string", "format": "binary"},
}


def dmcg_venv() -> Path:
    """datamodel-code-generator in its own venv, installed once per pin."""
    venv = CACHE / hashlib.sha256(DMCG.encode()).hexdigest()[:12]
    binary = venv / "bin" / "datamodel-codegen"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", DMCG],
                       check=True, env={**os.environ, "PIP_CONFIG_FILE": os.devnull})
    return binary


def openapi_document(ir: Dict[str, Any]) -> Dict[str, Any]:
    """The IR's models and enums as OpenAPI 3 components: same names, fields and types."""
    schemas: Dict[str, Any] = {}
    for enum in ir["enums"]:
        schemas[enum["name"]] = {"type": "integer", "enum": sorted({m["value"] for m in enum["members"]})}
    for model in ir["models"]:
        properties = {a["name"]: _openapi_type(a["type"]) for a in model["attributes"]}
        required = sorted(a["name"] for a in model["attributes"] if not a["nullable"] and a["default"] is None)
        schemas[model["name"]] = {"type": "object", "properties": properties, "required": required}
    return {"openapi": "3.0.3", "info": {"title": "bench", "version": "1"}, "paths": {},
            "components": {"schemas": dict(sorted(schemas.items()))}}


def _openapi_type(type_ref: Dict[str, Any]) -> Dict[str, Any]:
    kind = type_ref["kind"]
    if kind in ("enum", "model") and type_ref["ref"]:
        return {"$ref": f"#/components/schemas/{type_ref['ref'].rsplit('.', 1)[-1]}"}
    if kind in ("list", "array", "set"):
        return {"type": "array", "items": _openapi_type(type_ref["args"][0]), "uniqueItems": kind == "set"}
    if kind == "dict":
        return {"type": "object", "additionalProperties": _openapi_type(type_ref["args"][1])}
    if kind.startswith(("int", "uint")):
        return {"type": "integer"}
    return dict(_OPENAPI_SCALARS.get(kind, {}))


class Command(NamedTuple):
    argv: List[str]
    before: Callable[[], None] = lambda: None
    cpus: Optional[Set[int]] = None  # its affinity mask (which `generate` honours), if restricted


Measure = Callable[[], Tuple[float, float]]  # one run: (wall, CPU) seconds


def alternated_medians(runs: int, measures: Dict[str, Measure]) -> Dict[str, Tuple[float, float]]:
    """Each measure's median (wall, CPU) seconds, the measures taking turns run by run: this
    machine's speed drifts by tens of percent within minutes, and turns give every measure the
    same conditions, so their ratios hold."""
    samples: Dict[str, List[Tuple[float, float]]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            samples[name].append(measure())
    return {name: (statistics.median(w for w, _ in taken), statistics.median(c for _, c in taken))
            for name, taken in samples.items()}


def timed(command: Command, env: Dict[str, str]) -> Tuple[float, float]:
    """One run's wall and CPU seconds (user + system, its processes together)."""
    command.before()
    cpus = command.cpus
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command.argv, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime


def core_row(size: int, work: Path, outputs: Path, runs: int) -> Dict[str, float]:
    """One tree: raw parse, extract, generate and datamodel-code-generator, medians in seconds;
    `generate` writes below `outputs`."""
    tree = work / f"tree{size}"
    paths = generate_tree(str(tree), file_count=size)
    contents = [Path(p).read_bytes() for p in paths]
    # Bytecode cached, as for an installed package (pip compiled datamodel-code-generator's):
    # under PYTHONDONTWRITEBYTECODE every run would compile the core's ~40 modules (~70 ms).
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cli = [sys.executable, "-m", "schema_sync"]
    # (untimed: also writes the extraction's bytecode)
    ir_text = subprocess.run([*cli, "extract", str(tree)], check=True, env=env, capture_output=True, text=True).stdout
    spec = work / f"openapi{size}.json"
    spec.write_text(json.dumps(openapi_document(json.loads(ir_text))))
    out = outputs / f"out{size}"
    retired = itertools.count()

    def clean() -> None:
        # Moved aside, not deleted, in case `outputs` is on ext4 without a journal (see
        # `output_root`): deleting ~4,000 files would slow the next run's creations.
        if out.exists():
            out.rename(outputs / f"retired-{size}-{next(retired)}")
        os.sync()  # the previous run's ~25 MB are flushed before the next run is timed

    dmcg = [str(dmcg_venv()), "--input", str(spec), "--input-file-type", "openapi", "--output", str(work / "m.py"),
            "--output-model-type", "pydantic_v2.BaseModel", "--formatters", "builtin"]
    generate = [*cli, "generate", "--out", str(out), str(tree)]
    subprocess.run(generate, check=True, env=env, stdout=subprocess.DEVNULL)  # untimed: the emitters' bytecode
    medians = alternated_medians(runs, {
        "raw parse": lambda: (time_raw_parse(contents, 1), 0.0),
        "extract": functools.partial(timed, Command([*cli, "extract", str(tree)]), env),
        "generate": functools.partial(timed, Command(generate, clean), env),
        "generate, 1 CPU": functools.partial(timed, Command(generate, clean, {min(os.sched_getaffinity(0))}), env),
        "datamodel-code-generator": functools.partial(timed, Command(dmcg), env),
    })
    return {
        "raw parse": medians["raw parse"][0],
        "extract": medians["extract"][0],
        "extract CPU": medians["extract"][1],
        "generate": medians["generate"][0],
        "generate CPU": medians["generate"][1],
        "generate, 1 CPU": medians["generate, 1 CPU"][0],
        "datamodel-code-generator": medians["datamodel-code-generator"][0],
    }


def pantsd_rss_mib(repo: Path) -> float:
    """Resident memory of the repository's pantsd, from /proc."""
    pid = next(repo.glob(".pids/*/pantsd/pid")).read_text().strip()
    status = Path(f"/proc/{pid}/status").read_text()
    kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return kib / 1024


def pants_row(size: int, work: Path, runs: int) -> Dict[str, float]:
    """Cold export-codegen, edit -> re-export with pantsd, and pantsd's memory, for one tree size."""
    repo = synthetic_repo(work / f"repo{size}", size)
    cold_runs = [cold(repo, "export-codegen", "bench::") for _ in range(runs)]
    edits = reexports_after_an_edit(repo, runs)
    rss = pantsd_rss_mib(repo)
    stop_pantsd(repo)
    return {"cold export-codegen": statistics.median(cold_runs), "edit -> export (pantsd)": statistics.median(edits),
            "pantsd RSS MiB": rss}


def print_table(title: str, rows: Dict[int, Dict[str, float]], unit: str = "s") -> None:
    columns = list(next(iter(rows.values())))
    print(f"\n{title}\n\n| files | " + " | ".join(columns) + " |\n" + "|---" * (len(columns) + 1) + "|")
    for size, row in rows.items():
        cells = [f"{v:.0f} MiB" if "MiB" in c else f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} {unit}"
                 for c, v in row.items()]
        print(f"| {size:,} | " + " | ".join(cells) + " |")


def output_root(requested: Optional[str]) -> tempfile.TemporaryDirectory[str]:
    """Where `generate` writes: memory (/dev/shm) unless asked otherwise. This machine's root file
    system is ext4 without a journal, which skips inodes freed in the last 1 to 6 minutes and
    re-checks each of them on every file it creates: after any process deleted a few thousand
    files, creating the ~4,000 outputs costs up to 1 s more, whoever deleted them."""
    shm = "/dev/shm"
    default = shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None
    return tempfile.TemporaryDirectory(prefix="generate-bench-out-", dir=requested or default)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--pants", action="store_true", help="also the Pants rows (cold, edit, memory)")
    parser.add_argument("--outputs", help="directory below which `generate` writes (default: /dev/shm)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="generate-bench-") as tmp, output_root(args.outputs) as outputs:
        work = Path(tmp)
        core = {size: core_row(size, work, Path(outputs), args.runs) for size in args.sizes}
        pants_rows = {size: pants_row(size, work, args.runs) for size in args.sizes} if args.pants else {}
    print(f"Machine: {machine()}; medians of {args.runs} runs; generate wrote below {Path(outputs).parent}")
    print_table("Generator core (whole processes, except the in-process raw parse)", core)
    print("\n| files | datamodel-code-generator / generate | the same, generate on 1 CPU | extract / raw parse "
          "| generate per file |")
    print("|---|---|---|---|---|")
    for size, row in core.items():
        dmcg = row["datamodel-code-generator"]
        print(f"| {size:,} | {dmcg / row['generate']:.2f}x (goal >= 5x) | {dmcg / row['generate, 1 CPU']:.2f}x | "
              f"{row['extract'] / row['raw parse']:.2f}x (goal <= 5x) | {row['generate'] / size * 1000:.2f} ms |")
    if pants_rows:
        print_table("Pants (export-codegen of every model's outputs)", pants_rows)


if __name__ == "__main__":
    main()
