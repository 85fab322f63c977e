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
    """VOICE_SECURE_COOKIES: send cookies only over HTTPS (turn on in production; on anyway when VOICE_PUBLIC_URL is https)."""
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
    helplines_file: str = ""
    """VOICE_HELPLINES_FILE: the area's own helplines and services, kept in answers as written beside those that
    ship (src/voice/data/helplines.txt, whose form it has: one service a line, its names, a bar, its numbers)."""
    taxonomy_file: str = ""
    """VOICE_TAXONOMY_FILE: the partnership's own topic taxonomy (YAML); empty uses the shipped one."""
    partnership_file: str = ""
    """VOICE_PARTNERSHIP_FILE: whose "you said, we did" it is (YAML: name, logo, web addresses, contact), shown
    on every page and file of the report; empty uses the demo's neutral one (src/voice/data/partnership.yaml)."""
    model_file: str = ""
    """VOICE_MODEL_FILE: the reader's model, retrained by `voice train --db` from this partnership's own
    corrections and flag decisions; empty uses `reader.npz` beside the database if there is one, else the
    model that ships."""
    flag_threshold: Annotated[float, Meta(ge=0, le=1)] = 0.0
    """VOICE_FLAG_THRESHOLD: the model's score (0 to 1) from which an answer is a safeguarding flag, at the top of
    the lead's queue (0: the model's own, chosen in training so that at most 1% of the answers that are not
    disclosures are flags; see its card). Lower puts more
    answers in the urgent list, more of them false alarms; higher makes the urgent list shorter and moves the
    rest to "worth a look"."""
    look_threshold: Annotated[float, Meta(ge=0, le=1)] = 0.0
    """VOICE_LOOK_THRESHOLD: the model's score from which an answer is "worth a look", the second list a lead
    reads after the flags (0: the model's own, chosen in training so that at most 7% of the answers that are not
    disclosures reach either list, weighed as a real survey is made up: see docs/settings.md). Higher means
    fewer answers to read and more disclosures left unread; never above the flag threshold."""
    close_reader: bool = True
    """VOICE_CLOSE_READER: whether the close reader (a small language model that reads word order) reads again
    the answers worth a look, making flags of those it is sure of. Off (0), the reading step is about half
    as fast again and those answers stay worth a look (docs/reader.md has both figures)."""
    close_floor: Annotated[float, Meta(ge=0, le=1)] | None = None
    """VOICE_CLOSE_FLOOR: the close reader (a small language model that reads word order) reads again the answers
    worth a look, and the answers in neither list whose first reading scored at least this, putting those it
    reads as a disclosure (whole, or in one part of a long answer) in "worth a look". Unset: the close
    reader's own (0.15, chosen on development sets: docs/reader.md). 1: only the answers worth a look, which
    is faster and catches fewer disclosures written in unexpected words."""
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

    smtp_url: Annotated[str, Meta(pattern=r"^(smtps?://\S+)?$", max_length=1000)] = ""
    """VOICE_SMTP_URL: the mail server that tells staff what is waiting, like smtp://user:password@host:587
    (STARTTLS, which it must offer before a password is sent to any host but this machine) or
    smtps://user:password@host:465 (TLS from the start). Empty, with no GOV.UK Notify key: no emails."""
    mail_from: Annotated[str, Meta(max_length=254)] = ""
    """VOICE_MAIL_FROM: the address emails come from, like voice@partnership.example.org."""
    notify_api_key: Annotated[str, Meta(max_length=200)] = ""
    """VOICE_NOTIFY_API_KEY: send emails through GOV.UK Notify instead of a mail server (a key from its
    "API integration" page); used when set, in place of VOICE_SMTP_URL."""
    notify_template_id: Annotated[str, Meta(max_length=100)] = ""
    """VOICE_NOTIFY_TEMPLATE_ID: the Notify email template to send with: its subject `((subject))` and its
    message `((body))`, nothing else."""
    notify_base_url: Annotated[str, Meta(pattern=r"^https?://\S+$")] = "https://api.notifications.service.gov.uk"
    """VOICE_NOTIFY_BASE_URL: GOV.UK Notify's address (change it only to test against a stand-in)."""
    mail_every_seconds: Annotated[float, Meta(gt=0, le=3600)] = 2.0
    """VOICE_MAIL_EVERY_SECONDS: how often the service looks for new requests for contact and flags to
    tell the safeguarding leads about, and sends what is waiting to be sent."""
    digest_hour: Annotated[int, Meta(ge=0, le=23)] = 8
    """VOICE_DIGEST_HOUR: the hour of the morning (in VOICE_TIMEZONE) from which the day's digest
    ("worth a look", "needs a person to read") and the reminder of overdue requests for contact are sent."""

    backup_dir: str = ""
    """VOICE_BACKUP_DIR: the folder `voice backup` writes dated copies into when given no file (empty: a
    `backups` folder beside the database)."""
    backup_keep: Annotated[int, Meta(ge=1, le=10_000)] = 14
    """VOICE_BACKUP_KEEP: how many of the newest dated copies `voice backup` keeps in that folder; older
    ones are deleted once a new copy has passed its check."""
    metrics: bool = False
    """VOICE_METRICS: serve /metrics (Prometheus text format) for monitoring: counts and times only, never
    anyone's words, receipts or names. Off by default; on, it answers only with the token or from the
    addresses below."""
    metrics_token: Annotated[str, Meta(max_length=200)] = ""
    """VOICE_METRICS_TOKEN: the bearer token a scraper must send (`Authorization: Bearer ...`)."""
    metrics_allow: Annotated[str, Meta(pattern=r"^[0-9a-fA-F.:/, ]*$", max_length=1000)] = ""
    """VOICE_METRICS_ALLOW: the addresses (comma-separated, networks like 10.0.0.0/8 too) /metrics answers
    without a token. Empty: the token only. Behind a proxy on this machine, never list 127.0.0.1: every
    visitor would come from it."""

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
        return (
            "Settings("
            + ", ".join(f"{f}={'***' if f == 'secret' else repr(getattr(self, f))}" for f in self.__struct_fields__)
            + ")"
        )

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


HINTS = {
    "public_url": "give the address the service is reached at, like https://voice.example.org "
    "(http or https, the host and maybe a port: no path, no trailing slash)",
    "smtp_url": "give the mail server as smtp://user:password@host:587 (STARTTLS) or "
    "smtps://user:password@host:465, with %40 for an @ in the password",
    "notify_base_url": "give GOV.UK Notify's address, like https://api.notifications.service.gov.uk",
    "metrics_allow": "give addresses or networks separated by commas, like 10.0.0.5, 10.1.0.0/16",
}
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
