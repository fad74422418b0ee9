"""The tutorials\x27 data helpers."""
