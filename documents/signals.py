"""What documents tells the apps above it, which it cannot import (the stack runs
documents < pdfs): pdfs makes the PDF of every numbered version.

Sent by documents' services inside the action's transaction; each app connects its
receivers in its `AppConfig.ready()`. A receiver that fails undoes the action.
"""

from django.dispatch import Signal

# Sent with `version` (a DocumentVersion, its `document` locked) when a numbered
# version is made: saved by the authors, made at a submission or at a publication
# without one, or restored. pdfs asks for its PDF (with the draft mark, unless the
# version is already the published one).
version_made = Signal()

# Sent with `version` when it becomes the document's published version: pdfs asks
# for its final PDF, without the draft mark.
version_published = Signal()
