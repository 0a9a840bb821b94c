#!/bin/sh
# `db-replica` (profile escala): on its first start it copies `db` with pg_basebackup -R (standby.signal and
# primary_conninfo written for it), then it runs as a hot standby that streams the primary's WAL.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until gosu postgres pg_basebackup -h db -U replicador -D "$PGDATA" -R -X stream -c fast; do
    echo "db-replica: el primario aún no acepta la copia; reintento en 5 s" >&2
    sleep 5
  done
fi
exec docker-entrypoint.sh postgres -c hot_standby=on
