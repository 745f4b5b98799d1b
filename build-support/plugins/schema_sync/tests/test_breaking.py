"""Breaking-change rules: each rule from a before/after pair of C# snippets, compared through the lock's JSON
(the committed file) exactly as `check-lock` and the Pants linter do."""

from __future__ import annotations

import dataclasses
import json
import textwrap
from typing import Any, Dict, List, Tuple

from schema_sync.breaking import compare
from schema_sync.extract import extract
from schema_sync.lock import KeyPart, lock_from_json, lock_of
from schema_sync.options import Options

HEADER = """\
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
namespace App.Data;
"""

GOAL = """\
[DynamoDBTable("goals")]
public class Goal
{
    [DynamoDBHashKey("goal_id")] public string GoalId { get; set; }
    [DynamoDBRangeKey("created")] public long Created { get; set; }
    [DynamoDBGlobalSecondaryIndexHashKey("by-tenant")]
    [DynamoDBProperty("tenant_id")] public string TenantId { get; set; }
    [DynamoDBProperty("title")] public string Title { get; set; }
    [DynamoDBProperty("progress")] public int Progress { get; set; }
    [DynamoDBProperty("status")] public Status Status { get; set; }
}
"""

STATUS = "public enum Status { Draft = 0, Active = 1, Done = 2 }\n"

OPTIONS = Options()


def _files(goal: str, status: str = STATUS) -> Dict[str, bytes]:
    return {"src/Goal.cs": (HEADER + goal).encode(), "src/Status.cs": (HEADER + status).encode()}


def findings(before: Dict[str, bytes], after: Dict[str, bytes], options: Options = OPTIONS) -> List[Tuple[str, str]]:
    old, new = extract(before, options), extract(after, options)
    assert not old.errors and not new.errors, (old.errors, new.errors)
    locked = lock_from_json(lock_of(old, options).to_json())
    return [(f.kind, f.render()) for f in compare(locked, lock_of(new, options))]


def edited(old: str, new: str, status: str = STATUS) -> List[Tuple[str, str]]:
    assert old in GOAL or old in STATUS
    goal = GOAL.replace(old, new, 1)
    return findings(_files(GOAL), _files(goal, status.replace(old, new, 1) if old in STATUS else status))


def kinds(result: List[Tuple[str, str]]) -> List[str]:
    return [kind for kind, _ in result]


def test_no_change_no_findings() -> None:
    assert findings(_files(GOAL), _files(GOAL)) == []


def test_moving_lines_is_no_change() -> None:
    assert findings(_files(GOAL), _files("\n\n" + GOAL)) == []


def test_hash_key_renamed_is_a_replacement_at_the_table() -> None:
    result = edited('[DynamoDBHashKey("goal_id")]', '[DynamoDBHashKey("id")]')
    assert kinds(result) == ["replacement"]
    text = result[0][1]
    assert text.startswith("src/Goal.cs:8: replacement: table goals: ")
    assert "hash key changed from goal_id (S) to id (S)" in text and "KeySchema: Replacement" in text


def test_key_type_changed_is_a_replacement() -> None:
    result = edited('[DynamoDBRangeKey("created")] public long', '[DynamoDBRangeKey("created")] public string')
    assert kinds(result) == ["replacement"]
    assert "range key changed from created (N) to created (S)" in result[0][1]


def test_range_key_removed_is_a_replacement() -> None:
    result = edited('[DynamoDBRangeKey("created")] public long Created',
                    '[DynamoDBProperty("created")] public long Created')
    assert kinds(result) == ["replacement"]
    assert "range key created (N) removed" in result[0][1]


def test_table_renamed_is_a_replacement() -> None:
    result = edited('[DynamoDBTable("goals")]', '[DynamoDBTable("objectives")]')
    assert kinds(result) == ["replacement"]
    assert "table name changed from 'goals' to 'objectives'" in result[0][1]
    assert "TableName: Replacement" in result[0][1]


def test_table_name_template_changed_is_a_replacement() -> None:
    result = findings(_files(GOAL), _files(GOAL), Options()) + findings(
        _files(GOAL), _files(GOAL), Options(table_name_template="acme-{table}-${Stage}")
    )
    assert result == []  # the same option on both sides: nothing
    old = lock_of(extract(_files(GOAL), Options()), Options())
    new = lock_of(extract(_files(GOAL), Options()), Options(table_name_template="acme-{table}-${Stage}"))
    (finding,) = compare(old, new)
    assert finding.kind == "replacement" and "deployed name changed" in finding.message


