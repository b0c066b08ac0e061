"""Writes GUCCatalog+Data.swift from real PostgreSQL servers; run through generate.sh.

For each --server MAJOR=BINDIR=DESCRIPTION it initdb's a scratch cluster, starts it on a Unix socket only (with
pg_stat_statements and auto_explain preloaded when the build ships them), reads pg_settings, probes which hidden
enum spellings the server accepts (ALTER SYSTEM validates a value without applying it), stops the server, and adds
the extension GUCs of extension_gucs.py. Output is sorted by name, so reruns give the same file.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from extension_gucs import LIBRARIES, extension_gucs

# Spellings that config_enum_entry tables mark hidden (guc_tables.c, xlog.c, auto_explain.c): the boolean variants
# many on/off enums accept, "debug" and "info" in message-level enums, wal_level's "archive" and "hot_standby".
HIDDEN_CANDIDATES = ["on", "off", "true", "false", "yes", "no", "1", "0", "debug", "info", "archive", "hot_standby"]

# Enum values that exist only when PostgreSQL is configured --with-lz4 / --with-zstd / --with-liburing. The PGDG
# Debian packages that CloudNativePG's images use are built with all three; the wheels may not be. The server's list
# must be a subsequence of the full one, which replaces it.
FULL_BUILD_ENUMS = {
    "default_toast_compression": ["pglz", "lz4"],
    "wal_compression": ["pglz", "lz4", "zstd", "on", "off"],
    "io_method": ["sync", "worker", "io_uring"],
}

SETTINGS_QUERY = """
SELECT json_agg(json_build_array(name, context, vartype, coalesce(unit, ''), coalesce(min_val, ''),
                                 coalesce(max_val, ''), coalesce(enumvals, '{}')) ORDER BY name)
