"""The REST API (the guide's four resources under /api/v1): routers are collected here and mounted by bot.app."""
from fastapi import APIRouter

from bot.api import discovery, jobs, matching, profiling

router = APIRouter()
for _module in (profiling, discovery, matching, jobs):
    router.include_router(_module.router)
