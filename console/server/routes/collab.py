"""The routers of the collaboration features, in one list for the app to include."""

from __future__ import annotations

from console.server.routes import attachments, escalations, macros, merge, presence

COLLAB_ROUTERS = [
    merge.router,
    escalations.router,
    presence.router,
    macros.router,
    attachments.router,
]
