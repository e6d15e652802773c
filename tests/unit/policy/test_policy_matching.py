"""Window matching against the built-in catalog: a table of real-world (app, title, url).

Positive rows cover every catalog tool in at least two browsers, with Windows process
names and macOS bundle ids, desktop apps, installed web apps (PWAs) and conversation
titles that no longer carry the brand (matched by URL or by the desktop app). Negative
rows are windows that mention a tool but are not it: Outlook, Word, Teams, an EHR, a
search results page, an editor with chatgpt-notes.txt, look-alike domains.
"""

# One table row, or one expected message, per line: easier to compare with real output.
# ruff: noqa: E501

from __future__ import annotations

import json
from datetime import date

import pytest
from policy_helpers import TODAY, policy_dict

from policy.browsers import BROWSER_APPS, normalize_app
from policy.catalog import ToolCatalog, builtin_catalog
from policy.schema import Policy
from policy.validate import parse_policy

ZWSP = "\u200b"  # Edge writes "Microsoft\u200b Edge" in its window titles

# (app, title, url, expected tool id)
POSITIVE: list[tuple[str, str, str | None, str]] = [
    # ChatGPT
    ("chrome.exe", "ChatGPT - Google Chrome", None, "chatgpt"),
    ("com.google.Chrome", "ChatGPT", None, "chatgpt"),
    ("msedge.exe", f"ChatGPT - Personal - Microsoft{ZWSP} Edge", None, "chatgpt"),
    ("msedge.exe", "ChatGPT and 3 more pages - Profile 1 - Microsoft Edge", None, "chatgpt"),
    ("firefox.exe", "Dosage question — Mozilla Firefox", "https://chatgpt.com/c/6740", "chatgpt"),
    ("com.apple.Safari", "Medication list", "https://chat.openai.com/c/123", "chatgpt"),
    ("ChatGPT.exe", "ChatGPT", None, "chatgpt"),
    ("com.openai.chat", "Summarize discharge letter", None, "chatgpt"),
    ("com.google.Chrome.app.cadlkienfkclaiaibeoongdcgmdikeeg", "ChatGPT", None, "chatgpt"),
    ("google-chrome", "ChatGPT - Google Chrome", None, "chatgpt"),
    (r"C:\Program Files\Google\Chrome\Application\chrome.exe", "(2) ChatGPT", None, "chatgpt"),
    # Gemini
    ("chrome.exe", "Gemini - Google Chrome", None, "gemini"),
    ("com.microsoft.edgemac", "Google Gemini", None, "gemini"),
    ("msedge.exe", "Referral draft - Work - Microsoft Edge", "https://gemini.google.com/app/8f", "gemini"),
    ("com.google.GeminiMacOS", "Gemini", None, "gemini"),
    ("firefox", "Gemini — Mozilla Firefox", None, "gemini"),
    # Claude
    ("firefox.exe", "Claude — Mozilla Firefox", None, "claude"),
    ("org.mozilla.firefox", "Patient handout rewrite - Claude", None, "claude"),
    ("chrome.exe", "New chat - Google Chrome", "https://claude.ai/new", "claude"),
    ("claude.exe", "Claude", None, "claude"),
    ("com.anthropic.claudefordesktop", "Clinic schedule summary", None, "claude"),
    # Microsoft Copilot (consumer)
    ("msedge.exe", "Microsoft Copilot: Your AI companion - Personal - Microsoft Edge", None, "copilot"),
    ("com.google.Chrome", "Copilot", "https://copilot.microsoft.com/chats/xyz", "copilot"),
    ("mscopilot.exe", "Copilot", None, "copilot"),
    ("brave.exe", "Bing", "https://www.bing.com/chat?form=NTPCHB", "copilot"),
    ("msedge.exe", "Copilot - Work - Microsoft Edge", None, "copilot"),  # no URL: the stricter
    # Perplexity
    ("brave.exe", "Perplexity - Brave", None, "perplexity"),
    ("com.brave.Browser", "best treatment for gout | Perplexity", None, "perplexity"),
    ("vivaldi.exe", "drug interactions - Vivaldi", "https://www.perplexity.ai/search/d-1", "perplexity"),
    ("Perplexity.exe", "Perplexity", None, "perplexity"),
    ("ai.perplexity.mac", "Lab values explained", None, "perplexity"),
    # DeepSeek
    ("chrome.exe", "DeepSeek - Into the Unknown - Google Chrome", None, "deepseek"),
    ("com.operasoftware.Opera", "DeepSeek", None, "deepseek"),
    ("opera.exe", "Lab result - Opera", "https://chat.deepseek.com/a/chat/s/12", "deepseek"),
    # Meta AI
    ("msedge.exe", "Meta AI - Microsoft Edge", None, "meta-ai"),
    ("com.apple.Safari", "Meta AI", None, "meta-ai"),
    # Grok
    ("chrome.exe", "Grok - Google Chrome", None, "grok"),
    ("com.google.Chrome", "Grok / X", "https://x.com/i/grok?conversation=1", "grok"),
    ("firefox.exe", "Insurance appeal letter - Grok — Mozilla Firefox", None, "grok"),
    # Mistral Le Chat
    ("firefox.exe", "Le Chat - Mistral AI — Mozilla Firefox", None, "mistral-le-chat"),
    ("company.thebrowser.Browser", "Le Chat", "https://chat.mistral.ai/chat/ab", "mistral-le-chat"),
    # Poe
    ("chrome.exe", "Claude-3.5-Sonnet - Poe - Google Chrome", None, "poe"),
    ("com.microsoft.edgemac", "Poe", None, "poe"),
    ("Poe.exe", "Poe", None, "poe"),
    # Character.AI
    ("chrome.exe", "character.ai | Personalized AI for every moment - Google Chrome", None, "character-ai"),
    ("org.mozilla.firefox", "Chat with Nurse Helper", "https://character.ai/chat/ab", "character-ai"),
    # HuggingChat
    ("msedge.exe", "HuggingChat - Microsoft Edge", None, "huggingchat"),
    ("com.google.Chrome", "New chat", "https://huggingface.co/chat/conversation/ab", "huggingchat"),
    # You.com
    ("chrome.exe", "You.com | AI for workplace productivity - Google Chrome", None, "you-com"),
    ("com.apple.Safari", "care plan ideas", "https://you.com/search?q=care", "you-com"),
    # Pi
    ("firefox.exe", "Pi, your personal AI — Mozilla Firefox", None, "pi"),
    ("com.google.Chrome", "Pi, your personal AI", None, "pi"),
    # Microsoft 365 Copilot (work accounts) and Azure OpenAI: approved_baa examples
    ("msedge.exe", "Copilot - Work - Microsoft Edge", "https://m365.cloud.microsoft/chat/?auth=2", "m365-copilot"),
    ("com.google.Chrome", "Microsoft 365 Copilot", None, "m365-copilot"),
    ("chrome.exe", "Microsoft 365 Copilot Chat - Google Chrome", None, "m365-copilot"),
    ("msedge.exe", "Azure AI Foundry - Work - Microsoft Edge", None, "azure-openai"),
    ("com.google.Chrome", "Chat playground", "https://ai.azure.com/playground/chat", "azure-openai"),
]  # fmt: skip

