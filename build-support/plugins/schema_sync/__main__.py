import sys

from schema_sync.cli import main

sys.exit(main())
