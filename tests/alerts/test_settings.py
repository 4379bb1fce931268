"""A typo in an alert setting stops the start with the setting's name, and values are normalised."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from config import Settings


def test_alert_settings_are_read_as_people_write_them(tmp_path):
    settings = Settings(_env_file=None, job_agent_data_dir=tmp_path, alerts_default_time="7:30",
                        alerts_default_timezone="europe/berlin", alerts_quiet_hours="off")
    assert (settings.alerts_default_time, settings.alerts_default_timezone, settings.alerts_quiet_hours) == (
        "07:30", "Europe/Berlin", "")


@pytest.mark.parametrize("name,value", [("alerts_default_time", "25:00"), ("alerts_default_timezone", "Mars/Base"),
                                        ("alerts_quiet_hours", "late"), ("alerts_check_seconds", 0),
                                        ("follow_up_days", 0), ("follow_up_check_seconds", -1)])
def test_an_unusable_alert_setting_is_refused_by_name(tmp_path, name, value):
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None, job_agent_data_dir=tmp_path, **{name: value})
    assert refused.value.errors()[0]["loc"] == (name,)
