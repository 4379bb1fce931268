"""The REST API (SPEC section 6): routers are collected here and mounted by bot.app."""
from fastapi import APIRouter

router = APIRouter()
