"""Live preview: a position rendered in one warm process, again on each save.

``paperkit preview FILE`` serves the HTML (and PDF) of a position on 127.0.0.1 and reloads
the page through server-sent events when the file, a CSV it reads, its theme or a template
changes (:mod:`.server`); ``paperkit render --watch`` writes files instead (:mod:`.rerender`).
"""

from .session import PreviewSession, Rendering
from .watch import Dependencies, dependencies, rendering_dependencies

__all__ = ["Dependencies", "PreviewSession", "Rendering", "dependencies", "rendering_dependencies"]
