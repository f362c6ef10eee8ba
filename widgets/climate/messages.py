"""The klimatkalkyl's Swedish messages (one place for the words)."""

NOT_A_NUMBER = "Ange {what} som ett tal."
AT_LEAST = "{what} måste vara minst {low}."
ABOVE = "{what} måste vara större än {low}."
AT_MOST = "{what} får vara högst {high}."
UNKNOWN_CHOICE = "”{value}” är inget känt val för {what}; välj ett av: {known}."
MORE_OCCUPANTS = "Det kan inte åka fler i varje bil än det finns deltagare ({n})."
LONGER_SHORTER = "Den längre livslängden ({longer} år) är kortare än den nuvarande ({current} år)."
WATTS_NEEDED = (
    "Ange effekten per kärna (processorns TDP delad med antalet kärnor, ur tillverkarens datablad) – "
    "utan den blir beräkningarnas energi noll."
)
DEVICE_TWICE = "Samma enhet finns två gånger – lägg ihop antalen i en rad."
PRICE_SOURCE = "Ange var priset per ton kommer ifrån – utan källa värderas miljönyttan inte i kronor."
CASE_MISSING = "Det finns ingen sparad kalkyl som heter ”{name}”."
