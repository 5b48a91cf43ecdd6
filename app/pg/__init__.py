"""PostgreSQL: a shared office's database on a server (README: "Office server").

The same models and migrations as the SQLite file; what differs between the two
(engine and connection, change-capture triggers, trigram search, locking, backup)
sits behind one small module per concern here and in app/sync.
"""
