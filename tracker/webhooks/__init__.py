"""Webhooks: civic apps subscribe to events of the record and receive signed
JSON (HMAC-SHA256 over the body) at their URL, through the SSRF guard."""
