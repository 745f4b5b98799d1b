"""Source of the shared `<package>/_runtime.py` every generated pydantic module imports.

Kept as text (not imported) because it imports pydantic, which must never be loaded inside
Pants; the Python emitter writes it out verbatim after a header. It depends on nothing in the
IR, so the Pants plugin generates it once per Python resolve, from a `csharp_model_runtime` target.

What it implements is the item codec described in docs/generated-code.md: the DynamoDB
attribute values .NET's `DynamoDBContext` writes, under conversion schema V1 or V2.
"""

from __future__ import annotations

RUNTIME_SOURCE = r'''"""Item codec shared by the generated models: DynamoDB wire format exactly as .NET stores it.

Each generated model lists its attributes as `FieldSpec`s (Python field, stored name, codec);
`DynamoModel.to_item()` / `from_item()` walk that list. The codecs follow the AWS SDK for .NET
object-persistence rules (AWSSDK.DynamoDBv2 3.7/4.0) under conversion schema V1 or V2:
V1 bools are N "1"/"0", V1 lists of primitives are sets, enums are N, DateTime is UTC
`yyyy-MM-ddTHH:mm:ss.fffZ` with truncated milliseconds, nulls, "" and empty sets are omitted.

Custom `IPropertyConverter`s: register the Python side once at start-up, e.g.
    register_converter("DateTimeOffsetConverter", to_attr=datetimeoffset_to_attr,
                       from_attr=datetimeoffset_from_attr)
"""

from __future__ import annotations

import base64
import datetime as _dt
import decimal
import enum
import math
import re
import uuid
from typing import (
    Annotated,
    Any,
    Callable,
    ClassVar,
    Dict,
    Iterable,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Tuple,
    Type,
    TypeVar,
)

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

# Generated modules import pydantic's names from here, so their imports are one first-party
# block whatever a linter's import classification.
__all__ = ["AwareDatetime", "ConfigDict", "DynamoModel", "Field", "FieldSpec", "IndexKeys", "register_converter"]

AttributeValue = Dict[str, Any]
Item = Dict[str, AttributeValue]

Int8 = Annotated[int, Field(ge=-(2**7), le=2**7 - 1)]
UInt8 = Annotated[int, Field(ge=0, le=2**8 - 1)]
Int16 = Annotated[int, Field(ge=-(2**15), le=2**15 - 1)]
UInt16 = Annotated[int, Field(ge=0, le=2**16 - 1)]
Int32 = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
UInt32 = Annotated[int, Field(ge=0, le=2**32 - 1)]
Int64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
UInt64 = Annotated[int, Field(ge=0, le=2**64 - 1)]
Character = Annotated[str, Field(min_length=1, max_length=1)]

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
# default(T) of .NET value types: the value of a member with no initialiser, which .NET stores as is.
DATETIME_MIN = _dt.datetime(1, 1, 1, tzinfo=_dt.timezone.utc)  # DateTime / DateTimeOffset .MinValue
DATE_MIN = _dt.date(1, 1, 1)  # DateOnly.MinValue
TIME_MIN = _dt.time(0, 0)  # TimeOnly.MinValue
TIMESPAN_ZERO = _dt.timedelta(0)  # TimeSpan.Zero
GUID_EMPTY = uuid.UUID(int=0)  # Guid.Empty
_SUB_VARIABLE = re.compile(r"\$\{(!?)([^}]*)\}")  # CloudFormation `!Sub`: ${Name}, ${!Literal}
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


def utc_now() -> _dt.datetime:
    """Default factory for `DateTime.UtcNow` initialisers."""
    return _dt.datetime.now(_dt.timezone.utc)


def _iso_date(value: _dt.date) -> str:
    """`yyyy-MM-dd` with four year digits (strftime's `%Y` drops the zeros of years before 1000)."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def format_datetime(value: _dt.datetime) -> str:
    """.NET's `ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ")`: milliseconds truncated."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: .NET would apply the machine's time zone; pass an aware one")
    utc = value.astimezone(_dt.timezone.utc)
    return f"{_iso_date(utc)}T{utc:%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def parse_datetime(text: str) -> _dt.datetime:
    """Any ISO-8601 date/time (.NET also reads values without milliseconds); naive means UTC."""
    match = _ISO_DATETIME.match(text.strip())
    if not match:
        raise ValueError(f"not an ISO-8601 date/time: {text!r}")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    value = _dt.datetime(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro,
        tzinfo=_parse_zone(zone),
    )
    return value.astimezone(_dt.timezone.utc)


def _parse_zone(zone: Optional[str]) -> _dt.tzinfo:
    if zone is None or zone in ("Z", "z"):
        return _dt.timezone.utc
    digits = zone[1:].replace(":", "")
    offset = _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return _dt.timezone(offset if zone[0] == "+" else -offset)


def format_number(value: Any) -> str:
    """An N string: ints as digits, floats as their shortest round-trip form, decimals fixed-point."""
    if isinstance(value, bool):
        raise TypeError("bool is not a number here")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"DynamoDB rejects {value!r}")
        text = repr(value).upper()  # .NET "R" spells exponents "E+16"
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError(f"DynamoDB rejects {value!r}")
        return format(value, "f")
    raise TypeError(f"not a number: {value!r}")


class Context(NamedTuple):
    conversion: str  # "V1" | "V2"
    top_level: bool  # StoreAsEpoch applies to top-level attributes only

    def nested(self) -> Context:
        return Context(self.conversion, False)


class Codec:
    """Converts one Python value to/from one DynamoDB attribute value.

    `encode` returns None when .NET would not write the attribute at all (None, "", empty set).
    """

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        raise NotImplementedError

    def decode(self, value: AttributeValue) -> Any:
        raise NotImplementedError


class Scalar(Codec):
    """A value stored as a single S, N or B; `set_tag` is its set type when .NET puts it in one."""

    tag = "S"
    set_tag: Optional[str] = "SS"

    def to_raw(self, value: Any) -> Any:
        return value

    def from_raw(self, raw: Any) -> Any:
        return raw

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        raw = self.to_raw(value)
        # IsEmptyStringValueEnabled=false (the SDK default): "" is never sent, not even nested.
        if self.tag == "S" and raw == "":
            return None
        return {self.tag: raw}

    def decode(self, value: AttributeValue) -> Any:
        if self.tag not in value:
            raise TypeError(f"expected {self.tag}, got {sorted(value)}")
        return self.from_raw(value[self.tag])


class String(Scalar):
    def to_raw(self, value: Any) -> Any:
        return str(value)


class Char(String):
    def to_raw(self, value: Any) -> Any:
        if not isinstance(value, str) or len(value) != 1:
            raise ValueError(f"a char is one character, got {value!r}")
        return value


class Number(Scalar):
    tag = "N"
    set_tag = "NS"

    def to_raw(self, value: Any) -> Any:
        return format_number(value)


class Integer(Number):
    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def to_raw(self, value: Any) -> Any:
        if not self.low <= value <= self.high:
            raise ValueError(f"{value} is outside [{self.low}, {self.high}]")
        return format_number(int(value))

    def from_raw(self, raw: Any) -> Any:
        return int(decimal.Decimal(raw))


class Float(Number):
    def to_raw(self, value: Any) -> Any:
        return format_number(float(value))

    def from_raw(self, raw: Any) -> Any:
        return float(raw)


class Decimal(Number):
    def to_raw(self, value: Any) -> Any:
        return format_number(decimal.Decimal(value))

    def from_raw(self, raw: Any) -> Any:
        return decimal.Decimal(raw)


class Bool(Scalar):
    """V1: N "1"/"0"; V2: BOOL. Either schema reads both; with N anything but "0" is true."""

    tag = "N"
    set_tag = "NS"

    def to_raw(self, value: Any) -> Any:
        return "1" if value else "0"

    def from_raw(self, raw: Any) -> Any:
        return raw != "0"

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        return {"BOOL": bool(value)} if ctx.conversion == "V2" else {"N": self.to_raw(value)}

    def decode(self, value: AttributeValue) -> Any:
        return bool(value["BOOL"]) if "BOOL" in value else super().decode(value)


class Guid(Scalar):
    def to_raw(self, value: Any) -> Any:
        return str(uuid.UUID(str(value)))  # "D" format: lower-case, hyphenated

    def from_raw(self, raw: Any) -> Any:
        return uuid.UUID(raw)


class DateTime(Scalar):
    def to_raw(self, value: Any) -> Any:
        return format_datetime(value)

    def from_raw(self, raw: Any) -> Any:
        return parse_datetime(raw)


class DateOnly(Scalar):
    set_tag = None  # no primitive-collection converter: lists of them are L

    def to_raw(self, value: Any) -> Any:
        return _iso_date(value)

    def from_raw(self, raw: Any) -> Any:
        return _dt.date.fromisoformat(raw[:10])


class TimeOnly(Scalar):
    set_tag = None

    def to_raw(self, value: Any) -> Any:
        return value.strftime("%H:%M:%S.") + f"{value.microsecond // 1000:03d}"

    def from_raw(self, raw: Any) -> Any:
        hours, minutes, rest = raw.split(":")
        seconds, _, fraction = rest.partition(".")
        micro = int(fraction[:6].ljust(6, "0"))
        return _dt.time(int(hours), int(minutes), int(seconds), micro)


class Bytes(Scalar):
    tag = "B"
    set_tag = "BS"

    def to_raw(self, value: Any) -> Any:
        return bytes(value)  # an empty byte[] is written (B of length 0)

    def from_raw(self, raw: Any) -> Any:
        # boto3 hands back bytes; a JSON export spells B as base64 text.
        return base64.b64decode(raw) if isinstance(raw, str) else bytes(raw)


class Epoch(Codec):
    """[StoreAsEpoch]/[StoreAsEpochLong]: N unix seconds, rounded half-to-even like Convert.ToInt32."""

    def __init__(self, bits: int) -> None:
        self.bits = bits

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        if not ctx.top_level:  # the Document layer applies epoch rules to top-level only
            return DateTime().encode(value, ctx)
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one")
        delta = value - _EPOCH
        exact = decimal.Decimal(delta.days * 86400 + delta.seconds) + decimal.Decimal(delta.microseconds) / 10**6
        seconds = int(exact.to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
        if abs(seconds) >= 2 ** (self.bits - 1):
            raise OverflowError(f"{value} does not fit an int{self.bits} epoch")
        return {"N": str(seconds)}

    def decode(self, value: AttributeValue) -> Any:
        if "S" in value:
            return parse_datetime(value["S"])
        return _EPOCH + _dt.timedelta(seconds=int(decimal.Decimal(value["N"])))


class EnumOf(Codec):
    """Enums are stored as their underlying integer (N); reading also accepts S member names."""

    def __init__(self, enum_type: Type[enum.Enum]) -> None:
        self.enum_type = enum_type

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        return {"N": str(int(self.enum_type(value).value))}

    def decode(self, value: AttributeValue) -> Any:
        if "S" in value:
            return self.enum_type[value["S"]]
        return self.enum_type(int(decimal.Decimal(value["N"])))


class Sequence(Codec):
    """List<T> ("list"), T[] ("array"), HashSet<T> ("set").

    A set type (SS/NS/BS) is used for HashSet of primitives, and under V1 also for lists and
    arrays of primitives; everything else (enums, nullable elements, POCOs, nested collections,
    V2 lists) is an L. Empty sets are not written at all; an empty L is written as `L: []`.
    """

    def __init__(self, element: Codec, kind: str, nullable_elements: bool = False) -> None:
        self.element, self.kind, self.nullable_elements = element, kind, nullable_elements

    def _set_tag(self, ctx: Context) -> Optional[str]:
        tag = self.element.set_tag if isinstance(self.element, Scalar) else None
        # byte[][] has no primitive-collection converter; List<byte[]>/HashSet<byte[]> do.
        if tag is None or self.nullable_elements or (self.kind == "array" and tag == "BS"):
            return None
        if self.kind == "set" or ctx.conversion == "V1":
            if ctx.conversion == "V2" and isinstance(self.element, Bool):
                raise TypeError("HashSet<bool> cannot be stored under V2: BOOL is not a set member")
            return tag
        return None

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        values = _stable_order(value)
        tag = self._set_tag(ctx)
        if tag is not None:
            return self._encode_set(tag, values)
        out: List[AttributeValue] = []
        for element in values:
            encoded = {"NULL": True} if element is None else self.element.encode(element, ctx.nested())
            if encoded is not None:  # "" and empty sets inside an L are dropped
                out.append(encoded)
        return {"L": out}

    def _encode_set(self, tag: str, values: List[Any]) -> Optional[AttributeValue]:
        assert isinstance(self.element, Scalar)
        raws = [self.element.to_raw(v) for v in values]
        if not raws:
            return None
        if len(set(raws)) != len(raws):
            raise ValueError(f"duplicate values cannot be stored as {tag} (DynamoDB rejects them): {raws!r}")
        return {tag: raws}

    def decode(self, value: AttributeValue) -> Any:
        for tag in ("SS", "NS", "BS"):
            if tag in value:
                assert isinstance(self.element, Scalar)
                return [self.element.from_raw(raw) for raw in value[tag]]
        return [None if "NULL" in item else self.element.decode(item) for item in value["L"]]


def _stable_order(value: Iterable[Any]) -> List[Any]:
    """Lists keep their order; Python sets are sorted so the same set always encodes the same."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=lambda v: (str(type(v)), v.value if isinstance(v, enum.Enum) else v))
    return list(value)


class Dictionary(Codec):
    """Dictionary<string, T>: M; a null value is NULL, an empty dictionary is `M: {}`."""

    def __init__(self, value: Codec) -> None:
        self.value = value

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        out: Item = {}
        for key in sorted(value):
            element = value[key]
            encoded = {"NULL": True} if element is None else self.value.encode(element, ctx.nested())
            if encoded is not None:
                out[str(key)] = encoded
        return {"M": out}

    def decode(self, value: AttributeValue) -> Any:
        return {k: None if "NULL" in v else self.value.decode(v) for k, v in value["M"].items()}


class Nested(Codec):
    """A nested POCO: M of its members (None members omitted), written even when empty."""

    def __init__(self, model: Callable[[], Type[DynamoModel]]) -> None:
        self.model = model  # a thunk: the class may be defined further down its module

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        return {"M": value._encode_members(ctx.nested())}

    def decode(self, value: AttributeValue) -> Any:
        return self.model().from_item(value["M"])


class Raw(Codec):
    """A type the generator could not map: the attribute value is kept as-is."""

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        return dict(value)

    def decode(self, value: AttributeValue) -> Any:
        return dict(value)


class Converter(NamedTuple):
    to_attr: Callable[[Any], Optional[AttributeValue]]
    from_attr: Callable[[AttributeValue], Any]


_CONVERTERS: Dict[str, Converter] = {}


def register_converter(
    name: str,
    to_attr: Callable[[Any], Optional[AttributeValue]],
    from_attr: Callable[[AttributeValue], Any],
) -> None:
    """Register the Python side of a C# `IPropertyConverter` by its C# class name.

    `to_attr(value)` returns the attribute value the C# `ToEntry` would write (or None to omit),
    `from_attr(attribute_value)` what `FromEntry` would read. Registering a name again replaces it.
    """
    _CONVERTERS[name] = Converter(to_attr, from_attr)


class Converted(Codec):
    """A member with `[DynamoDBProperty(typeof(SomeConverter))]`: delegates to the registry."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _converter(self) -> Converter:
        try:
            return _CONVERTERS[self.name]
        except KeyError:
            raise LookupError(
                f"no Python converter registered for C# converter {self.name!r}: call "
                f"register_converter({self.name!r}, to_attr=..., from_attr=...) at start-up"
            ) from None

    def encode(self, value: Any, ctx: Context) -> Optional[AttributeValue]:
        return self._converter().to_attr(value)

    def decode(self, value: AttributeValue) -> Any:
        return self._converter().from_attr(value)


def _bool_as_n_to_attr(value: Any) -> Optional[AttributeValue]:
    return {"N": "1" if value else "0"}


def _bool_as_n_from_attr(value: AttributeValue) -> Any:
    return Bool().decode(value)


def datetimeoffset_to_attr(value: Any) -> Optional[AttributeValue]:
    """A `DateTimeOffset` the way `ToString("o")` spells it: 7 fractional digits, offset kept."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: a DateTimeOffset needs an offset")
    offset = value.strftime("%z")
    return {"S": f"{_iso_date(value)}T{value:%H:%M:%S}.{value.microsecond:06d}0{offset[:3]}:{offset[3:5]}"}


def datetimeoffset_from_attr(value: AttributeValue) -> Any:
    match = _ISO_DATETIME.match(value["S"].strip())
    if not match:
        raise ValueError(f"not an ISO-8601 date/time: {value['S']!r}")
    parsed = parse_datetime(value["S"])
    return parsed.astimezone(_parse_zone(match.group(8)))


register_converter("BoolAsNConverter", _bool_as_n_to_attr, _bool_as_n_from_attr)

# Shared codec instances the generated modules refer to (codecs are stateless).
STRING = String()
CHAR = Char()
BOOL = Bool()
FLOAT = Float()
DECIMAL = Decimal()
GUID = Guid()
DATETIME = DateTime()
DATEONLY = DateOnly()
TIMEONLY = TimeOnly()
BYTES = Bytes()
RAW = Raw()
INT8 = Integer(-(2**7), 2**7 - 1)
UINT8 = Integer(0, 2**8 - 1)
INT16 = Integer(-(2**15), 2**15 - 1)
UINT16 = Integer(0, 2**16 - 1)
INT32 = Integer(-(2**31), 2**31 - 1)
UINT32 = Integer(0, 2**32 - 1)
INT64 = Integer(-(2**63), 2**63 - 1)
UINT64 = Integer(0, 2**64 - 1)


class FieldSpec(NamedTuple):
    field: str  # Python field name
    attribute: str  # stored attribute name
    codec: Codec
    nullable: bool = False


class IndexKeys(NamedTuple):
    """An index's key attributes in KeySchema order: one partition and at most one sort key
    attribute, or, for a GSI's multi-attribute keys, up to four of each."""

    hash_keys: Tuple[str, ...]
    range_keys: Tuple[str, ...]
    local: bool

    @property
    def hash_key(self) -> str:
        """The partition key attribute of a single-attribute key."""
        if len(self.hash_keys) != 1:
            raise ValueError(f"a multi-attribute partition key {self.hash_keys}: use hash_keys")
        return self.hash_keys[0]

    @property
    def range_key(self) -> Optional[str]:
        """The sort key attribute of a single-attribute key, or None."""
        if len(self.range_keys) > 1:
            raise ValueError(f"a multi-attribute sort key {self.range_keys}: use range_keys")
        return self.range_keys[0] if self.range_keys else None


M = TypeVar("M", bound="DynamoModel")


def _key_value(spec: FieldSpec, value: Any, ctx: Context) -> AttributeValue:
    encoded = spec.codec.encode(value, ctx)
    if encoded is None:
        raise ValueError(f"{spec.attribute}: {value!r} is not stored (null or empty), so no item has it as a key")
    return encoded


class DynamoModel(BaseModel):
    """Base of every generated model: the item codec plus table metadata."""

    model_config = ConfigDict(populate_by_name=True, protected_namespaces=())

    ATTRIBUTES: ClassVar[Tuple[FieldSpec, ...]] = ()
    CONVERSION: ClassVar[str] = "V1"
    TABLE_NAME: ClassVar[Optional[str]] = None
    PHYSICAL_TABLE_NAME: ClassVar[Optional[str]] = None  # the CloudFormation `!Sub` of TableName
    HASH_KEY: ClassVar[Optional[str]] = None
    RANGE_KEY: ClassVar[Optional[str]] = None
    VERSION_ATTRIBUTE: ClassVar[Optional[str]] = None
    INDEXES: ClassVar[Mapping[str, IndexKeys]] = {}

    def _encode_members(self, ctx: Context) -> Item:
        item: Item = {}
        for spec in self.ATTRIBUTES:
            value = getattr(self, spec.field)
            if value is None:  # null members are never stored (Save removes them)
                continue
            encoded = spec.codec.encode(value, ctx)
            if encoded is not None:
                item[spec.attribute] = encoded
        return item

    def to_item(self, conversion: Optional[str] = None) -> Item:
        """The item as .NET's DynamoDBContext would write it (boto3 low-level client format)."""
        return self._encode_members(Context(conversion or self.CONVERSION, True))

    @classmethod
    def from_item(cls: Type[M], item: Mapping[str, AttributeValue]) -> M:
        """Read an item as .NET would; attributes that are missing keep their defaults."""
        values: Dict[str, Any] = {}
        for spec in cls.ATTRIBUTES:
            raw = item.get(spec.attribute)
            if raw is None:
                continue
            if "NULL" in raw:
                if spec.nullable:
                    values[spec.attribute] = None
                continue  # a value type reads NULL as its default
            values[spec.attribute] = spec.codec.decode(raw)
        return cls.model_validate(values)

    @classmethod
    def physical_table_name(cls, stage: str, **variables: str) -> str:
        """The deployed table's name in `stage`, resolved as CloudFormation resolves the template's
        `TableName: !Sub PHYSICAL_TABLE_NAME` (`[schema-sync].table_name_template`): `${Stage}` is
        `stage`, any other `${Name}` comes from `variables`, `${!Text}` is the literal `${Text}`."""
        template = cls.PHYSICAL_TABLE_NAME
        if template is None:
            raise TypeError(f"{cls.__name__} has no [DynamoDBTable]")
        values = {"Stage": stage, **variables}
        missing = sorted({name for bang, name in _SUB_VARIABLE.findall(template) if not bang and name not in values})
        if missing:
            raise ValueError(f"{cls.__name__}.PHYSICAL_TABLE_NAME {template!r} needs a value for {', '.join(missing)}")
        return _SUB_VARIABLE.sub(lambda m: "${" + m.group(2) + "}" if m.group(1) else values[m.group(2)], template)

    @classmethod
    def query_request(cls, index: str, *hash_values: Any, range_values: Tuple[Any, ...] = ()) -> Dict[str, Any]:
        """boto3 `query` arguments (minus TableName) for the items of `index` whose partition key
        attributes equal `hash_values` (all of them, in key order) and whose first sort key
        attributes equal `range_values` (a left-to-right prefix), values encoded as .NET stores them."""
        keys = cls.INDEXES.get(index)
        if keys is None:
            raise KeyError(f"{cls.__name__} has no index {index!r}; it has {sorted(cls.INDEXES)}")
        if len(hash_values) != len(keys.hash_keys):
            raise ValueError(f"{index}: partition key {keys.hash_keys} needs {len(keys.hash_keys)} value(s)")
        if len(range_values) > len(keys.range_keys):
            raise ValueError(f"{index}: sort key {keys.range_keys} has {len(keys.range_keys)} attribute(s)")
        pairs = list(zip(keys.hash_keys, hash_values)) + list(zip(keys.range_keys, range_values))
        specs = {spec.attribute: spec for spec in cls.ATTRIBUTES}
        ctx = Context(cls.CONVERSION, True)
        names = {f"#k{i}": name for i, (name, _) in enumerate(pairs)}
        values = {f":v{i}": _key_value(specs[name], value, ctx) for i, (name, value) in enumerate(pairs)}
        condition = " AND ".join(f"#k{i} = :v{i}" for i in range(len(pairs)))
        return {"IndexName": index, "KeyConditionExpression": condition, "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": values}

    def key(self) -> Item:
        """The primary key attributes of this item (for get_item/delete_item)."""
        if self.HASH_KEY is None:
            raise TypeError(f"{type(self).__name__} has no [DynamoDBHashKey]")
        item = self.to_item()
        names = [self.HASH_KEY] + ([self.RANGE_KEY] if self.RANGE_KEY else [])
        missing = [name for name in names if name not in item]
        if missing:
            raise ValueError(f"key attribute(s) {missing} are null or empty and would not be stored")
        return {name: item[name] for name in names}

    def save_request(self) -> Dict[str, Any]:
        """put_item arguments (minus TableName) with .NET's optimistic locking for [DynamoDBVersion].

        The first save writes version 0 and requires the item not to exist; later saves write the
        loaded version + 1 and require the stored version to be unchanged. The model is not modified.
        """
        item = self.to_item()
        if self.VERSION_ATTRIBUTE is None:
            return {"Item": item}
        current = item.get(self.VERSION_ATTRIBUTE)
        names = {"#v": self.VERSION_ATTRIBUTE}
        if current is None:
            item[self.VERSION_ATTRIBUTE] = {"N": "0"}
            return {"Item": item, "ConditionExpression": "attribute_not_exists(#v)",
                    "ExpressionAttributeNames": names}
        item[self.VERSION_ATTRIBUTE] = {"N": str(int(current["N"]) + 1)}
        return {"Item": item, "ConditionExpression": "#v = :v", "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": {":v": current}}
'''