def test_lsi_added_removed_or_changed_is_a_replacement() -> None:
    with_lsi = GOAL.replace('[DynamoDBProperty("progress")]', '[DynamoDBLocalSecondaryIndexRangeKey("by-progress")]\n'
                            '    [DynamoDBProperty("progress")]')
    added = findings(_files(GOAL), _files(with_lsi))
    assert kinds(added) == ["replacement"] and "local secondary index 'by-progress' added" in added[0][1]
    removed = findings(_files(with_lsi), _files(GOAL))
    assert kinds(removed) == ["replacement"] and "'by-progress' removed" in removed[0][1]
    moved = with_lsi.replace("public int Progress", "public string Progress")
    changed = findings(_files(with_lsi), _files(moved))
    assert kinds(changed) == ["replacement", "reader-break"]  # the index, and the attribute's readers
    assert "range key changed from progress (N) to progress (S)" in changed[0][1]


def test_one_new_gsi_is_information() -> None:
    result = edited('[DynamoDBProperty("title")]', '[DynamoDBGlobalSecondaryIndexHashKey("by-title")]\n'
                    '    [DynamoDBProperty("title")]')
    assert kinds(result) == ["info"] and "new global secondary index 'by-title'" in result[0][1]


def test_two_gsi_changes_in_one_deploy_fail() -> None:
    result = edited('[DynamoDBProperty("title")]', '[DynamoDBGlobalSecondaryIndexHashKey("by-title", "by-title-2")]\n'
                    '    [DynamoDBProperty("title")]')
    assert kinds(result) == ["gsi-update"]
    assert "2 global secondary index changes in one deploy (create 'by-title', create 'by-title-2')" in result[0][1]


def test_gsi_created_and_deleted_in_one_deploy_fail() -> None:
    result = edited('[DynamoDBGlobalSecondaryIndexHashKey("by-tenant")]',
                    '[DynamoDBGlobalSecondaryIndexHashKey("by-tenant-v2")]')
    assert kinds(result) == ["gsi-update", "reader-break"]
    assert "create 'by-tenant-v2', delete 'by-tenant'" in result[0][1]
    assert "'by-tenant' removed: CloudFormation deletes it and queries on it fail" in result[1][1]


def test_gsi_key_schema_changed_fails() -> None:
    result = edited('[DynamoDBProperty("title")]', '[DynamoDBGlobalSecondaryIndexRangeKey("by-tenant")]\n'
                    '    [DynamoDBProperty("title")]')
    assert kinds(result) == ["gsi-update"]
    assert "'by-tenant': key schema changed from tenant_id (S) / none to tenant_id (S) / title (S)" in result[0][1]


def test_gsi_multi_attribute_key_counts_every_attribute() -> None:
    # The resolver rejects several hash keys per index today; the lock and the rules already compare whole keys.
    old = lock_of(extract(_files(GOAL), OPTIONS), OPTIONS)
    table = old.tables[0]
    wider = dataclasses.replace(table.gsis[0], hash_key=(*table.gsis[0].hash_key, KeyPart("title", "S")))
    new = dataclasses.replace(old, tables=(dataclasses.replace(table, gsis=(wider,)),))
    (finding,) = compare(old, new)
    assert finding.kind == "gsi-update" and "to tenant_id (S) + title (S) / none" in finding.message


def test_attribute_renamed_breaks_readers_at_the_property() -> None:
    result = edited('[DynamoDBProperty("title")]', '[DynamoDBProperty("name")]')
    assert kinds(result) == ["reader-break"]
    assert result[0][1].startswith("src/Goal.cs:12: reader-break: table goals: App.Data.Goal: ")
    assert "attribute 'title' renamed to 'name' (property Title)" in result[0][1]


def test_attribute_removed_breaks_readers() -> None:
    result = edited('    [DynamoDBProperty("title")] public string Title { get; set; }\n', "")
    assert kinds(result) == ["reader-break"] and "attribute 'title' (property Title) removed" in result[0][1]


def test_stored_type_changed_breaks_readers() -> None:
    result = edited("public int Progress", "public string Progress")
    assert kinds(result) == ["reader-break"]
    assert "'progress': stored type changed from N (int32) to S (string)" in result[0][1]


def test_widened_number_is_a_type_change_too() -> None:
    assert kinds(edited("public int Progress", "public long Progress")) == ["reader-break"]


def test_new_nullable_or_defaulted_attributes_pass_as_information() -> None:
    for new in ('[DynamoDBProperty("note")] public string Note { get; set; }',  # reference type: null
                '[DynamoDBProperty("score")] public int? Score { get; set; }',
                '[DynamoDBProperty("level")] public int Level { get; set; }',  # default(T) = 0
                '[DynamoDBProperty("kind")] public string Kind { get; set; } = "x";',
                '[DynamoDBProperty("state")] public Status State { get; set; }'):  # has a zero member
        result = edited('    [DynamoDBProperty("title")]', f"    {new}\n    [DynamoDBProperty(\"title\")]")
        assert kinds(result) == ["info"], (new, result)


