"""The console's version: the installed distribution's, so a wheel, an editable checkout and the
desktop bundle (which carries the distribution's metadata) all report the one that was built."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import console

__all__ = ["DISTRIBUTION", "app_version"]

DISTRIBUTION = "support-console"


def app_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return console.__version__
