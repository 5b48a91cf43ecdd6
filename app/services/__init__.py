"""Use cases. Each function takes a Session (the caller owns the transaction), the
acting user, and plain values; it validates, checks the role, writes, audits, and
returns frozen dataclasses. Services never commit and never open sessions."""
