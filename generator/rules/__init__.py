"""Rules: the law and the calendar. The notification period (s82), dates, the calculator's
questions and outcomes, and review dates. Pure functions of the data: no templates, no files."""
