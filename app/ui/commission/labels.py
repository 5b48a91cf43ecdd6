"""Labels for the commission's rules (English sources; translated when shown). The
stored codes (member roles, ...) are named by app.labels."""

from __future__ import annotations

from app.domain.voting import MajorityRule, QuorumRule
from app.i18n import N_

QUORUM = {
    QuorumRule.MORE_THAN_HALF: N_("More than half of the members"),
    QuorumRule.AT_LEAST_HALF: N_("At least half of the members"),
    QuorumRule.TWO_THIRDS: N_("At least two thirds of the members"),
}
MAJORITY = {
    MajorityRule.OF_VOTING: N_("More votes for than against"),
    MajorityRule.OF_PRESENT: N_("More than half of the members present"),
}
