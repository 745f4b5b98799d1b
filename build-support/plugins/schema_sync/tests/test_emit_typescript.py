"""TypeScript item types: shape, hostile names, and `tsc --strict --noEmit` over the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_sync.emit.naming import output_stems
from schema_sync.emit.typescript import UngeneratedModules, emit_typescript, module_file
from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx

# Exercises the generated types the way front-end code would: a literal item must type-check.
USAGE = """
import { Color } from "./color";
import type { Everything } from "./everything";

const item: Everything = {
  id: "e1", sort: 7, Flag: 1, Count: 90, Big: 1, Small: -1, Ratio: 1.5, Price: 9.5, created_at: "x",
  Ident: "0f8fad5b-d9cb-469f-a165-70867728950e", Letter: "x",
  Color: Color.Blue, Perms: 3, Colors: [Color.Red], MaybeInts: [1, null], Addresses: [],
  Attrs: { k: "v", n: null }, Places: {}, Matrix: [new Set([1, 2])], Tags: new Set(["a"]),
};
export const tags: Set<string> | undefined = item.Tags;
"""


@pytest.mark.parametrize("conversion", ["V1", "V2"])
def test_kitchen_sink_compiles_strict(tmp_path: Path, conversion: str) -> None:
    files = emit_typescript(fx.kitchen_sink(conversion), Options())
    if conversion == "V1":
        files = {**files, "usage.ts": USAGE}
    fx.compile_typescript_strict(tmp_path, files)


def test_hostile_names_compile(tmp_path: Path) -> None:
    fx.compile_typescript_strict(tmp_path, emit_typescript(fx.hostile(), Options()))


def test_modules_in_several_directories_import_each_other_by_relative_path(tmp_path: Path) -> None:
    """A build tool writing each source root's modules to its own directory: the imports still resolve."""
    ir = fx.kitchen_sink()
    directories = {fx.MAIN_FILE: "billing/typescript", fx.BASE_FILE: "billing/typescript",
                   fx.ENUM_FILE: "typescript", fx.NESTED_FILE: "shared/types"}
    modules = emit_typescript(ir, Options(), module_directories=directories)
    placed = {f"{directory}/{module_file(stem)}": modules[module_file(stem)]
              for path, stem in output_stems(directories).items() for directory in [directories[path]]
              if module_file(stem) in modules}
    main = placed["billing/typescript/everything.ts"]
    assert 'import type { Color, Perm } from "../../typescript/color";' in main
    assert 'import type { Address } from "../../shared/types/address";' in main
    fx.compile_typescript_strict(tmp_path, placed)


def test_a_type_of_a_file_without_a_module_is_an_error_at_each_member_naming_it() -> None:
    """A build tool generating file by file (`module_files`) where the enums' file gets no module:
    every member naming one of its enums is refused, at its own line; the other imports are fine."""
    import dataclasses

    ir = fx.kitchen_sink()
    model = ir.model("Everything")
    numbered = tuple(dataclasses.replace(a, line=line) for line, a in enumerate(model.attributes, 1))
    ir = SchemaIR((dataclasses.replace(model, attributes=numbered), *ir.models[1:]), ir.enums, (), ir.sources)
    every_file = {fx.MAIN_FILE, fx.BASE_FILE, fx.ENUM_FILE, fx.NESTED_FILE}
    only_main = {fx.MAIN_FILE}
    unchecked = emit_typescript(ir, Options(), only_main)
    assert emit_typescript(ir, Options(), only_main, module_files=every_file) == unchecked
    with pytest.raises(UngeneratedModules) as refused:
        emit_typescript(ir, Options(), only_main, module_files=every_file - {fx.ENUM_FILE})
    lines = {a.property: a.line for a in numbered}
    assert [(p.path, p.line, p.message.split(" names ")[0]) for p in refused.value.problems] == [
        (fx.MAIN_FILE, lines[member], f"Everything.{member}") for member in ("Color", "Perms", "Colors")
    ]
    assert f"names the enum Perm of {fx.ENUM_FILE}, whose TypeScript module is not generated" in str(refused.value)


def test_shape_of_the_stored_item() -> None:
    text = emit_typescript(fx.kitchen_sink("V1"), Options())["everything.ts"]
    assert text.splitlines()[1] == f"// source: {fx.MAIN_FILE}"
    assert 'import type { Color, Perm } from "./color";' in text
    for line in ("  id: string;", "  sort: number;", "  Flag: 0 | 1;", "  Tags?: Set<string>;", "  Name?: string;",
                 "  MaybeInts: Array<number | null>;", "  Attrs: Record<string, string | null>;", "  Color: Color;",
                 "  Home?: Address;", "  created_at: string;", "  Offset?: unknown;"):
        assert line in text.splitlines(), line
    v2 = emit_typescript(fx.kitchen_sink("V2"), Options())["everything.ts"]
    assert "  Flag: boolean;" in v2.splitlines() and "  Tags: Array<string>;" in v2.splitlines()
    color = emit_typescript(fx.kitchen_sink(), Options())["color.ts"]
    # C# enums are open: a newer model's member is any number, the known ones stay literals
    assert "export type Color = (typeof Color)[keyof typeof Color] | (number & {});" in color
    assert "export type Perm = number;" in color  # [Flags]: any combination


def test_hostile_strings_cannot_close_comments_or_keys() -> None:
    text = emit_typescript(fx.hostile(), Options())["hostile.ts"]
    assert '  "from-attr.with dots"?: string;' in text.splitlines()
    assert all(line.count("*/") <= 1 for line in text.splitlines())
    assert "\u2028" not in text and "\x00" not in text


def test_deterministic() -> None:
    ir: SchemaIR = fx.kitchen_sink()
    assert emit_typescript(ir, Options()) == emit_typescript(ir, Options())


def test_converter_with_a_known_storage_type_is_typed() -> None:
    import dataclasses

    ir = fx.kitchen_sink()
    model = ir.model("Everything")
    attributes = tuple(dataclasses.replace(a, storage="S") if a.property == "Offset" else a for a in model.attributes)
    typed = SchemaIR((dataclasses.replace(model, attributes=attributes), *ir.models[1:]), ir.enums, ())
    assert "  Offset?: string;" in emit_typescript(typed, Options())["everything.ts"].splitlines()