def test_new_required_attribute_breaks_readers() -> None:
    status = "public enum Priority { Low = 1, High = 2 }\n" + STATUS  # no zero member: no default(T)
    result = findings(_files(GOAL), _files(GOAL.replace(
        '    [DynamoDBProperty("title")]',
        '    [DynamoDBProperty("priority")] public Priority Priority { get; set; }\n    [DynamoDBProperty("title")]',
    ), status))
    assert kinds(result) == ["reader-break"]
    assert "new attribute 'priority' is required" in result[0][1] and result[0][1].startswith("src/Goal.cs:12:")


def test_enum_member_removed_or_renumbered_breaks_readers() -> None:
    removed = edited("Active = 1, ", "")
    assert kinds(removed) == ["reader-break"] and "member Active = 1 removed" in removed[0][1]
    assert removed[0][1].startswith("src/Status.cs:5: reader-break: enum App.Data.Status")
    renumbered = edited("Done = 2", "Done = 3")
    assert kinds(renumbered) == ["reader-break"] and "member Done renumbered from 2 to 3" in renumbered[0][1]


def test_enum_member_added_or_renamed_passes() -> None:
    added = edited("Done = 2", "Done = 2, Archived = 3")
    assert kinds(added) == ["info"] and "new member Archived = 3" in added[0][1]
    renamed = edited("Done = 2", "Finished = 2")
    assert kinds(renamed) == ["info"] and "member Done renamed to Finished" in renamed[0][1]


def test_new_table_passes_and_removed_table_fails() -> None:
    other = textwrap.dedent("""\
        [DynamoDBTable("notes")]
        public class Note { [DynamoDBHashKey("id")] public string Id { get; set; } }
        """)
    with_notes = {**_files(GOAL), "src/Note.cs": (HEADER + other).encode()}
    added = findings(_files(GOAL), with_notes)
    assert added == [("info", "src/Note.cs:6: info: table notes: new table: CloudFormation creates it")]
    removed = findings(with_notes, _files(GOAL))
    assert kinds(removed) == ["reader-break"] and removed[0][1].startswith("src/Note.cs: reader-break: table notes:")


def test_findings_are_ordered_by_severity() -> None:
    before = GOAL.replace('[DynamoDBProperty("title")]', '[DynamoDBProperty("note")] public string Note { get; set; }\n'
                          '    [DynamoDBProperty("title")]')
    after = GOAL.replace('[DynamoDBHashKey("goal_id")]', '[DynamoDBHashKey("id")]').replace(
        '[DynamoDBProperty("title")]', '[DynamoDBProperty("extra")] public int? Extra { get; set; }\n'
        '    [DynamoDBProperty("title")]')
    assert kinds(findings(_files(before), _files(after))) == ["replacement", "reader-break", "info"]


def test_a_new_enum_member_is_safe_both_ways() -> None:
    result = edited("Done = 2 }", "Done = 2, Archived = 3 }")
    assert kinds(result) == ["info"]
    assert "old readers keep it as an unnamed value" in result[0][1]


# -- stored forms, not C# spellings (one DynamoDB type, several formats; several spellings, one form) ---


def test_key_format_change_keeps_the_key_schema_but_breaks_readers() -> None:
    """`string` -> `Guid` keeps `S`, so CloudFormation changes nothing, yet old keys do not read as
    GUIDs: a reader break at the key, not "the schema matches"."""
    result = edited("[DynamoDBHashKey(\"goal_id\")] public string", "[DynamoDBHashKey(\"goal_id\")] public Guid")
    assert kinds(result) == ["reader-break"]
    assert result[0][1].startswith("src/Goal.cs:8: reader-break: table goals: App.Data.Goal: key attribute 'goal_id'")
    assert "stored format changed from S:string (string) to S:guid (guid), DynamoDB type S unchanged" in result[0][1]


def test_date_key_to_string_and_back_breaks_readers() -> None:
    dated = GOAL.replace("public long Created", "public DateTime Created")
    text = GOAL.replace("public long Created", "public string Created")
    for before, after in ((dated, text), (text, dated)):
        result = findings(_files(before), _files(after))
        assert kinds(result) == ["reader-break"] and "key attribute 'created'" in result[0][1]


def test_non_key_format_change_breaks_readers() -> None:
    result = edited("public string Title", "public Guid Title")
    assert kinds(result) == ["reader-break"] and "stored type changed from S (string) to S (guid)" in result[0][1]


LABELS = '    [DynamoDBProperty("labels")] public {} Labels {{ get; set; }}\n'


def _labels(spelling: str) -> str:
    return _with(LABELS.format(spelling))


