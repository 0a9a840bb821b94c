#!/bin/sh
# Start the web container: static files, migrations (idempotent; roles are synced after migrate), gunicorn.
set -eu
python manage.py collectstatic --noinput --verbosity 0
python manage.py migrate --noinput
exec gunicorn sirc.wsgi:application \
  --bind 0.0.0.0:8000 \
  --workers "${WEB_CONCURRENCY:-3}" \
  --timeout 60 \
  --forwarded-allow-ips "*" \
  --access-logfile - \
  --error-logfile -
