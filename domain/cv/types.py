"""The candidate profile built from a CV."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class CandidateProfile:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    title: str | None = None
    years_experience: float | None = None
    skills: list[str] = field(default_factory=list)  # canonical names from the vocabulary
    languages: list[str] = field(default_factory=list)  # e.g. ["English", "German"]
    summary: str = ""
    text: str = ""  # the extracted CV text ("profile_text" in the API)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CandidateProfile":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
