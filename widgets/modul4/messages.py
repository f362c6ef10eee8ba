"""Swedish words the module 4 models give back (feedback and errors shown beside a control)."""

# Personas: where does the persona drop out?
DROPOUT_RIGHT = "Rätt! {name} kommer inte vidare vid steget ”{step}”: {note}"
DROPOUT_EARLIER = "{name} kommer aldrig så långt – titta på ett tidigare steg."
DROPOUT_LATER = "{name} klarar steget ”{step}” – titta på ett senare steg."
COMPLETES_RIGHT = "Rätt! {name} tar sig igenom hela tjänsten, även om en del steg är svåra."
COMPLETES_WRONG = "{name} tar sig faktiskt igenom hela tjänsten. Vilka steg var ändå svåra?"
NOT_COMPLETES = "{name} kommer inte igenom hela tjänsten – leta efter steget där det tar stopp."
UNKNOWN_STEP = "Okänt steg: {step}."
UNKNOWN_PERSONA = "Okänd person: {persona}."
UNKNOWN_HELP = "Okänd hjälpinsats: {help}."
NO_HELP = "Välj minst en hjälpinsats."
HELP_ALL_FOUND = "Du hittade alla hjälpinsatser som fungerar för {name}."
HELP_MISSED = "Det finns fler som skulle fungera för {name}: {missed}."
HELP_NOT_RATED = "Den här hjälpinsatsen är inte bedömd för {name}."

# Inclusion checklist
UNKNOWN_ITEM = "Okänd fråga i checklistan: {item}."
UNKNOWN_ANSWER = "Okänt svar: {answer}. Välj ett av: {known}."
