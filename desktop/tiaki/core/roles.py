"""Roles and what each may do. The store calls these checks on every operation; the UI only mirrors them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CASEWORKER = "caseworker"
    COORDINATOR = "coordinator"
    SUPERVISOR = "supervisor"
    PRIVACY_OFFICER = "privacy_officer"


ROLE_LABELS = {
    Role.CASEWORKER: "Caseworker",
    Role.COORDINATOR: "Coordinator",
    Role.SUPERVISOR: "Supervisor",
    Role.PRIVACY_OFFICER: "Privacy officer",
}


class AccessDenied(PermissionError):
    """The worker's role does not allow this. Raised below the UI, whatever the UI shows."""


@dataclass(frozen=True)
class Worker:
    id: str
    name: str
    display_name: str
    role: Role
    active: bool = True


def sees_whole_team(worker: Worker) -> bool:
    """Caseworkers see their own caseload; coordinators, supervisors and privacy officers see the team's."""
    return worker.role is not Role.CASEWORKER


def can_read_client(worker: Worker, assigned_worker_id: str | None) -> bool:
    return worker.active and (sees_whole_team(worker) or assigned_worker_id == worker.id)


def can_write_client(worker: Worker, assigned_worker_id: str | None) -> bool:
    """Supervisors review; they do not edit records."""
    return worker.role is not Role.SUPERVISOR and can_read_client(worker, assigned_worker_id)


def can_administer(worker: Worker) -> bool:
    return worker.active and worker.role is Role.PRIVACY_OFFICER


def can_review_audit(worker: Worker) -> bool:
    """The audit log names every client and action on the device: oversight roles only."""
    return worker.active and worker.role in (Role.SUPERVISOR, Role.PRIVACY_OFFICER)


def can_review_disclosures(worker: Worker) -> bool:
    """Overrides and anomalies in the sharing history are reviewed by oversight roles, never by the sharer."""
    return worker.active and worker.role in (Role.SUPERVISOR, Role.PRIVACY_OFFICER)


def can_see_history(worker: Worker) -> bool:
    """Every active worker sees the sharing history, scoped as clients are (sees_whole_team)."""
    return worker.active


def require(allowed: bool, what: str) -> None:
    if not allowed:
        raise AccessDenied(f"Your role does not allow you to {what}.")
