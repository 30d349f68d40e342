# syntax=docker/dockerfile:1
# Production image: gunicorn + whitenoise, PostgreSQL via DATABASE_URL. See README, "Docker image".
#   docker build -t pole-site .
#   docker run --rm --env-file prod.env pole-site python manage.py migrate --noinput  # release step
#   docker run -d --env-file prod.env -p 8000:8000 -v pole-media:/app/media pole-site

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------------
# Build stage: virtualenv with the pinned runtime dependencies, then the hashed static files.
# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

RUN python -m venv /opt/venv

WORKDIR /app

# Dependencies first, so editing the site's code does not reinstall them. The list comes from
# pyproject.toml [project].dependencies (runtime only, no test extras); constraints.txt pins
# everything they pull in. Every compiled dependency ships a manylinux wheel: no compiler.
COPY pyproject.toml constraints.txt ./
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        > /tmp/requirements.txt \
    && pip install --no-cache-dir -c constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

# Hashed, compressed static files (whitenoise's CompressedManifestStaticFilesStorage) into
# /app/staticfiles. Production settings refuse to load without a secret key and allowed hosts,
# so this step gets throwaway values that exist only for this command and never reach the image.
RUN DJANGO_SETTINGS_MODULE=pole_site.settings.production \
    DJANGO_SECRET_KEY=build-only-collectstatic-key-not-a-secret-never-used-at-runtime \
    DJANGO_ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput

# ---------------------------------------------------------------------------------------------
# Runtime stage: the same Python, the virtualenv and the app; no compiler, no pip cache.
# No system package is needed: psycopg[binary] bundles libpq, Pillow and pillow-heif bundle
# their image libraries, and the base image already has CA certificates and tzdata.
# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=pole_site.settings.production \
    PORT=8000 \
    MEDIA_ROOT=/app/media \
    PATH=/opt/venv/bin:$PATH

RUN groupadd --gid 1000 pole \
    && useradd --uid 1000 --gid pole --no-create-home --home-dir /app \
        --shell /usr/sbin/nologin pole

COPY --from=build /opt/venv /opt/venv
# Code and static files stay owned by root: the site cannot rewrite itself.
COPY --from=build /app /app

WORKDIR /app

# Uploaded images and documents: the only place the site writes. Created and chowned before
# VOLUME, so a new named volume starts with this owner.
RUN mkdir -p /app/media && chown pole:pole /app/media
VOLUME ["/app/media"]

# Numeric, so orchestrators can verify it is not root (runAsNonRoot) without /etc/passwd.
USER 1000:1000

EXPOSE 8000

# Liveness only: GET http://127.0.0.1:$PORT/health/, which touches neither database nor cache.
# HealthCheckMiddleware answers it before the host check and the HTTPS redirect.
# Python's urllib because the slim image has no curl; an exception exits with 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; r.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/health/', timeout=4)"]

# Migrations are a release step, never run here (README, "Docker image").
CMD ["gunicorn", "pole_site.wsgi", "-c", "gunicorn.conf.py"]
