"""DynamoDB's and CloudFormation's documented limits, checked at generation (docs/generated-code.md,
"CloudFormation").

Each rule is decided here once and returns problems as text; the callers add the `file:line:col`
and collect them, so one run reports every problem. Nothing here knows the IR beyond the values it
is given, nor any output format.
"""

from __future__ import annotations

import decimal
import functools
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

# Table and index names (DynamoDB's naming rules).
NAME_CHARACTERS = "A-Za-z0-9_.-"
_NAME = re.compile(rf"[{NAME_CHARACTERS}]{{3,255}}")
_NAME_TEXT = re.compile(rf"[{NAME_CHARACTERS}]*")
MAX_NAME_LENGTH = 255
MAX_LOCAL_INDEXES = 5  # per table: a hard limit
DEFAULT_GLOBAL_INDEX_QUOTA = 20  # per table: a service quota, which an account can have raised
MAX_KEY_ATTRIBUTE_NAME_BYTES = 255  # a table's or an index's key attribute (UTF-8)
MAX_ATTRIBUTE_NAME_BYTES = 65535  # any other attribute (UTF-8)
MAX_NUMBER_DIGITS = 38  # significant digits of a DynamoDB number
_MAX_NUMBER_MAGNITUDE = 125  # |n| < 1E+126
_MIN_NUMBER_MAGNITUDE = -130  # |n| >= 1E-130 (or 0)
MAX_CLOUDFORMATION_ID_LENGTH = 255  # resource and output logical IDs

# The generated `Stage` parameter accepts at most this many characters, all valid in a table name
# (`MaxLength` and `AllowedPattern` in every template), so a name checked with a stage of this
# length fits whatever stage CloudFormation accepts.
STAGE_MAX_LENGTH = 64
STAGE_PATTERN = f"[{NAME_CHARACTERS}]*"
# The longest value each variable of a `!Sub` name can take. AWS documents the stack name's (128)
# and the account ID's (12); for the others, the longest value today with a margin. All of them
# consist of characters valid in a table name.
_VARIABLE_MAX_LENGTHS: Dict[str, int] = {
    "Stage": STAGE_MAX_LENGTH,
    "AWS::AccountId": 12,
    "AWS::Partition": 16,  # `aws-iso-b` today
    "AWS::Region": 20,  # `ap-southeast-4` today
    "AWS::StackName": 128,
    "AWS::URLSuffix": 24,  # `amazonaws.com.cn` today
}
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True)
class SubText:
    """A `!Sub` template split into what it says literally and the variables it names."""

    literal: str  # with `${!x}` as the `${x}` it stands for
    variables: Tuple[str, ...]

    @property
    def longest(self) -> int:
        """Its length once substituted, each variable at its longest (unknown ones count 0)."""
        return len(self.literal) + sum(_VARIABLE_MAX_LENGTHS.get(v, 0) for v in self.variables)

    def unknown_variables(self) -> List[str]:
        return [v for v in self.variables if v not in _VARIABLE_MAX_LENGTHS]


@functools.lru_cache(maxsize=1 << 12)  # each table's name is checked, then written into two templates
def split_sub(template: str) -> SubText:
    literal: List[str] = []
    variables: List[str] = []
    end = 0
    for match in _SUB_VARIABLE.finditer(template):
        literal.append(template[end:match.start()])
        name = match.group(1)
        if name.startswith("!"):
            literal.append("${" + name[1:] + "}")
        else:
            variables.append(name.strip())
        end = match.end()
    literal.append(template[end:])
    return SubText("".join(literal), tuple(variables))


def has_variables(template: str) -> bool:
    """Whether a `!Sub` template substitutes anything (else it is a literal, and `!Sub` only noise)."""
    return bool(split_sub(template).variables)


def name_problem(kind: str, name: str) -> Optional[str]:
    """A table or index name DynamoDB refuses (`kind`: "table name", "index name")."""
    if _NAME.fullmatch(name):
        return None
    return f"{kind} {name!r} is not a valid DynamoDB name (3-255 of A-Z a-z 0-9 _ . -)"


