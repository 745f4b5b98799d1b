"""schema_sync: C# DynamoDB data models -> schema IR -> pydantic / CloudFormation / TypeScript / JSON Schema.

No Pants imports here: the Pants plugin (schema_sync_pants) and the CLI (`python -m schema_sync`)
both call into this package. Runs on CPython 3.9 (inside Pants) and 3.12.
"""
