"""What every subcommand module shares: the exit code of a configuration error, the type
of the sub-parser table."""

from __future__ import annotations

import argparse
from typing import TypeAlias

EXIT_CONFIG = 2

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