FROM pg_settings
"""


class Server:
    """A scratch cluster of one PostgreSQL build, run by an unprivileged user on a Unix socket."""

    def __init__(self, bindir, run_as):
        self.bindir = bindir
        self.prefix = ["runuser", "-u", run_as, "--"] if run_as else []
        self.workdir = tempfile.mkdtemp(prefix="pgha-guc-")
        if run_as:
            shutil.chown(self.workdir, user=run_as)
        self.datadir = os.path.join(self.workdir, "data")
        self.process = None
        self.log = None

    def run(self, tool, *args, stdin=None, check=True):
        command = self.prefix + [os.path.join(self.bindir, tool), *args]
        result = subprocess.run(command, input=stdin, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def version(self):
        return re.search(r"\d+(\.\d+)+", self.run("postgres", "--version")).group(0)

    def preloadable(self):
        libdir = self.run("pg_config", "--pkglibdir").strip()
        return [name for name in LIBRARIES if os.path.exists(os.path.join(libdir, name + ".so"))]

    def start(self, preload):
        self.run("initdb", "-D", self.datadir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8",
                 "--locale=C")
        self.log = open(os.path.join(self.workdir, "server.log"), "w")
        command = self.prefix + [os.path.join(self.bindir, "postgres"), "-D", self.datadir, "-k", self.workdir,
                                 "-c", "listen_addresses=", "-c", "shared_preload_libraries=" + ",".join(preload)]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            if self.process.poll() is not None:
                raise SystemExit(f"postgres exited early:\n{open(self.log.name).read()}")
            if subprocess.run(self.prefix + [os.path.join(self.bindir, "pg_isready"), "-q", "-h", self.workdir],
                              capture_output=True).returncode == 0:
                return
            time.sleep(0.1)
        raise SystemExit(f"postgres did not start:\n{open(self.log.name).read()}")

    def psql(self, script):
        return self.run("psql", "-X", "-q", "-At", "-h", self.workdir, "-U", "postgres", "-d", "postgres",
                        stdin=script, check=False)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=60)
        if self.log:
            self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def hidden_spellings(server, rows):
    """Which HIDDEN_CANDIDATES each settable enum GUC accepts beyond its listed values."""
    probes = []
    for name, context, vartype, *_, enumvals in rows:
        if vartype != "enum" or context == "internal":
            continue
        listed = {value.lower() for value in enumvals}
        probes += [(name, value) for value in HIDDEN_CANDIDATES if value not in listed]
    script = "".join(f"ALTER SYSTEM SET {name} = '{value}';\n\\echo probe|{name}|{value}|:ERROR\n"
                      for name, value in probes)
    accepted = {}
    for line in server.psql(script).splitlines():
        fields = line.split("|")
        if fields[0] == "probe" and fields[3] == "false":
            accepted.setdefault(fields[1], []).append(fields[2])
    return accepted


def read_server(major, bindir, run_as):
    server = Server(bindir, run_as)
    try:
        preload = server.preloadable()
        server.start(preload)
        rows = json.loads(server.psql(SETTINGS_QUERY))
        aliases = hidden_spellings(server, rows)
        version = server.version()
    finally:
        server.stop()
    if not version.startswith(f"{major}."):
        raise SystemExit(f"{bindir} is PostgreSQL {version}, not {major}")
    settings = {}
    for name, context, vartype, unit, minimum, maximum, enumvals in rows:
        settings[name] = (name, context, vartype, unit, minimum, maximum, enumvals, aliases.get(name, []))
    return version, settings, preload


def complete_build_enums(settings):
    for name, full in FULL_BUILD_ENUMS.items():
        if name not in settings:
            continue
        row = settings[name]
        remaining = iter(full)
        if not all(value in remaining for value in row[6]):
            raise SystemExit(f"{name}: server lists {row[6]}, not a subsequence of {full}")
        settings[name] = row[:6] + (list(full),) + row[7:]


def add_extensions(major, settings, preload):
    loaded = {name for library in preload for name, *_ in LIBRARIES[library]}
    for name, row in extension_gucs(major).items():
        expected = row[:6] + (list(row[6]), list(row[7]))
        if name in loaded and settings.get(name) != expected:
            raise SystemExit(f"PostgreSQL {major}: extension_gucs.py says {expected}, the server {settings.get(name)}")
        settings[name] = expected


def line(row):
    name, context, vartype, unit, minimum, maximum, enumvals, aliases = row
    for value in [*row[:6], *enumvals, *aliases]:
        if any(separator in value for separator in "|,\n\"\\"):
            raise SystemExit(f"{name}: {value!r} contains a separator")
    return "|".join([name, context, vartype, unit, minimum, maximum, ",".join(enumvals), ",".join(aliases)])


def swift_file(catalogs):
    majors = sorted(catalogs)
    sources = "\n".join(f"//   {major}: PostgreSQL {version} ({description}, {len(settings)} settings)"
                        for major, (version, description, settings) in sorted(catalogs.items()))
    cases = "\n".join(f"        case {major}: PG{major}.table" for major in majors)
    tables = []
    for major in majors:
        _, _, settings = catalogs[major]
        body = "\n".join("            " + line(settings[name]) for name in sorted(settings))
        tables.append(f"""    private enum PG{major} {{
        static let table = GUCCatalog.Table(\"\"\"
{body}
            \"\"\")
    }}""")
    return f"""// GENERATED by Scripts/guc-catalog/generate.sh; do not edit by hand.
//
// pg_settings of real servers, hidden enum spellings they accept, and the GUCs of pg_stat_statements, auto_explain,
// pgaudit and pg_failover_slots (Scripts/guc-catalog/extension_gucs.py):
{sources}
//
// One line per setting: name|context|type|unit|min|max|enum values|hidden enum spellings.

extension GUCCatalog {{
    /// The PostgreSQL major versions the catalog describes.
    public static let supportedMajors = [{", ".join(map(str, majors))}]

    static func table(forMajor major: Int) -> Table? {{
        switch major {{
{cases}
        default: nil
        }}
    }}

{chr(10).join(tables)}
}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", required=True)
    parser.add_argument("--run-as", help="unprivileged user to run the servers as (needed when root)")
    parser.add_argument("--server", action="append", required=True, metavar="MAJOR=BINDIR=DESCRIPTION")
    arguments = parser.parse_args()
    catalogs = {}
    for spec in arguments.server:
        major, bindir, description = spec.split("=", 2)
        major = int(major)
        version, settings, preload = read_server(major, bindir, arguments.run_as)
        complete_build_enums(settings)
        add_extensions(major, settings, preload)
        catalogs[major] = (version, description, settings)
        print(f"PostgreSQL {version}: {len(settings)} settings (preloaded: {', '.join(preload) or 'none'})",
              file=sys.stderr)
    with open(arguments.output, "w") as output:
        output.write(swift_file(catalogs))


if __name__ == "__main__":
    main()
