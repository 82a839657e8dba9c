"""Outbound HTTP that cannot be pointed at internal addresses (SSRF guard),
shared by URL ingestion, feed polling and webhook deliveries."""