# (app, title, url): windows that mention an AI tool but are not one.
NEGATIVE: list[tuple[str, str, str | None]] = [
    ("OUTLOOK.EXE", "RE: ChatGPT policy - Message (HTML)", None),
    ("com.microsoft.Outlook", "RE: ChatGPT policy", None),
    ("chrome.exe", "RE: ChatGPT policy - Jane Doe - Outlook - Google Chrome", None),
    ("WINWORD.EXE", "ChatGPT usage guidelines.docx - Word", None),
    ("ms-teams.exe", "Chat | ChatGPT rollout | Microsoft Teams", None),
    ("com.microsoft.teams2", "Claude Monet exhibit | Microsoft Teams", None),
    ("Hyperdrive.exe", "Hyperdrive - PRD - Gemini Jones, 54 y.o. F", None),
    ("chrome.exe", "athenaOne - Google Chrome", "https://athenanet.athenahealth.com/1/2/login.esp"),
    ("chrome.exe", "chatgpt - Google Search - Google Chrome", None),
    ("chrome.exe", "chatgpt - Google Search - Google Chrome", "https://www.google.com/search?q=chatgpt"),
    ("msedge.exe", "claude ai - Search - Personal - Microsoft Edge", "https://www.bing.com/search?q=claude"),
    ("msedge.exe", "weather - Search - Microsoft Edge", "https://www.bing.com/search?q=weather"),
    ("notepad.exe", "chatgpt-notes.txt - Notepad", None),
    ("Code.exe", "chatgpt-notes.txt - Visual Studio Code", None),
    ("com.apple.TextEdit", "chatgpt-notes.txt", None),
    ("chrome.exe", "chatgpt-notes.txt - Google Drive - Google Chrome", None),
    ("msedge.exe", "ChatGPT - Wikipedia - Personal - Microsoft Edge", None),
    ("firefox.exe", "OpenAI launches ChatGPT Enterprise | TechCrunch — Mozilla Firefox", None),
    ("chrome.exe", "Gemini (constellation) - Wikipedia - Google Chrome", None),
    ("chrome.exe", "Raspberry Pi - Google Chrome", None),
    ("chrome.exe", "Inbox (3) - frontdesk@clinic.example - Gmail - Google Chrome", "https://mail.google.com/mail/u/0/"),
    ("slack.exe", "ChatGPT (Channel) - Clinic - Slack", None),
    ("msedge.exe", "Home | Microsoft 365 - Work - Microsoft Edge", "https://m365.cloud.microsoft/"),
    ("chrome.exe", "Home / X - Google Chrome", "https://x.com/home"),
    ("com.google.Chrome", "bert-base-uncased · Hugging Face", "https://huggingface.co/google-bert/bert-base-uncased"),
    ("chrome.exe", "New Tab - Google Chrome", "chrome://newtab/"),
    ("chrome.exe", "ChatGPT - Google Chrome", "https://notchatgpt.com/"),
    ("chrome.exe", "Login - Google Chrome", "https://chatgpt.com.evil.example/login"),
    ("", "ChatGPT", None),  # unknown app and no browser suffix: not enough evidence
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> ToolCatalog:
    return ToolCatalog(Policy.model_validate(policy_dict()), today=TODAY)


def test_the_table_is_big_enough() -> None:
    assert len(POSITIVE) + len(NEGATIVE) >= 60
    assert len(NEGATIVE) >= 15


@pytest.mark.parametrize(("app", "title", "url", "expected"), POSITIVE)
def test_ai_tool_windows_match(
    catalog: ToolCatalog, app: str, title: str, url: str | None, expected: str
) -> None:
    matched = catalog.match(app, title, url)
    assert matched is not None, f"{app!r} {title!r} {url!r} matched nothing"
    assert matched.id == expected


@pytest.mark.parametrize(("app", "title", "url"), NEGATIVE)
def test_other_windows_do_not_match(
    catalog: ToolCatalog, app: str, title: str, url: str | None
) -> None:
    assert catalog.match(app, title, url) is None


def _family(app: str) -> str | None:
    key = normalize_app(app)
    for family, names in BROWSER_APPS.items():
        if key in names or (key.startswith("com.google.chrome.app.") and family == "chrome"):
            return family
    return None


def test_every_catalog_tool_is_covered_in_two_browsers_and_both_oses() -> None:
    shared_domain = {"chatgpt-enterprise", "claude-for-work", "gemini-workspace"}
    for tool in builtin_catalog().tools:
        if tool.id in shared_domain:
            continue  # covered with browser profiles in test_enterprise_tiers_by_profile
        rows = [row for row in POSITIVE if row[3] == tool.id]
        browsers = {_family(app) for app, *_ in rows} - {None}
        assert len(browsers) >= 2, (tool.id, browsers)
        apps = {app for app, *_ in rows if _family(app)}
        assert any(a.endswith(".exe") for a in apps), tool.id
        assert any("." in a and not a.endswith(".exe") for a in apps), tool.id


def test_matches_say_how_they_matched(catalog: ToolCatalog) -> None:
    by_url = catalog.match("chrome.exe", "x", "https://www.chatgpt.com/c/1")
    assert by_url is not None and (by_url.via, by_url.domain) == ("url", "chatgpt.com")
    by_app = catalog.match("ChatGPT.exe", "anything", None)
    assert by_app is not None and by_app.via == "app" and by_app.domain is None
    by_title = catalog.match("chrome.exe", "Claude - Google Chrome", None)
    assert by_title is not None and by_title.via == "title"


def test_builtin_policy_actions(catalog: ToolCatalog) -> None:
    consumer = catalog.match("chrome.exe", "ChatGPT - Google Chrome")
    approved = catalog.match("chrome.exe", "x", "https://m365.cloud.microsoft/chat")
    assert consumer is not None and consumer.action == "block"
    # Without IT's policy nobody has confirmed a BAA: approved tools only warn.
    assert approved is not None and approved.action == "warn"


ENTERPRISE_POLICY = policy_dict(
    tools=[
        {
            **builtin.model_dump(mode="json", by_alias=True, exclude_none=True),
            "match": {
                **builtin.match.model_dump(mode="json"),
                "browser_profiles": ["Contoso Health"],
            },
            "action": "allow",
        }
        for builtin in builtin_catalog().tools
        if builtin.id in ("chatgpt-enterprise", "claude-for-work", "gemini-workspace")
    ]
)


@pytest.mark.parametrize(
    ("app", "title", "url", "expected"),
    [
        ("msedge.exe", "ChatGPT - Contoso Health - Microsoft Edge", None, "chatgpt-enterprise"),
        ("msedge.exe", "Visit - Contoso Health - Microsoft Edge", "https://chatgpt.com/c/1", "chatgpt-enterprise"),
        ("com.microsoft.edgemac", "Referral - Contoso Health - Microsoft Edge", "https://claude.ai/chat/1", "claude-for-work"),
        ("msedge.exe", "Claude - Contoso Health - Microsoft Edge", None, "claude-for-work"),
        ("com.microsoft.edgemac", "Gemini - Contoso Health", "https://gemini.google.com/app", "gemini-workspace"),
        ("msedge.exe", "Google Gemini - Contoso Health - Microsoft Edge", None, "gemini-workspace"),
        ("msedge.exe", "ChatGPT - Personal - Microsoft Edge", None, "chatgpt"),
        ("msedge.exe", "Visit - Personal - Microsoft Edge", "https://chatgpt.com/c/1", "chatgpt"),
        ("chrome.exe", "Claude - Google Chrome", None, "claude"),
        ("com.apple.Safari", "Gemini", "https://gemini.google.com/app", "gemini"),
    ],
)  # fmt: skip
def test_enterprise_tiers_by_profile(app: str, title: str, url: str | None, expected: str) -> None:
    policy = parse_policy(json.dumps(ENTERPRISE_POLICY).encode(), "p.json", TODAY).policy
    matched = ToolCatalog(policy, today=TODAY).match(app, title, url)
    assert matched is not None and matched.id == expected
    assert matched.action == (
        "allow" if expected.endswith(("enterprise", "work", "workspace")) else "block"
    )


def test_expired_baa_falls_back_to_consumer_action() -> None:
    m365 = next(t for t in builtin_catalog().tools if t.id == "m365-copilot")
    tool = m365.model_dump(mode="json", by_alias=True, exclude_none=True)
    tool["action"] = "allow"
    tool["baa"]["expires"] = "2026-01-31"
    raw = json.dumps(policy_dict(tools=[tool])).encode()
    validated = parse_policy(raw, "p.json", TODAY)
    assert any("BAA expired on 2026-01-31" in str(w) for w in validated.warnings)
    url = "https://m365.cloud.microsoft/chat"
    expired = ToolCatalog(validated.policy, today=TODAY).match("msedge.exe", "x", url)
    current = ToolCatalog(validated.policy, today=date(2026, 1, 31)).match("msedge.exe", "x", url)
    assert expired is not None and expired.action == "block"
    assert current is not None and current.action == "allow"


def test_policy_can_switch_the_builtin_catalog_off_and_add_its_own_tool() -> None:
    own = {
        "id": "notes-ai",
        "name": "NotesAI",
        "category": "other",
        "match": {"domains": ["notes-ai.example.com"]},
    }
    raw = json.dumps(policy_dict(use_builtin_catalog=False, tools=[own])).encode()
    catalog = ToolCatalog(parse_policy(raw, "p.json", TODAY).policy, today=TODAY)
    assert catalog.match("chrome.exe", "ChatGPT - Google Chrome") is None
    matched = catalog.match("chrome.exe", "x", "https://app.notes-ai.example.com/x")
    assert matched is not None and (matched.id, matched.action) == ("notes-ai", "warn")


def test_configured_profile_names_let_titles_be_read() -> None:
    plain = ToolCatalog(Policy.model_validate(policy_dict()), today=TODAY)
    title = "ChatGPT - Riverside Clinic - Microsoft Edge"
    assert plain.match("msedge.exe", title) is None  # unknown last segment: not stripped
    named = policy_dict(defaults={"browser_profiles": ["Riverside Clinic"]})
    tuned = ToolCatalog(Policy.model_validate(named), today=TODAY)
    matched = tuned.match("msedge.exe", title)
    assert matched is not None and matched.id == "chatgpt"
