"""`dump_yaml` writes templates itself (`yaml_text`) and must write exactly what PyYAML would."""

from __future__ import annotations

import random
from typing import Any, Dict, List

from schema_sync.emit.cloudformation import (
    _YAML11_WORDS,
    GetAtt,
    Ref,
    Sub,
    _block_yamls,
    _plain_spelling,
    _pyyaml_dump,
    _spell_scalars,
    dump_yaml,
)
from schema_sync.emit.yaml_text import block_yamls

STRINGS = [
    "Sk", "AWS::DynamoDB::Table", "PAY_PER_REQUEST", "2010-09-09", "true", "null", "~", "", "123", "1e3", "0x1F",
    "-", "---", "...", "a: b", "a #b", "#x", "x'y", 'x"y', "x\\y", "Größe", "\u2028", "tab\tin", "multi\nline",
    "trailing ", " leading", "- item", "? key", "[x]", "{x}", "&anchor", "*alias", "!tag", "%x", "@x", "`x", "|", ">",
    "word " * 30, "x" * 300, "Physical name of " + "T" * 110, "c5_attr_5_1_model00", "${Stage}", "ab-cd.ef",
    "Yes", "NO", "on", "Off", "NULL", "Null", "y", "n", "_", "a.", "a-", "a:", "E1", "inf", "nan", "_1e3", "x-1.5",
]
KEYS = ["Type", "Properties", "AttributeName", "x" * 99, "x" * 130, "a b", "true", "1", "", "Größe", "k: v"]


def _scalar(rng: random.Random) -> Any:
    pick = rng.random()
    if pick < 0.1:
        return rng.choice([True, False, None, 0, -5, 10**20, 1.5])
    text = rng.choice(STRINGS)
    return rng.choice([str, str, str, Sub, Ref, GetAtt])(text)


def _value(rng: random.Random, depth: int) -> Any:
    pick = rng.random()
    if depth > 4 or pick < 0.45:
        return _scalar(rng)
    if pick < 0.75:
        return _mapping(rng, depth + 1)
    return [_value(rng, depth + 1) for _ in range(rng.choice([0, 1, 2, 3]))]


def _mapping(rng: random.Random, depth: int) -> Dict[str, Any]:
    count = rng.choice([0, 1, 2, 3, 4]) if depth else rng.choice([1, 3, 5])
    return {rng.choice(KEYS + STRINGS[:20]) + str(n): _value(rng, depth) for n in range(count)} if depth % 2 else {
        rng.choice(KEYS): _value(rng, depth) for _ in range(count)
    }


def test_random_templates_are_written_as_pyyaml_writes_them() -> None:
    rng = random.Random(20261203)
    written_here = 0
    for _ in range(1500):
        data = _mapping(rng, 0)
        assert dump_yaml(data) == _pyyaml_dump(data), data
        written_here += _block_yamls([data])[0] is not None
        # Nothing spelled yet: the scalars PyYAML must spell are asked for and the document rewritten.
        assert block_yamls([data], 120, {}, _plain_spelling, _spell_scalars)[0] in (None, _pyyaml_dump(data)), data
    assert written_here > 200  # the writer is exercised (248 of these), not only the fallback


UNVOUCHED: List[Dict[str, Any]] = [
    {"a": {}}, {"a": []}, {"a": [[1]]}, {"x" * 130: 1}, {"a": "multi\nline"}, {"Description": "word " * 30},
]


def test_scalars_written_without_pyyaml_are_as_pyyaml_writes_them() -> None:
    rng = random.Random(7)
    alphabet = "aAzZ_09.- yesnoYESNOtrueTRUEfalseonoffnull'\\:#!$"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(4000)]
    spelled_here = 0
    for word in words + sorted(_YAML11_WORDS) + STRINGS:
        for value in (word, Sub(word), Ref(word), GetAtt(word)):
            spelled = _plain_spelling(value)
            if spelled is not None:
                spelled_here += 1
                assert _pyyaml_dump(value).splitlines()[0] == spelled, value
    assert spelled_here > 4000


def test_what_it_cannot_vouch_for_goes_to_pyyaml() -> None:
    for data in UNVOUCHED:
        assert _block_yamls([data])[0] is None
        assert dump_yaml(data) == _pyyaml_dump(data)


def test_a_batch_of_templates_is_written_as_each_alone() -> None:
    rng = random.Random(41)
    batch = [_mapping(rng, 0) for _ in range(300)]
    written = block_yamls(batch, 120, {}, _plain_spelling, _spell_scalars)  # one PyYAML call, then rewrites
    assert all(text in (None, _pyyaml_dump(data)) for data, text in zip(batch, written))
    assert sum(text is not None for text in written) > 30
