def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet will not run as a formula (names come from the public)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
