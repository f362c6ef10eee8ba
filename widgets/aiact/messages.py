"""Swedish messages the AI Act model gives back for answers it cannot use (shown beside the control)."""

UNKNOWN_QUESTION = "Okänd fråga: {question}."
NO_CHOICE = "Välj ett alternativ."
ONE_CHOICE = "Välj bara ett alternativ."
UNKNOWN_OPTION = "Okänt alternativ: {option}."
NONE_EXCLUSIVE = "”{none}” kan inte väljas tillsammans med andra alternativ."
UNANSWERED = "Svara på frågan ”{step}” först."
UNKNOWN_LEVEL = "Okänd risknivå: {level}."