def test_same_stored_form_in_another_spelling_is_information() -> None:
    """Under V1 `List<string>`, `string[]` and `HashSet<string>` are all a string set (SS)."""
    for after in ("HashSet<string>", "string[]"):
        result = findings(_files(_labels("List<string>")), _files(_labels(after)))
        assert kinds(result) == ["info"], result
        assert "C# type changed from list<string> to" in result[0][1] and "SS<S:string>, is unchanged" in result[0][1]


def test_another_stored_form_in_a_similar_spelling_breaks_readers() -> None:
    v2 = Options(conversion="V2")  # List<string> is a list (L) under V2, HashSet<string> a set (SS)
    assert kinds(findings(_files(_labels("List<string>")), _files(_labels("HashSet<string>")), v2)) == ["reader-break"]
    assert kinds(findings(_files(_labels("List<int>")), _files(_labels("List<long>")))) == ["reader-break"]


# -- [DynamoDBVersion] -------------------------------------------------------------------------------

VERSION = '    [DynamoDBVersion] public long? Version { get; set; }\n'
REVISION = '    [DynamoDBVersion] public long? Revision { get; set; }\n'


def _with(*members: str) -> str:
    """GOAL with `members` last."""
    return GOAL[:GOAL.rindex("}")] + "".join(members) + "}\n"


def test_version_removed_breaks_old_savers() -> None:
    result = findings(_files(_with(VERSION)), _files(_with(VERSION.replace("[DynamoDBVersion] ", ""))))
    assert kinds(result) == ["reader-break"]
    assert "[DynamoDBVersion] removed from 'Version'" in result[0][1] and "lost update" in result[0][1]
    gone = findings(_files(_with(VERSION)), _files(GOAL))
    assert "[DynamoDBVersion] removed from 'Version'" in " ".join(text for _, text in gone)


def test_version_moved_breaks_old_savers() -> None:
    plain_version = VERSION.replace("[DynamoDBVersion] ", "")
    result = findings(_files(_with(VERSION, REVISION.replace("[DynamoDBVersion] ", ""))),
                      _files(_with(plain_version, REVISION)))
    assert kinds(result) == ["reader-break"]
    assert result[0][1].startswith("src/Goal.cs:16: reader-break: table goals: App.Data.Goal: [DynamoDBVersion] "
                                   "moved from 'Version' to 'Revision'")


def test_version_added_is_information() -> None:
    result = findings(_files(_with(VERSION.replace("[DynamoDBVersion] ", ""))), _files(_with(VERSION)))
    assert kinds(result) == ["info"] and "[DynamoDBVersion] added on 'Version'" in result[0][1]


# -- logical IDs and locks of an older format ----------------------------------------------------------


def _as_json(text: str) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads(text)
    return data


def test_a_changed_logical_id_is_a_replacement() -> None:
    """IDs no longer move when tables are added; a lock written when one had moved (`GoalsTable2`
    from an older generator's renumbering) differs from the current ID: the deploy would replace."""
    current = lock_of(extract(_files(GOAL), OPTIONS), OPTIONS)
    data = _as_json(current.to_json())
    data["tables"]["goals"]["logical_id"] = "GoalsTable2"
    (finding,) = compare(lock_from_json(json.dumps(data)), current)
    assert finding.kind == "replacement"
    assert "logical ID changed from 'GoalsTable2' to 'GoalsTable'" in finding.message
    assert "already exists" in finding.message


def test_a_lock_of_version_1_still_loads_and_says_so() -> None:
    """No logical IDs, stored forms or versions in it: those rules are skipped (types compare by C#
    type signature), and an `info` finding says to update the lock."""
    data = _as_json(lock_of(extract(_files(_with(VERSION)), OPTIONS), OPTIONS).to_json())
    data["lock_version"] = 1
    for table in data["tables"].values():
        del table["logical_id"]
    for model in data["models"].values():
        del model["version"]
        for attribute in model["attributes"].values():
            del attribute["stored"]
    old = lock_from_json(json.dumps(data))
    assert old.lock_version == 1 and _as_json(old.to_json()) == data  # written back as it was read
    same = compare(old, lock_of(extract(_files(_with(VERSION)), OPTIONS), OPTIONS))
    assert [(f.kind, f.render()) for f in same] == [(
        "info", "schema lock: info: written with lock_version 1, before logical IDs, stored forms and "
        "[DynamoDBVersion] attributes were recorded: their rules are skipped (types compare by C# type) until "
        "the lock is updated")]
    spelled = compare(old, lock_of(extract(_files(_with(VERSION).replace("string Title", "Guid Title")), OPTIONS),
                                   OPTIONS))
    assert [f.kind for f in spelled] == ["reader-break", "info"]
