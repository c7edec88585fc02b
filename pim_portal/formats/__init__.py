"""How the portal shows dates and numbers in each language (FORMAT_MODULE_PATH):
display formats only — what a form field accepts (the *_INPUT_FORMATS) stays
Django's, and inputs are rendered unlocalised."""
