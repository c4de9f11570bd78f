"""Peak memory of reading a CIN census XML, at two sizes: streaming means it does not grow.

    python -m csc_tools.bench.cin_memory [children]      (default 20,000 and 200,000 children)

Each size is read in a fresh process so one size's peak does not hide the other's.
"""

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = (
    "<Child><ChildIdentifiers><LAchildID>C{i}</LAchildID><PersonBirthDate>2015-01-01</PersonBirthDate>"
    "<Sex>F</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>"
    "<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A</ReferralSource>"
    "<ReferralNFA>0</ReferralNFA><Assessments><AssessmentActualStartDate>2024-05-02</AssessmentActualStartDate>"
    "<AssessmentAuthorisationDate>2024-06-01</AssessmentAuthorisationDate></Assessments></CINdetails></Child>\n"
)


def write_return(path: Path, children: int) -> None:
    with path.open("w") as f:
        f.write("<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year>"
                "</CollectionDetails></Header><Children>\n")
        for i in range(children):
            f.write(CHILD.format(i=i))
        f.write("</Children></Message>\n")


def _measure(path: str) -> None:
    from csc_scorecard.ingest.cin_census import read_cin_census

    started = time.perf_counter()
    rows = sum(len(batch) for batch in read_cin_census(Path(path), batch_rows=10_000))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{rows} {time.perf_counter() - started:.2f} {peak_mb:.0f}")


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for children in sizes:
            path = Path(folder) / f"cin_{children}.xml"
            write_return(path, children)
            out = subprocess.run([sys.executable, "-m", "csc_tools.bench.cin_memory", "--measure", str(path)],
                                 capture_output=True, text=True, check=True).stdout.split()
            size_mb = path.stat().st_size / 1e6
            print(f"{children:>8} children  {size_mb:7.1f} MB file  {out[0]:>8} rows  {out[1]:>6} s  "
                  f"peak RSS {out[2]:>5} MB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        _measure(sys.argv[2])
    else:
        main([int(a) for a in sys.argv[1:]] or [20_000, 200_000])
