"""The deployed table names reach Python from `[schema-sync].table_name_template` alone: changing
the template in the project's config changes what the app computes, with no name mirrored by hand;
the billing service's own template (billing/BUILD) is not the default's, so it stays as it was."""

from __future__ import annotations

from pathlib import Path

from pants_repo import PantsRunner, edit


def test_a_template_change_reaches_the_generated_models(repo: Path, pants: PantsRunner) -> None:
    before = pants("run", "app/tables.py", "--", "prod")
    assert before.returncode == 0, before.stderr[-5000:]
    assert before.stdout.split() == ["acme-goals-prod", "acme-sessions-prod", "billing-payments-prod"]

    edit(repo, "pants.fixture.toml", '"acme-{table}-${Stage}"', '"${Stage}-acme2-{table}"')
    after = pants("run", "app/tables.py", "--", "prod")
    assert after.returncode == 0, after.stderr[-5000:]
    assert after.stdout.split() == ["prod-acme2-goals", "prod-acme2-sessions", "billing-payments-prod"]
