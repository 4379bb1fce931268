# job-agent: one image for every role (bot, worker, beat, flower, migrate); the command picks the role.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    JOB_AGENT_DATA_DIR=/data \
    LOG_FORMAT=json

WORKDIR /app

# Dependencies first, so a code change does not reinstall them (.dockerignore keeps var/, .git and tests out).
COPY pyproject.toml README.md ./
COPY config ./config
COPY domain ./domain
COPY storage ./storage
COPY delivery ./delivery
COPY pipeline ./pipeline
COPY services ./services
COPY tasks ./tasks
COPY bot ./bot
COPY i18n ./i18n
RUN pip install .

# Never run as root; /data (uploads, documents, beat schedule) is the one writable place.
RUN useradd --create-home --uid 10001 jobagent \
    && mkdir -p /data \
    && chown jobagent:jobagent /data
USER jobagent
# The GeoNames place index (domain/cv/place_index.py), built once here instead of at each container's first look-up.
RUN python -m domain.cv.place_index
VOLUME ["/data"]

EXPOSE 8000 5555
CMD ["job-agent", "serve"]
