"""Alerts: rules over canonical events, delivered once per event through log, file, email, webhook."""
