# nhacviec: slim image, non-root user, database on a volume at /data.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATABASE_PATH=/data/nhacviec.sqlite3 \
    AGENCIES_FILE=/app/config/agencies.example.toml

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY config ./config
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin nhacviec \
    && mkdir -p /data && chown nhacviec /data

USER nhacviec
VOLUME ["/data"]
CMD ["python", "-m", "bot"]
