# Dates as campaign readers in Britain and Ireland write them: "25 November 2026".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
