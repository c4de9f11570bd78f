"""Children looked after: a care career from entry to leaving care, as SSDA903 episodes.

Each career follows one pathway: home again within months, a special guardianship or child
arrangements order after a year or two, adoption (young children), or care until 18. A new
episode starts whenever the legal status or the placement changes (RNE L, P or T), the one
before ceasing X1; the last ceases with the reason the child left care.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from csc_tools.synthetic.people import pick
from csc_tools.synthetic.records import (Adoption, AdoptionDecision, CareEpisode, CareLeaver, Child,
                                         MissingEpisode)
from csc_tools.synthetic.timeline import birthday

# Age at entry (years, as ranges), as England's children starting to be looked after.
ENTRY_AGES = [((0, 1), 20), ((1, 5), 14), ((5, 10), 16), ((10, 16), 38), ((16, 18), 12)]
CATEGORIES_OF_NEED = [("N1", 62), ("N2", 5), ("N3", 4), ("N4", 14), ("N5", 7), ("N6", 2), ("N7", 1), ("N8", 5)]
# Non-adoption pathways by age at entry: (return home, order, care until 18).
PATHWAYS = {0: (0.45, 0.35, 0.20), 5: (0.45, 0.25, 0.30), 10: (0.45, 0.07, 0.48), 16: (0.40, 0.0, 0.60)}
REVERSED_DECISIONS = 0.12
PLACE_CHANGE_REASONS = ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ",
                        "PLACE", "OTHER"]


def _placements_for(age: float) -> list[tuple[str, float]]:
    if age < 10:
        return [("U1", 10), ("U2", 8), ("U3", 22), ("U4", 25), ("U5", 10), ("U6", 20)]
    if age < 16:
        return [("U1", 6), ("U3", 10), ("U4", 22), ("U6", 30), ("K2", 22), ("R1", 3), ("Z1", 3)]
    return [("U4", 15), ("U6", 30), ("K2", 15), ("H5", 35)]


@dataclass(frozen=True)
class CarePlanner:
    """The pathway choice: `adoption_share` of under-5s enter an adoption pathway."""

    adoption_share: float


class CareCareers:
    def __init__(self, rng: random.Random, planner: CarePlanner):
        self.rng = rng
        self.planner = planner

    def entry_age_days(self) -> int:
        low, high = self.rng.choices([a for a, _ in ENTRY_AGES], [w for _, w in ENTRY_AGES])[0]
        return int(self.rng.uniform(low, high) * 365.25)

    def _placement(self, age: float, current: str | None = None) -> tuple[str, str, str]:
        rng = self.rng
        options = [(p, w) for p, w in _placements_for(age) if p != current]
        place = pick(rng, options)
        if place in ("U1", "U2", "U3"):
            provider = "PR1"
        elif place == "P1":
            provider = "PR0"
        elif place in ("H5", "R1", "Z1"):
            provider = "PR4"
        else:
            provider = "PR1" if rng.random() < (0.6 if place.startswith("U") else 0.3) else "PR4"
        urn = f"SC{rng.randrange(10**6):06d}" if place in ("K2", "R1") else ""
        return place, provider, urn

    def career(self, child: Child, entry: date) -> date:
        """Fill in the child's episodes (and adoption, missing, care leaver records); returns the date care ends."""
        rng = self.rng
        age = (entry - child.dob).days / 365.25
        eighteenth = birthday(child.dob, 18)
        child.category_of_need = pick(rng, CATEGORIES_OF_NEED) if age >= 1 else pick(rng, [("N1", 85), ("N4", 10), ("N3", 5)])

        changes: list[tuple[date, str | None, tuple | None]] = []  # (date, new legal status, new placement)
        legal_status = rng.choices(("C2", "V2", "L2"), (55, 38, 7))[0] if age < 16 else rng.choices(("V2", "C2", "J2"), (70, 25, 5))[0]
        if legal_status == "L2":  # emergency protection, then an interim care order within days
            changes.append((entry + timedelta(days=rng.randint(3, 8)), "C2", None))
        placement_until = None  # placement changes stop when placed for adoption
        if age < 5 and rng.random() < self.planner.adoption_share:
            legal_status = "C2"
            exit_date, reason, placement_until = self._adoption(child, entry, changes)
        else:
            bracket = max(b for b in PATHWAYS if b <= age)
            pathway = rng.choices(("home", "order", "long"), PATHWAYS[bracket])[0]
            if pathway == "home":
                exit_date = entry + timedelta(days=max(7, int(rng.expovariate(1 / 170))))
                reason = rng.choices(("E4A", "E4B", "E13", "E8"), (65, 10, 15, 10))[0]
            elif pathway == "order":
                exit_date = entry + timedelta(days=rng.randint(300, 1100))
                reason = rng.choices(("E41", "E45", "E46", "E47", "E48"), (30, 25, 10, 30, 5))[0]
            else:
                exit_date = eighteenth
                reason = rng.choices(("E17", "E3", "E8", "E5", "E4A"), (30, 35, 20, 5, 10))[0]
                if age >= 13 and rng.random() < 0.15:  # left before 18
                    exit_date = entry + timedelta(days=int(rng.uniform(0.3, 1.0) * (eighteenth - entry).days))
                    reason = rng.choice(("E8", "E4B", "E3", "E6"))
            if pathway in ("order", "long") and legal_status == "C2" and (exit_date - entry).days > 300:
                changes.append((entry + timedelta(days=rng.randint(180, 300)), "C1", None))
        if exit_date >= eighteenth:
            exit_date = eighteenth
            if reason not in ("E17", "E3", "E8", "E5"):
                reason = rng.choice(("E17", "E3", "E8"))
        exit_date = max(exit_date, entry + timedelta(days=1))

        # Placement moves: older children move more often.
        move_rate = (0.35 if age < 10 else 0.7) / 365.25
        moves_until = placement_until or exit_date
        t = entry + timedelta(days=int(rng.expovariate(move_rate)) + 1)
        while t < moves_until:
            changes.append((t, None, ("move",)))
            t += timedelta(days=int(rng.expovariate(move_rate)) + 14)

        self._episodes(child, entry, exit_date, reason, legal_status, changes)
        self._missing(child, entry, exit_date)
        if (child.care_leaver is None and exit_date >= birthday(child.dob, 16) and (exit_date - entry).days >= 91
                and reason not in ("E11", "E12", "E2")):
            child.care_leaver = self._care_leaver()
        return exit_date

    def _adoption(self, child: Child, entry: date, changes: list) -> tuple[date, str, date | None]:
        """Decision, placement order (LS E1), match, placement with adopters (A5/A6), adoption order.
        Returns when care ends, why, and when the child was placed with adopters (if ever)."""
        rng = self.rng
        decided = entry + timedelta(days=rng.randint(90, 330))
        order = decided + timedelta(days=rng.randint(60, 240))
        changes.append((order, "E1", None))
        if rng.random() < REVERSED_DECISIONS:
            reversed_on = max(order + timedelta(days=30), decided + timedelta(days=rng.randint(200, 700)))
            child.adoption_decision = AdoptionDecision(decided, reversed_on, rng.choice(("RD1", "RD2", "RD3", "RD4")))
            if rng.random() < 0.6:
                return reversed_on + timedelta(days=rng.randint(150, 600)), rng.choice(("E45", "E47", "E41")), None
            return birthday(child.dob, 18), rng.choice(("E17", "E3", "E8")), None
        child.adoption_decision = AdoptionDecision(decided)
        matched = order + timedelta(days=rng.randint(60, 400))
        placed = matched + timedelta(days=rng.randint(7, 60))
        by_foster_carers = rng.random() < 0.13
        changes.append((placed, None, ("A5" if by_foster_carers else "A6", rng.choice(("PR1", "PR1", "PR5")), "")))
        adopted = placed + timedelta(days=rng.randint(100, 320))
        adopters = 2 if rng.random() < 0.82 else 1
        sexes = rng.choices(("MF", "MM", "FF"), (82, 8, 10))[0] if adopters == 2 else rng.choice(("F1", "F1", "M1"))
        legal = rng.choices(("L0", "L11", "L12", "L2", "L4"), (60, 8, 8, 12, 12))[0] if adopters == 2 else "L3"
        child.adoption = Adoption(decided=decided, matched=matched, adopted=adopted, by_foster_carers=by_foster_carers,
                                  adopters=adopters, adopter_sexes=sexes, adopter_legal_status=legal)
        return adopted, "E11" if rng.random() < 0.8 else "E12", placed

    def _episodes(self, child: Child, entry: date, exit_date: date, reason: str, legal_status: str,
                  changes: list) -> None:
        rng = self.rng
        age_at = lambda d: (d - child.dob).days / 365.25  # noqa: E731
        place, provider, urn = self._placement(age_at(entry))
        current = CareEpisode(start=entry, reason_new_episode="S", legal_status=legal_status, placement=place,
                              provider=provider, urn=urn)
        episodes = [current]
        by_date: dict[date, list] = {}
        for when, ls, placement in changes:
            if entry < when < exit_date:
                by_date.setdefault(when, []).append((ls, placement))
        for when in sorted(by_date):
            new_ls, new_place = current.legal_status, None
            for ls, placement in by_date[when]:
                if ls:
                    new_ls = ls
                if placement and (new_place is None or new_place == ("move",)):
                    new_place = placement  # a real placement wins over a random move the same day
            if new_place == ("move",):
                if current.placement.startswith("A"):  # with adopters: no more moves
                    new_place = None
                else:
                    new_place = self._placement(age_at(when), current.placement)
            ls_changed = new_ls != current.legal_status
            if not ls_changed and new_place is None:
                continue
            current.end, current.reason_ceased = when, "X1"
            if new_place is not None:
                current.reason_place_change = "CARPL" if new_place[0].startswith("A") else rng.choice(PLACE_CHANGE_REASONS)
            place, provider, urn = new_place or (current.placement, current.provider, current.urn)
            rne = "T" if (ls_changed and new_place) else ("L" if ls_changed else "P")
            current = CareEpisode(start=when, reason_new_episode=rne, legal_status=new_ls, placement=place,
                                  provider=provider, urn=urn)
            episodes.append(current)
        current.end, current.reason_ceased = exit_date, reason
        child.episodes.extend(episodes)

    def _missing(self, child: Child, entry: date, exit_date: date) -> None:
        rng = self.rng
        from_date = max(entry, birthday(child.dob, 11))
        if from_date >= exit_date or rng.random() > 0.3:
            return
        rate = rng.uniform(1, 8) / 365.25
        t = from_date + timedelta(days=int(rng.expovariate(rate)))
        while t < exit_date:
            end = min(t + timedelta(days=min(int(rng.expovariate(1 / 1.5)), 20)), exit_date)
            child.missing.append(MissingEpisode("M" if rng.random() < 0.85 else "A", t, end))
            t = end + timedelta(days=1 + int(rng.expovariate(rate)))

    def _care_leaver(self) -> CareLeaver:
        rng = self.rng
        in_touch = rng.choices(("YES", "NO", "REFU", "NREQ", "RHOM", "DIED"), (88, 5, 3, 2, 1.5, 0.5))[0]
        activity = rng.choices(("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"),
                               (10, 4, 15, 5, 8, 2, 6, 3, 25, 10, 7, 5))[0]
        suitable = rng.random() < 0.88
        accommodation = rng.choice("BCDEGHKRSTUVWXYZ") + ("1" if suitable else "2")
        return CareLeaver(in_touch=in_touch, activity=activity, accommodation=accommodation)

    def short_breaks(self, child: Child, first: date, last: date) -> None:
        """A series of short breaks (V3/V4): a few nights every month or two, each its own episode."""
        rng = self.rng
        legal_status = "V3" if rng.random() < 0.8 else "V4"
        place = rng.choice(("K2", "U4", "U6"))
        provider = "PR1" if place.startswith("U") else "PR4"
        urn = f"SC{rng.randrange(10**6):06d}" if place == "K2" else ""
        t = first
        while t < last:
            end = t + timedelta(days=rng.randint(1, 4))
            child.episodes.append(CareEpisode(start=t, reason_new_episode="S", legal_status=legal_status,
                                              placement=place, provider=provider, urn=urn, end=end,
                                              reason_ceased="E4A"))
            t = end + timedelta(days=rng.randint(20, 60))
