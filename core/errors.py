class DomainError(Exception):
    """A change the rules refuse (not a permission problem). Its message is
    translated and meant for the person who asked for the change."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
