"""Newsroom pages (thin function views)."""
