"""The policy file format `pastewarden.policy/1` (DESIGN.md §5) as pydantic models.

Rules every model shares: unknown keys are errors (typos must not silently drop a
rule), values are not coerced ("1" is not a number, 1 is not true), and keys starting
with "_" are comments (`"_note": "..."`) and ignored, so IT can annotate the file.
Regexes are compiled and checked for catastrophic backtracking here, at load time.
`python -m policy.schema` rewrites resources/policy.schema.json from these models.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from policy.regex_safety import UnsafeRegex, check_pattern

SCHEMA_ID = "pastewarden.policy/1"
CATALOG_SCHEMA_ID = "pastewarden.catalog/1"
SCHEMA_URL = "https://pastewarden.example/schema/policy-1.json"

Action = Literal["allow", "warn", "block", "block_with_override"]
Category = Literal["consumer_ai", "approved_baa", "other"]
# Dates arrive as JSON strings, so they (alone) are validated leniently.
Day = Annotated[date, Field(strict=False)]
ToolId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$", min_length=1)]
Text = Annotated[str, Field(min_length=1, max_length=200)]
_DOMAIN = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(/[^\s?#]*)?$"
ACTION_SEVERITY: dict[str, int] = {"allow": 0, "warn": 1, "block_with_override": 2, "block": 3}


def _comment_keys(schema: dict[str, Any]) -> None:
    schema.setdefault("patternProperties", {})["^_"] = {"description": "comment, ignored"}


class StrictModel(BaseModel):
    """Base: unknown keys forbidden, no type coercion, `_comment` keys dropped."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=_comment_keys
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_comment_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(k, str) and k[:1] == "_")}
        return data


def _check_regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            check_pattern(pattern)
        except UnsafeRegex as error:
            raise ValueError(f"{pattern!r}: {error}") from None
    return patterns


class ToolMatch(StrictModel):
    """How a window is recognised as this tool."""

    domains: list[Annotated[str, Field(pattern=_DOMAIN, max_length=253)]] = Field(
        default_factory=list,
        description='Hosts, subdomains included, optionally with a path prefix: "chatgpt.com",'
        ' "x.com/i/grok". Lower case, no scheme. Used when the browser URL is known.',
    )
    titles: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list,
        description="Case-insensitive regexes searched in the page title once the browser"
        ' suffix (" - Google Chrome") and profile are removed. Browsers and own apps only.',
    )
    apps: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list,
        description="The tool's own desktop app: Windows exe names (ChatGPT.exe), macOS"
        " bundle ids (com.openai.chat), Linux process names. Case-insensitive.",
    )
    browser_profiles: list[Text] = Field(
        default_factory=list,
        description="If set, the tool matches only in these browser profiles (as shown in"
        ' the window title, e.g. Edge\'s "Contoso Health"). Separates an enterprise tier'
        " from the consumer one on a shared domain.",
    )

    @field_validator("titles")
    @classmethod
    def _safe_titles(cls, value: list[str]) -> list[str]:
        return _check_regexes(value)


class Baa(StrictModel):
    """The Business Associate Agreement that makes a tool safe for PHI."""

    vendor: Text
    plan: Text
    expires: Day | None = Field(None, description="Last day covered; after it, blocked.")
    reference: Text | None = Field(None, description="Contract or document reference.")


class Tool(StrictModel):
    """One AI tool: how to recognise it and what to do when PHI is pasted into it."""

    id: ToolId
    name: Text
    category: Category
    match: ToolMatch
    action: Action | None = Field(None, description="Overrides defaults.<category>.")
    baa: Baa | None = None
    open_url: Annotated[str, Field(pattern=r"^https://\S+$")] | None = Field(
        None, description='Offered by the dialog\'s "Open the approved tool" button.'
    )


class Defaults(StrictModel):
    """Actions for tools that do not set their own, and title-reading hints."""

    consumer_ai: Action = "block"
    approved_baa: Action = Field(
        "warn", description='Set "allow" once the BAA with each approved vendor is signed.'
    )
    other: Action = "warn"
    browser_profiles: list[Text] = Field(
        default_factory=list,
        description="Your browser profile names, so titles such as"
        ' "ChatGPT - Contoso - Microsoft Edge" can be read without a URL.',
    )
    suggest_tool: ToolId | None = Field(None, description="Approved tool the dialog offers.")


class Override(StrictModel):
    """Whether staff may paste anyway after giving a reason."""

    allowed: bool = True
    reasons: list[Text] = Field(
        default_factory=lambda: [
            "Text is not PHI",
            "De-identified before pasting",
            "Patient authorised this disclosure",
            "Other (explain)",
        ]
    )
    min_chars: int = Field(20, ge=0, le=1000, description="Minimum free-text reason length.")


class CustomPattern(StrictModel):
    """A site-specific identifier, e.g. the practice's own MRN format."""

    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
    type: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{0,39}$")]
    pattern: Annotated[str, Field(min_length=1, max_length=1000)]
    score: float = Field(0.85, ge=0.0, le=1.0)
    context: list[Text] = Field(
        default_factory=list, description="If set, one of these words must be near."
    )

    @field_validator("pattern")
    @classmethod
    def _safe_pattern(cls, value: str) -> str:
        return _check_regexes([value])[0]


class Allow(StrictModel):
    """Phrases that are never patient identifiers: the practice's own details, staff."""

    terms: list[Text] = Field(default_factory=list)
    staff_names: list[Text] = Field(default_factory=list)


