"""The REST API under /api/v1 (the guide's four resources, alerts and the tracker): routers are collected
here and mounted by bot.app."""
from fastapi import APIRouter

from bot.api import alerts, discovery, jobs, matching, profiling, tracker

router = APIRouter()
for _module in (profiling, discovery, matching, jobs, alerts, tracker):
    router.include_router(_module.router)
