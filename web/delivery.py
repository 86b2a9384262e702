"""The digest's one point of contact with the alert channels: one ``make_channel(...).send(payload, key)``
per channel, with an alert-shaped payload (the day's events as the article list, so chat channels show
headlines with links) that also carries the full digest (``digest_text`` / ``digest_html``) for
channels that can use it. The key is stable per date and channel (receivers can drop repeats)."""

from __future__ import annotations

from typing import Any

from newsmon.core.config import Config


def digest_payload(msg, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"rule": "daily-digest", "event_id": 0, "title": msg.subject, "first_seen": msg.day + " 00:00",
            "member_count": msg.summary.get("articles", 0), "outlet_count": 0, "languages": [],
            "countries": msg.summary.get("countries", []), "canonical_url": None, "outlets": [],
            "articles": events, "kind": "digest", "date": msg.day, "digest_text": msg.text, "digest_html": msg.html,
            "summary": {k: v for k, v in msg.summary.items() if k != "event_list"}}


def deliverer(cfg: Config):
    """deliver(channel, message) through the alert channels; raises when the channel did not take it."""
    from newsmon.alerts.channels import make_channel

    def deliver(channel: str, msg) -> None:
        events = [{"source": e.get("group", ""), "title": e["title"], "url": e.get("canonical_url")}
                  for e in msg.summary.get("event_list", [])[:15]]
        make_channel(channel, cfg.channels).send(digest_payload(msg, events), f"newsmon-digest-{msg.day}-{channel}")

    return deliver
