"""What the sources say about DynamoDB models that the syntax facts do not carry, so that a model
is never dropped or changed silently: declarations a syntax error (or an unterminated `#if`)
lost, and the models, enums and types models use that a syntax error can have changed (errors);
DynamoDB attributes written where C# does not apply them to the property (a record's positional
parameter; a warning)."""

from __future__ import annotations

from typing import Iterable, List, Set

from schema_sync.csharp.syntax import LostSyntax, TypeDeclSyntax
from schema_sync.resolve.context import Context
from schema_sync.resolve.sdk import looks_like_dynamodb, normalize_attribute_name

_HINT = "fix the syntax: what was lost would be missing from the generated code"
_MAX_LISTED = 4


def check_lost(
    ctx: Context,
    model_names: Iterable[str],
    stored_enums: Iterable[str],
    built_enums: Iterable[str],
    used_elsewhere: Iterable[str] = (),
) -> None:
    """Errors for what syntax errors lost or may have changed that the models need, or that the
    IR holds (every enum declared in the inputs is in it: a build tool generates each file's).
    `used_elsewhere`: names of types that models outside `ctx`'s files use (a catalog's)."""
    lost = [(f.path, lost) for f in ctx.files for lost in f.lost]
    damaged = [(f.path, d) for f in ctx.files for d in f.types if d.syntax_error is not None]
    if not lost and not damaged:
        return  # nearly always
    models = set(model_names)
    simple_names = {name.rsplit(".", 1)[-1] for name in models}
    used = names_models_use(ctx, models) | set(used_elsewhere)
    for path, lost_syntax in lost:
        message = _loss(lost_syntax, models, simple_names, used)
        if message is not None:
            ctx.error(message, path, lost_syntax.location, _HINT)
    enums, built = set(stored_enums), set(built_enums)
    for path, decl in damaged:
        role = _role(decl, models, enums, built, used)
        if role is not None and decl.syntax_error is not None:
            ctx.error(
                f"a syntax error can change {decl.kind} {decl.name}, {role}: what was read of it may be incomplete",
                path,
                decl.syntax_error,
                _HINT,
            )


def names_models_use(ctx: Context, models: Iterable[str]) -> Set[str]:
    """Simple names of the types the files declaring models refer to (their converters, constant
    classes, bases and member types)."""
    model_files = {path for name in models for path, _ in ctx.index.types[name].parts}
    return {r.rsplit(".", 1)[-1] for f in ctx.files if f.path in model_files for r in f.referenced_type_names}


def _role(decl: TypeDeclSyntax, models: Set[str], enums: Set[str], built: Set[str], used: Set[str]) -> str | None:
    if decl.full_name in models:
        return "a DynamoDB model"
    if decl.full_name in enums:
        return "an enum DynamoDB models store"
    if decl.name in used:
        return "which DynamoDB models use"
    if decl.full_name in built:
        return "an enum of the generated code"
    return None


def _loss(lost: LostSyntax, models: Set[str], simple_model_names: Set[str], used: Set[str]) -> str | None:
    """What losing it means for the models ("a syntax error loses class A, which carries
    [DynamoDBTable]"), or None when it means nothing to them."""
    carried = [a for a in lost.attributes if looks_like_dynamodb(a)]
    reasons: List[str] = []
    if lost.kind == "attributes":
        what = ("the attributes " if len(set(carried)) > 1 else "the attribute ") + _listed(carried)
    else:
        what = f"{lost.kind} {lost.name}"
        if carried:
            reasons.append(f"which carries {_listed(carried)}")
    if lost.container in models:
        reasons.append(f"in model {lost.container.rsplit('.', 1)[-1]}")
    if lost.kind not in ("member", "attributes") and lost.name in used:
        reasons.append("which DynamoDB models use")
    elif lost.kind == "enum":
        reasons.append("an enum of the generated code")  # every enum in the inputs is
    base = next((b for b in lost.bases if _simple_name(b) in simple_model_names), None)
    if base is not None:
        reasons.append(f"derived from model {base}")
    if not carried and not reasons:
        return None
    return f"{lost.cause} loses {what}" + "".join(f", {reason}" for reason in reasons)


def _listed(attributes: Iterable[str]) -> str:
    distinct = list(dict.fromkeys(normalize_attribute_name(a) for a in attributes))
    shown = ", ".join(f"[{a}]" for a in distinct[:_MAX_LISTED])
    return shown + (f" and {len(distinct) - _MAX_LISTED} more" if len(distinct) > _MAX_LISTED else "")


def _simple_name(written: str) -> str:
    return written.split("<", 1)[0].rsplit(".", 1)[-1].strip()


def check_parameter_attributes(ctx: Context) -> None:
    """`record R([DynamoDBHashKey] string Id)`: C# applies the attribute to the constructor
    parameter, where the SDK does not look; `[property: DynamoDBHashKey]` reaches the property."""
    for file in ctx.files:
        for decl in file.types:
            for member in decl.members:
                for attribute in member.parameter_attributes:
                    if looks_like_dynamodb(attribute.name):
                        ctx.warning(
                            f"[{attribute.name}] on {decl.name}'s positional parameter {member.name} applies to the "
                            "constructor parameter, which the SDK does not read",
                            file.path,
                            attribute.location,
                            f"write [property: {attribute.name}]",
                        )
