"""Settings: one frozen Struct read from VOICE_* environment variables. Defaults run the demo."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
from msgspec import Meta

PACKAGE_DIR = Path(__file__).parent.parent
REPO_DIR = PACKAGE_DIR.parent.parent


IN_WHEEL = {"surveys": "example_surveys"}
"""Where a folder of the checkout is inside an installed wheel, when not under its own name (the package
voice.surveys is the code that reads survey files; the example files go beside it)."""


def resource_dir(name: str) -> Path:
    """`static/`, `surveys/` or `training/`: inside an installed wheel, else at the top of the checkout."""
    inside = PACKAGE_DIR / IN_WHEEL.get(name, name)
    return inside if inside.is_dir() else REPO_DIR / name


PUBLIC_URL_PATTERN = r"^(https?://[^/?#@\s\\]+)?$"
"""http(s)://host[:port] and nothing else: no path, no trailing slash, no user name before an @."""


class Settings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    db_path: str = ".voice/voice.db"
    """VOICE_DB_PATH: the SQLite file that holds everything."""
    surveys_dir: str = str(resource_dir("surveys"))
    """VOICE_SURVEYS_DIR: the folder of survey files (*.yaml)."""
    static_dir: str = str(resource_dir("static"))
    """VOICE_STATIC_DIR: CSS, JavaScript and icons."""
    host: str = "127.0.0.1"
    """VOICE_HOST: the address `voice serve` listens on."""
    port: Annotated[int, Meta(ge=1, le=65535)] = 8000
    """VOICE_PORT: the port `voice serve` listens on."""
    secret: str = ""
    """VOICE_SECRET: signs form tokens; shared by every worker. Empty: one is made and kept beside the database."""
    secure_cookies: bool = False
    """VOICE_SECURE_COOKIES: send cookies only over HTTPS (turn on in production)."""
    draft_hours: Annotated[int, Meta(ge=20, le=72)] = 24
    """VOICE_DRAFT_HOURS: how long unfinished answers are kept (at least 20 hours, WCAG 2.2.1)."""
    max_body_bytes: Annotated[int, Meta(ge=10_000, le=10_000_000)] = 256_000
    """VOICE_MAX_BODY_BYTES: the largest request body accepted (larger gets a 413)."""
    min_group_size: Annotated[int, Meta(ge=2, le=50)] = 5
    """VOICE_MIN_GROUP_SIZE: groups smaller than this are hidden in every summary."""
    asked_again_weeks: int = 12
    """VOICE_ASKED_AGAIN_WEEKS: a survey open now, put to a group that answered about the same topics within
    this many weeks, is named on the staff page "Who was asked what, when" with what was done since."""
    redact_terms_file: str = ""
    """VOICE_REDACT_TERMS_FILE: YAML lists of the partnership's own words to redact (`terms:` schools, places,
    workers) and to keep as written (`keep:` its own and services' names)."""
    taxonomy_file: str = ""
    """VOICE_TAXONOMY_FILE: the partnership's own topic taxonomy (YAML); empty uses the shipped one."""
    model_file: str = ""
    """VOICE_MODEL_FILE: the reader's model, retrained by `voice train --db` from this partnership's own
    corrections and flag decisions; empty uses `reader.npz` beside the database if there is one, else the
    model that ships."""
    flag_threshold: Annotated[float, Meta(ge=0, le=1)] = 0.0
    """VOICE_FLAG_THRESHOLD: the model's score (0 to 1) from which an answer is a safeguarding flag, at the top of
    the lead's queue (0: the model's own, chosen in training for precision; see its card). Lower puts more
    answers in the urgent list, more of them false alarms; higher makes the urgent list shorter and moves the
    rest to "worth a look"."""
    look_threshold: Annotated[float, Meta(ge=0, le=1)] = 0.0
    """VOICE_LOOK_THRESHOLD: the model's score from which an answer is "worth a look", the second list a lead
    reads after the flags (0: the model's own, chosen in training to catch 97% of disclosures). Higher means
    fewer answers to read and more disclosures left unread; never above the flag threshold."""
    safeguarding_role: Annotated[str, Meta(min_length=1, max_length=60)] = "safeguarding lead"
    """VOICE_SAFEGUARDING_ROLE: the role every safeguarding flag is queued for."""
    submissions_per_minute: Annotated[int, Meta(ge=0, le=100_000)] = 300
    """VOICE_SUBMISSIONS_PER_MINUTE: survey form posts and API submissions allowed per address per minute (0: no limit)."""
    original_text_days: Annotated[int, Meta(ge=1, le=3650)] = 90
    """VOICE_ORIGINAL_TEXT_DAYS: how long free text is kept as typed, for safeguarding leads only."""
    contact_working_days: Annotated[int, Meta(ge=1, le=20)] = 2
    """VOICE_CONTACT_WORKING_DAYS: a young person who asks someone to talk to them is told a trained worker
    will get in touch within this many working days (England's bank holidays excluded), and the request is
    due in the safeguarding lead's queue on that day: one setting, so the promise and the due day agree."""
    contact_details_days: Annotated[int, Meta(ge=1, le=3650)] = 90
    """VOICE_CONTACT_DETAILS_DAYS: a closed request for contact keeps its name, phone or email and best time
    this many days after it was closed, then they are wiped; the record that it was handled stays."""
    answer_days: Annotated[int, Meta(ge=0, le=36_500)] = 0
    """VOICE_ANSWER_DAYS: survey answers are deleted this many days after they were sent, with their themes,
    counts, quotes and texts as typed (answers with an open safeguarding flag wait for it to be closed).
    0 keeps them."""
    public_url: Annotated[str, Meta(pattern=PUBLIC_URL_PATTERN)] = ""
    """VOICE_PUBLIC_URL: the address the service is reached at (like https://voice.example.org, no trailing
    slash), the only thing every full link the service makes is built from (invitations and password resets,
    on the staff pages and from `voice user`); staff pages refuse a request made to any other host. Empty:
    the staff pages take any host, and show a link's path alone."""
    trusted_proxies: Annotated[str, Meta(pattern=r"^[0-9a-fA-F.:/, ]*$", max_length=1000)] = ""
    """VOICE_TRUSTED_PROXIES: the addresses (comma-separated, like 127.0.0.1 or 10.0.0.5) of a reverse proxy
    in front of `voice serve` whose X-Forwarded-For and X-Forwarded-Proto headers are believed. Empty (the
    default): none are, from anywhere, so no visitor can choose the address the rate limit counts against."""
    purge_every_seconds: Annotated[int, Meta(ge=0, le=604_800)] = 3600
    """VOICE_PURGE_EVERY_SECONDS: while serving, how often expired unfinished answers, texts as typed past
    their time and old staff sessions are deleted (0: only when the service starts and by `voice purge`)."""

    read_within_seconds: Annotated[int, Meta(ge=1, le=86_400)] = 30
    """VOICE_READ_WITHIN_SECONDS: answers sent while the service is busy are read (redacted, checked for
    safeguarding signs, themed) in its next quiet moment, and once any have waited this long, busy or not."""
    read_every_seconds: Annotated[float, Meta(gt=0, le=3600)] = 1.0
    """VOICE_READ_EVERY_SECONDS: how often each worker looks for answers waiting to be read."""
    timezone: Annotated[str, Meta(min_length=1, max_length=60)] = "Europe/London"
    """VOICE_TIMEZONE: the partnership's clock (an IANA name, like Europe/London): the day an answer is
    stored under, and the days a survey opens and closes, are its days, in summer time too."""
    wal_limit_mb: Annotated[int, Meta(ge=1, le=100_000)] = 64
    """VOICE_WAL_LIMIT_MB: the database's write-ahead log (the `-wal` file beside it) is kept under this
    size however long answers keep coming: once it passes a quarter of it, the service copies it into the
    database and empties it, holding new writes back for that moment."""

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ValueError, ZoneInfoNotFoundError):
            raise ValueError(f"no such time zone {self.timezone!r}: give an IANA name, like Europe/London") from None

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(
            f"{f}={'***' if f == 'secret' else repr(getattr(self, f))}" for f in self.__struct_fields__
        ) + ")"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            name: env[f"VOICE_{name.upper()}"] for name in cls.__struct_fields__ if f"VOICE_{name.upper()}" in env
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return msgspec.convert(values, cls, strict=False)


class SettingsError(Exception):
    pass


HINTS = {"public_url": "give the address the service is reached at, like https://voice.example.org "
                       "(http or https, the host and maybe a port: no path, no trailing slash)"}
"""What to write, for a setting whose own error message (a regular expression) would not say."""


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings.from_env(**overrides)
    except msgspec.ValidationError as exc:
        message, _, where = str(exc).partition(" - at `$.")
        field = where.rstrip("`")
        if not where and "time zone" in message:  # __post_init__'s own check names no field
            field, where = "timezone", "timezone"
        name = f"VOICE_{field.upper()}" if where else "settings"
        raise SettingsError(f"{name}: {HINTS.get(field, message)}") from None

