"""Schemathesis over the published OpenAPI schema: whatever a client sends that the schema allows, or
nearly allows, the API answers without a server error, and as the schema says it will."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from tests.conftest import EXAMPLES
from voice.common.settings import Settings
from voice.web.app import create_app

_ROOT = Path(tempfile.mkdtemp(prefix="voice-schemathesis-"))
atexit.register(shutil.rmtree, _ROOT, True)
shutil.copytree(EXAMPLES, _ROOT / "surveys")
APP = create_app(
    Settings(db_path=str(_ROOT / "voice.db"), surveys_dir=str(_ROOT / "surveys"), secret="st", submissions_per_minute=0)
)
schema = schemathesis.openapi.from_asgi("/api/schema/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=60, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_word(case: schemathesis.Case) -> None:
    # Every check but one: the schema cannot say which question ids a survey has, so a body that fits
    # the schema may still be refused (422, with the reason).
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
