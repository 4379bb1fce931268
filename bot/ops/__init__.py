"""Operations: readiness, admin statistics, Prometheus metrics, structured logs.

Kept import-light: workers import ``bot.ops.logs`` without pulling in the web app.
"""
