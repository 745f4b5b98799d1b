"""pp_ai's CloudFormation stack as a build output (see assemble.py)."""
