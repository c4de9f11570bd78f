"""Writers: what the council's systems would export on an extract date, cut at that date."""

from datetime import date


def known(day: date | None, as_at: date) -> date | None:
    """A date as the extract shows it: blank while it is still in the future."""
    return day if day is not None and day <= as_at else None


def uk(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def write_csv(path, header: str, rows: list[list[str]]) -> None:
    # Codes and dates never hold commas or quotes, so plain joining is exact CSV.
    lines = [header, *(",".join(row) for row in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")
