"""The thin shared core: access rules, audit, languages, PDFs, the outbox, htmx helpers."""
