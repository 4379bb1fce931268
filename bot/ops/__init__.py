"""Operations: readiness, admin statistics, Prometheus metrics (structured logs live in config.logs)."""
