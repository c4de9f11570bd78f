"""Who the children are: date of birth, sex, ethnicity, UPN, disabilities."""

import random
from datetime import date

from csc_tools.synthetic.records import Child

# DfE ethnicity codes, weighted roughly as children in need in England.
ETHNICITIES = [("WBRI", 62), ("WIRI", 1), ("WOTH", 6), ("WIRT", 0.5), ("WROM", 1), ("MWBC", 3),
               ("MWBA", 1.5), ("MWAS", 1), ("MOTH", 3), ("AIND", 2), ("APKN", 3), ("ABAN", 1),
               ("AOTH", 1.5), ("BCRB", 1.5), ("BAFR", 4), ("BOTH", 1), ("CHNE", 0.5), ("OOTH", 3),
               ("REFU", 1), ("NOBT", 2.5)]
DISABILITIES = ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"]
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    codes, weights = zip(*weighted)
    return rng.choices(codes, weights)[0]


class People:
    """Makes children one at a time, numbering them in the order they were made."""

    def __init__(self, rng: random.Random, la_code: str):
        self.rng = rng
        self.la_code = la_code
        self.children: list[Child] = []

    def new_child(self, dob: date, disabled_share: float = 0.08) -> Child:
        rng = self.rng
        disabled = rng.random() < disabled_share
        disabilities = tuple(sorted(rng.sample(DISABILITIES, rng.choice((1, 1, 2))))) if disabled else ("NONE",)
        upn = rng.choice(_UPN_LETTERS) + self.la_code + f"{rng.randrange(10**9):09d}"
        child = Child(key=len(self.children), dob=dob, sex=rng.choice("12"), ethnicity=pick(rng, ETHNICITIES),
                      upn=upn, disabilities=disabilities)
        self.children.append(child)
        return child

    def assign_ids(self) -> None:
        """Council ids in order of first contact, so older cases have lower numbers."""
        ordered = sorted((c for c in self.children if c.referrals or c.episodes),
                         key=lambda c: (c.first_contact, c.key))
        for n, child in enumerate(ordered, start=1):
            child.child_id = str(100_000 + n)
