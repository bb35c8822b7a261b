"""Operations: backup and restore of the whole database; checks before serving."""
