"""ANM citizen-service indicator pipeline."""
