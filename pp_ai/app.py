"""pp_ai command line: the coach's nudge for a goal.

    pp_ai nudge GOAL_ID --stage prod [--endpoint-url URL]   # reads pp_api's tables (generated models)
    pp_ai assess '{"title": ..., "start": ..., "due": ..., "kpis": [...]}'   # offline, from JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Optional, Sequence

from pp_ai.coaching.goals import GoalStore, goal_progress
from pp_ai.coaching.progress import KpiSnapshot, assess, nudge

if TYPE_CHECKING:  # types only: the Lambda runtime's boto3 is untyped at run time
    from mypy_boto3_dynamodb import DynamoDBClient


def _assess(goal_json: str) -> str:
    goal = json.loads(goal_json)
    kpis = [
        KpiSnapshot(
            k["name"],
            Decimal(str(k["baseline"])),
            Decimal(str(k["target"])),
            None if k.get("current") is None else Decimal(str(k["current"])),
        )
        for k in goal["kpis"]
    ]
    start, due = datetime.fromisoformat(goal["start"]), datetime.fromisoformat(goal["due"])
    return nudge(goal["title"], assess(kpis, start, due, datetime.now(timezone.utc)))


def nudge_from_tables(client: DynamoDBClient, goal_id: str, stage: str) -> Optional[str]:
    store = GoalStore(client, stage)
    goal = store.goal(goal_id)
    if goal is None:
        return None
    progress = goal_progress(goal, store.kpis_of_goal(goal_id), datetime.now(timezone.utc))
    return nudge(goal.title, progress)


def main(argv: Optional[Sequence[str]] = None, client: Optional[DynamoDBClient] = None) -> int:
    parser = argparse.ArgumentParser(prog="pp_ai", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    from_tables = commands.add_parser("nudge", help="nudge for a goal stored in pp_api's tables")
    from_tables.add_argument("goal_id")
    from_tables.add_argument("--stage", default="dev")
    from_tables.add_argument("--endpoint-url", help="DynamoDB endpoint (default: AWS)")
    offline = commands.add_parser("assess", help="nudge for a goal described as JSON")
    offline.add_argument("goal_json")
    args = parser.parse_args(argv)
    if args.command == "assess":
        print(_assess(args.goal_json))
        return 0
    if client is None:
        import boto3

        client = boto3.client("dynamodb", endpoint_url=args.endpoint_url)
    message = nudge_from_tables(client, args.goal_id, args.stage)
    if message is None:
        print(f"pp_ai: no goal {args.goal_id!r} in stage {args.stage!r}", file=sys.stderr)
        return 1
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
