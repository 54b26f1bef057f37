"""The council's settings file: everything needed, or a clear error."""

from pathlib import Path

import pytest

from portal.core.site import load_site_settings

ROOT = Path(__file__).resolve().parents[3]


def test_the_shipped_settings_load() -> None:
    settings = load_site_settings(ROOT / "content" / "site.yaml")
    assert settings.council_name == "Eastholme Borough Council"
    assert settings.front_door_phone.startswith("01632 960")
    assert "nhs.net" in settings.partner_email_domains


def test_a_missing_setting_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "site.yaml"
    broken.write_text("council_name: Somewhere\nservice_name: Help\n")
    with pytest.raises(ValueError, match="front_door_phone"):
        load_site_settings(broken)
