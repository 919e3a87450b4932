"""Runs Ralph, the learning record store, on the file-system backend, as `ralph runserver -b fs`
does, but with the backend writing in append mode: Ralph 5.1's fs backend writes in create mode by
default, so every POST after the first would fail ("fs_lrs.jsonl already exists").

    python tests/browser/ralph_server.py PORT FOLDER

with RALPH_AUTH_FILE naming the basic-auth users. Statements go to FOLDER/fs_lrs.jsonl.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
    os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = folder
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.fs import FSDataBackend

    FSDataBackend.default_operation_type = BaseOperationType.APPEND
    import uvicorn
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
