#!/bin/sh
# The one user PgBouncer knows (SIRC's), with the password of .env; then PgBouncer in the foreground.
set -eu
umask 077
printf '"%s" "%s"\n' "${POSTGRES_USER:-sirc}" "$POSTGRES_PASSWORD" > /tmp/userlist.txt
exec pgbouncer /etc/pgbouncer/pgbouncer.ini
