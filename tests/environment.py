"""Loaded by pytest before Django starts (``-p tests.environment`` in pyproject).

The tests run with DEBUG off, as production does; the settings then require a
secret key, which the tests supply here. A database URL from the caller
(``DATABASE_URL=postgres://...``) is kept.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
