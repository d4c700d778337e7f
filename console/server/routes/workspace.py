"""GET /workspace and GET /health: what a sign-in screen may read without a token."""

from __future__ import annotations

from fastapi import APIRouter

from console.api.schemas import DemoAccount, WorkspaceInfo
from console.server.routes.deps import RuntimeDep
from console.server.runtime import Runtime
from console.server.services.auth import list_agents

router = APIRouter(tags=["workspace"])


def _demo_accounts(runtime: Runtime) -> list[DemoAccount]:
    """The demo sign-in accounts that exist in this database, in the demo's order."""
    from console.server.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    with runtime.db.read() as session:
        agents = {a.username: a for a in list_agents(session)}
    return [
        DemoAccount(username=name, password=DEMO_PASSWORD, role=agents[name].role)
        for name in DEMO_ACCOUNTS
        if name in agents
    ]


@router.get("/workspace", response_model=WorkspaceInfo)
def workspace(runtime: RuntimeDep) -> WorkspaceInfo:
    accounts = _demo_accounts(runtime) if runtime.settings.demo else []
    return WorkspaceInfo(
        name=runtime.settings.workspace_name, demo=runtime.settings.demo, demo_accounts=accounts
    )


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
