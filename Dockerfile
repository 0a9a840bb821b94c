# SIRC production image: one image for web (gunicorn), the Celery worker and Celery beat.
# Build and run with docker-compose.yml (see README.md, "Producción").
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 1000 sirc
WORKDIR /app

# Dependencies first (their layer is reused while pyproject.toml does not change).
# pyproject.toml declares no packages: `pip install .` installs only the dependencies; the code runs from /app.
COPY pyproject.toml README.md ./
RUN pip install .

COPY --chown=sirc:sirc . .
RUN mkdir -p /app/staticfiles /app/var/media && chown -R sirc:sirc /app/staticfiles /app/var

USER sirc
EXPOSE 8000

# web: collect static files and migrate at start, then serve with gunicorn (docker-compose.yml runs
# the worker and beat from this same image with their own command).
CMD ["sh", "docker/iniciar-web.sh"]
