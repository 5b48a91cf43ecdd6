"""Pure domain rules of Kenes: no I/O, no Qt, no database."""
