"""Pants backend: C# DynamoDB data models as build sources (see register.py)."""
