"""速递看板 Digest Dashboard — the entry script; the shell lives in dashboard/shell.py."""

from dashboard import shell

shell.run()
