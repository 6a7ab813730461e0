"""The Django web application over the gongkai core: bodies, the calendar, and (to come) cases."""