class Detection(StrictModel):
    """Scanner settings (mapped onto detectors.settings.ScanSettings)."""

    threshold: float = Field(0.5, ge=0.0, le=1.0)
    entities: list[Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{0,39}$")]] | None = Field(
        None, description="Identifier types to report; null = every type."
    )
    custom_patterns: list[CustomPattern] = Field(default_factory=list)
    allow: Allow = Field(default_factory=lambda: Allow.model_validate({}))


PathText = Annotated[str, Field(min_length=1, max_length=1000)]


class Syslog(StrictModel):
    """An RFC 5424 syslog receiver (SIEM) for larger sites; docs/siem.md."""

    host: Annotated[str, Field(min_length=1, max_length=253)]
    port: int | None = Field(None, ge=1, le=65535, description="Default 6514 (tls), 514 (tcp).")
    protocol: Literal["tls", "tcp"] = Field(
        "tls", description="tls: RFC 5425; tcp: plain text, RFC 6587 octet counting."
    )
    ca_file: PathText | None = Field(
        None, description="PEM CA bundle that signed the receiver's certificate; else OS store."
    )
    client_cert: PathText | None = Field(None, description="PEM client certificate (tls).")
    client_key: PathText | None = Field(None, description="PEM key of client_cert, if separate.")
    facility: int = Field(13, ge=0, le=23, description="Syslog facility; 13 is 'log audit'.")
    enterprise_number: int = Field(
        32473, ge=1, le=2**31 - 1, description="IANA enterprise number in the SD-ID."
    )

    @model_validator(mode="after")
    def _key_needs_cert(self) -> Syslog:
        if self.client_key and not self.client_cert:
            raise ValueError("client_key needs client_cert")
        return self


class Central(StrictModel):
    """Where incident records are shipped."""

    folder: Annotated[str, Field(min_length=1, max_length=1000)] | None = None
    syslog: Syslog | None = None
    local_retention_days: int = Field(
        90,
        ge=1,
        le=3650,
        description="Days a record stays on the workstation after it is confirmed central.",
    )


class Audit(StrictModel):
    """The organisation's audit key (`pastewarden audit keygen`): its public half only."""

    public_key: (
        Annotated[str, Field(pattern=r"^pwaudit1:[A-Za-z0-9_-]{86}$", max_length=95)] | None
    ) = Field(
        None,
        description="Workstations escrow their forward-sealing keys to it; the office "
        "manager's private half verifies every record and signs follow-ups.",
    )


class Agent(StrictModel):
    """The tray app on each workstation: how staff may pause protection, and its language."""

    pause_minutes: int = Field(
        15, ge=0, le=240, description="Length of one pause; 0 = pausing is not allowed."
    )
    pauses_per_day: int = Field(
        3, ge=0, le=48, description="Pauses per workstation user per local day; 0 = none."
    )
    language: Literal["auto", "en", "es"] = Field(
        "auto",
        description="Language of the tray, warning dialog, review window and audit report: "
        "auto (the workstation's language), en (English) or es (Spanish). Read at start.",
    )


class BrowserCompanion(StrictModel):
    """The browser companion extension (docs/browser.md)."""

    required: bool = Field(
        False,
        description="A browser in front without its companion connected is a degraded state.",
    )
    files: Literal["allow", "warn", "block"] = Field(
        "warn",
        description="Files dropped or attached on a guarded AI page: allow, warn (a dialog "
        "and a record) or block. File names are never recorded.",
    )


class Organization(StrictModel):
    """Who issues this policy; shown in the tray and the warning dialog."""

    name: Text
    contact: Text | None = Field(None, description="Who staff should call, e.g. IT's phone.")


class Policy(StrictModel):
    """The whole policy file."""

    schema_ref: str | None = Field(
        None, alias="$schema", description="Editor hint only (path or URL of the JSON Schema)."
    )
    schema_: Literal["pastewarden.policy/1"] = Field(alias="schema")
    version: int = Field(ge=1, le=2**53, description="Raise on every change; lower is refused.")
    not_after: Day | None = Field(None, description="Last valid day (UTC); then a warning.")
    signature_required: bool = Field(False, description="Refuse this file unless signed.")
    organization: Organization
    use_builtin_catalog: bool = Field(
        True, description="Start from the built-in AI tool catalog; tools[] replace by id."
    )
    tools: list[Tool] = Field(default_factory=list)
    defaults: Defaults = Field(default_factory=lambda: Defaults.model_validate({}))
    override: Override = Field(default_factory=lambda: Override.model_validate({}))
    detection: Detection = Field(default_factory=lambda: Detection.model_validate({}))
    central: Central = Field(default_factory=lambda: Central.model_validate({}))
    heartbeat_minutes: int = Field(60, ge=5, le=1440)
    audit: Audit = Field(default_factory=lambda: Audit.model_validate({}))
    agent: Agent = Field(default_factory=lambda: Agent.model_validate({}))
    browser_companion: BrowserCompanion = Field(
        default_factory=lambda: BrowserCompanion.model_validate({})
    )


class Catalog(StrictModel):
    """resources/ai_tools.json: the AI tools IT starts from."""

    schema_: Literal["pastewarden.catalog/1"] = Field(alias="schema")
    tools: list[Tool]


def json_schema() -> dict[str, Any]:
    """The JSON Schema IT's editor uses for completion and validation."""
    schema = Policy.model_json_schema(by_alias=True)
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL,
        "title": "PasteWarden policy (pastewarden.policy/1)",
    }
    return head | {key: value for key, value in schema.items() if key not in head}


def json_schema_text() -> str:
    """json_schema() as the exact text committed in resources/policy.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    from policy.paths import resource_path

    target = resource_path("policy.schema.json")
    target.write_text(json_schema_text(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
