# Polish: long dates with the month's name in the genitive ("1 września 2027"),
# short ones with dots ("01.09.2027") — Django's own short format uses hyphens,
# which Polish texts do not.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a space that never breaks a number across lines
NUMBER_GROUPING = 3