def physical_name_problem(template: str) -> Optional[str]:
    """A deployed table name (`!Sub` template) that DynamoDB or CloudFormation may refuse.

    Rule: the literal part must consist of name characters, every variable must be one the
    template defines (`Stage`) or an AWS pseudo parameter with a known longest value, and the name
    with each variable at its longest must fit 255 characters."""
    sub = split_sub(template)
    unknown = sub.unknown_variables()
    if unknown:
        known = ", ".join(f"${{{v}}}" for v in _VARIABLE_MAX_LENGTHS)
        return (f"deployed table name {template!r} uses {', '.join(f'${{{v}}}' for v in unknown)}: the template "
                f"defines no such parameter (use {known})")
    if not _NAME_TEXT.fullmatch(sub.literal):
        return (f"deployed table name {template!r} holds characters DynamoDB refuses in a table name "
                "(allowed: A-Z a-z 0-9 _ . -)")
    if sub.longest > MAX_NAME_LENGTH:
        return (f"deployed table name {template!r} can be {sub.longest} characters long, with ${{Stage}} at its "
                f"maximum of {STAGE_MAX_LENGTH} and AWS pseudo parameters at their longest; DynamoDB allows "
                f"{MAX_NAME_LENGTH}: shorten the table name by {sub.longest - MAX_NAME_LENGTH}")
    return None


def output_name_problem(name: str) -> Optional[str]:
    """A resource or output logical ID longer than CloudFormation allows."""
    if len(name) <= MAX_CLOUDFORMATION_ID_LENGTH:
        return None
    return (f"CloudFormation logical ID {name[:40]}... is {len(name)} characters long; CloudFormation allows "
            f"{MAX_CLOUDFORMATION_ID_LENGTH}: shorten the table name by {len(name) - MAX_CLOUDFORMATION_ID_LENGTH}")


def index_count_problems(local: Sequence[str], shared: Sequence[str]) -> List[str]:
    """A table's LSIs beyond DynamoDB's limit, and names used by a GSI and an LSI alike."""
    problems = []
    if len(local) > MAX_LOCAL_INDEXES:
        problems.append(f"{len(local)} local secondary indexes ({', '.join(local)}): DynamoDB allows at most "
                        f"{MAX_LOCAL_INDEXES} per table")
    problems.extend(f"index name {name!r} is used by a global and a local secondary index: DynamoDB requires "
                    "index names unique within a table" for name in shared)
    return problems


def global_index_quota_note(count: int) -> Optional[str]:
    """Past the default quota a deploy fails unless the account's quota was raised: say so."""
    if count <= DEFAULT_GLOBAL_INDEX_QUOTA:
        return None
    return (f"{count} global secondary indexes: DynamoDB's default quota is {DEFAULT_GLOBAL_INDEX_QUOTA} per "
            "table; the deploy fails unless the account's quota (Service Quotas) was raised")


def attribute_name_problem(name: str, key: bool) -> Optional[str]:
    """An attribute name DynamoDB refuses: empty, or too long (shorter for key attributes)."""
    if not name:
        return "the stored attribute name is empty: DynamoDB refuses empty attribute names"
    limit = MAX_KEY_ATTRIBUTE_NAME_BYTES if key else MAX_ATTRIBUTE_NAME_BYTES
    if len(name) * 4 <= limit:  # cheap: UTF-8 takes at most 4 bytes a character
        return None
    size = len(name.encode("utf-8"))
    if size <= limit:
        return None
    role = "key attribute" if key else "attribute"
    return f"{role} name {name[:40]!r}... is {size} bytes in UTF-8: DynamoDB allows {limit}"


def number_problem(text: str, decimal_kind: bool) -> Optional[str]:
    """A numeric default that DynamoDB cannot store as N (`decimal_kind`: written with every digit,
    as `decimal` is; floating-point values are written rounded to a double's digits)."""
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None  # not a literal: the emitters do not translate it either
    if not value.is_finite():
        return f"default {text} is not a finite number: DynamoDB stores no NaN or infinity"
    if value.is_zero():
        return None
    digits = "".join(map(str, value.as_tuple().digits)).strip("0")
    if decimal_kind and len(digits) > MAX_NUMBER_DIGITS:
        return (f"default {text} has {len(digits)} significant digits: a DynamoDB number holds at most "
                f"{MAX_NUMBER_DIGITS}")
    if not _MIN_NUMBER_MAGNITUDE <= value.adjusted() <= _MAX_NUMBER_MAGNITUDE:
        return f"default {text} is outside DynamoDB's number range (1E-130 to 9.99...E+125 in magnitude)"
    return None
