"""Domain values that travel as JSON (stored on records, sent to the API) and come back."""
from __future__ import annotations

from dataclasses import asdict
from typing import Self


class StoredAsDict:
    """Mixin for dataclasses: ``to_dict`` for JSON columns, ``from_dict`` that ignores unknown keys.

    Unknown keys are dropped so that rows written by a newer version still load in an older one.
    """

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Self:
        return cls(**{key: value for key, value in data.items() if key in cls.__dataclass_fields__})
