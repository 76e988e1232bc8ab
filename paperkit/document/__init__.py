"""The format-neutral document tree and how a Position becomes one."""

from .build import build, localise, number_label
from .markup import plain
from .nodes import *  # noqa: F401,F403
from .nodes import Document

__all__ = ["Document", "build", "localise", "number_label", "plain"]
