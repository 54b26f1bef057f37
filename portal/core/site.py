"""The council's own settings (name, phone numbers, colours) from one YAML file."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from flask import Flask, current_app


@dataclass(frozen=True)
class SiteSettings:
    """Everything another council changes to re-brand the portal."""

    council_name: str
    service_name: str
    logo_text: str
    front_door_phone: str
    out_of_hours_phone: str
    contact_email: str
    address: str
    brand_colour: str
    link_colour: str
    partner_email_domains: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> object:
        return getattr(self, key) if hasattr(self, key) else self.extra[key]


REQUIRED = (
    "council_name",
    "service_name",
    "logo_text",
    "front_door_phone",
    "out_of_hours_phone",
    "contact_email",
    "address",
    "brand_colour",
    "link_colour",
)


def load_site_settings(path: str | Path) -> SiteSettings:
    """Read and check the settings file; a missing key is a clear start-up error."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise ValueError(f"{path}: missing site settings: {', '.join(missing)}")
    known = {key: data.pop(key) for key in REQUIRED}
    domains = tuple(d.lower() for d in data.pop("partner_email_domains", []) or [])
    return SiteSettings(**known, partner_email_domains=domains, extra=data)


def init_site(app: Flask) -> None:
    """Load the settings once and offer them to every template as `site`."""
    settings = load_site_settings(app.config["SITE_SETTINGS_FILE"])
    app.extensions["site"] = settings
    app.jinja_env.globals["site"] = settings


def site_settings() -> SiteSettings:
    """The current app's site settings."""
    settings: SiteSettings = current_app.extensions["site"]
    return settings
