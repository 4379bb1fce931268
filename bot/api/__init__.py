"""The REST API (the guide's four resources under /api/v1): routers are collected here and mounted by bot.app."""
from fastapi import APIRouter

from bot.api import discovery, jobs, matching, profiling, tracker

router = APIRouter()
for _module in (profiling, discovery, matching, jobs, tracker):
    router.include_router(_module.router)
