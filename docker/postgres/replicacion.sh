#!/bin/sh
# First start of `db` only (docker-entrypoint-initdb.d): the role the streaming replica of the `escala`
# profile copies and follows the primary with. Nothing happens without POSTGRES_REPLICACION_PASSWORD.
# The image sources this file: no `exit` here. An existing volume: see docs/escala.md.
set -eu
if [ -n "${POSTGRES_REPLICACION_PASSWORD:-}" ]; then
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v clave="$POSTGRES_REPLICACION_PASSWORD" <<'SQL'
CREATE ROLE replicador WITH REPLICATION LOGIN PASSWORD :'clave';
SQL
  echo "host replication replicador all scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
