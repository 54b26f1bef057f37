"""Public information: local offers, parent pages, the service directory, search and ORUK API."""
