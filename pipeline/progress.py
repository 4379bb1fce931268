"""The progress callback every work function receives."""
from collections.abc import Callable

# progress(percent 0-100, stage) where stage is a key of bot.core.texts.STAGES ("reading", "searching", ...)
Progress = Callable[[int, str], None]
