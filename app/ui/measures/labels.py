"""The control lists' names (English sources; translated when shown). Measure states and
effectiveness are named by app.labels."""

from __future__ import annotations

from app.i18n import N_

VIEW = {
    "overdue": N_("Past the deadline"),
    "due_this_month": N_("Due this month"),
    "awaiting_assessment": N_("Awaiting assessment"),
    "all": N_("All"),
}
