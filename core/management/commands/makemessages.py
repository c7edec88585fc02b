from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """makemessages without msgmerge's fuzzy guesses: a new string stays
    untranslated (and fails the catalogue test) instead of borrowing the
    translation of a similar-looking one."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
