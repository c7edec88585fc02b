from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def url_names(
    patterns: list[URLPattern | URLResolver] | None = None, namespace: str = ""
) -> Iterator[str]:
    """Every URL pattern of the project as `namespace:name` (or its route)."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from url_names(pattern.url_patterns, inner)
        else:
            name = pattern.name or str(pattern.pattern)
            yield f"{namespace}:{name}" if namespace else name
