"""Stage 1, C# syntax: source bytes -> syntax facts per file (preprocessing, tree-sitter parsing),
and file -> file dependencies read from those facts. Knows C# only, nothing about DynamoDB.

Importing this package loads no third-party library: tree-sitter is imported by `parse` on first use.
"""
