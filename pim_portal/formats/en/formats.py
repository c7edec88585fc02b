# English: one date format on every page ("1 September 2027"), short or long, so
# that no page mixes "Sept. 1, 2027" with "09/01/2027"; times on the 24-hour clock
# as in Polish.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
