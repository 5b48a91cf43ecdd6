"""The ORM model, one module per aggregate. Importing this package registers them all."""

from app.models.base import Base, Synced
from app.models.case import Case
from app.models.catalog import CatalogItem
from app.models.child import Child, ChildCategory, LegalRepresentative, RegisterEntry
from app.models.commission import Commission, CompositionAct, Membership, Territory
from app.models.decision import Assessment, Decision, Measure, MeasureReport
from app.models.exchange import Conflict, Knowledge, OfficeKey, PackageLog, Peer
from app.models.meeting import (
    AgendaItem,
    Amendment,
    Attendance,
    DissentingOpinion,
    InvitedPerson,
    Meeting,
    Recusal,
    Vote,
)
from app.models.sync import ChangeLog, SyncOrigin, SyncRow, SyncState
from app.models.user import AuditEntry, User

__all__ = [
    "AgendaItem", "Amendment", "Assessment", "Attendance", "AuditEntry", "Base", "Case",
    "CatalogItem", "ChangeLog", "Child", "ChildCategory", "Commission", "CompositionAct",
    "Conflict", "Knowledge", "OfficeKey", "PackageLog", "Peer",
    "Decision", "DissentingOpinion", "InvitedPerson", "LegalRepresentative", "Measure",
    "MeasureReport", "Meeting", "Membership", "Recusal", "RegisterEntry", "Synced",
    "SyncOrigin", "SyncRow", "SyncState", "Territory", "User", "Vote",
]


def synced_tables() -> list[str]:
    """Names of the tables exchanged between offices, in dependency order."""
    return [t.name for t in Base.metadata.sorted_tables if t.name in _SYNCED]


_SYNCED = {
    mapper.local_table.name
    for mapper in Base.registry.mappers
    if getattr(mapper.class_, "__synced__", False)
}
