"""Live polls on the course hub: the panel that shows a participant an open poll (:mod:`.panel`), the "Delta"
page (:mod:`.delta`) and the results drawn for participants and the teacher (:mod:`.results`)."""
