"""Reading the children typed when a family is created: a name, then a date of birth if known."""

from datetime import date

from portal.plans.body import N_


class ChildLineInvalid(ValueError):
    """A line whose date of birth cannot be read."""


CHILD_LINE_HELP = N_("Enter each date of birth after a comma, like: Amira Haddad, 27/3/2017")


def parse_child_line(line: str, today: date) -> tuple[str, date | None]:
    """'Amira Haddad, 27/3/2017' -> ('Amira Haddad', date(2017, 3, 27)); the date is optional."""
    name, comma, born_text = line.rpartition(",")
    if not comma:
        return line.strip(), None
    parts = born_text.strip().replace("-", "/").replace(".", "/").split("/")
    try:
        day, month, year = (int(part) for part in parts)
        born = date(year, month, day)
    except (ValueError, OverflowError) as error:  # OverflowError: a day of 99999999999999999999
        raise ChildLineInvalid(line) from error
    if not name.strip() or born > today or born.year < today.year - 25:
        raise ChildLineInvalid(line)
    return name.strip(), born


def parse_children(text: str, today: date) -> list[tuple[str, date | None]]:
    """Every non-empty line of the children box, read with parse_child_line."""
    return [parse_child_line(line, today) for line in text.splitlines() if line.strip()]
