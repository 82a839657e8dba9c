"""Webhooks: civic apps subscribe to events of the record and receive JSON
signed after Standard Webhooks (id, timestamp and body) at their URL, through
the SSRF guard. Deliveries are an outbox written in the change's transaction."""
