"""Write N synthetic acts for the scale benchmark, and the truth of their repeal chains.

    python bench/make_corpus.py N OUT [--seed S] [--seeds-dir corpus]

Each act is the **body** of one of the seeds (``corpus/*.txt``, real acts, stored byte-exact)
under a **new header** made here: a title copied from the same seed, the status label, the sentence that
names the act (an oblast akimat's decree, "қаулысы", with a new date and number) and its
registration (a new date and registration number), as the seeds' headers do. The acts come in
chains of one to four decrees of one akimat: each act of a chain but the last is repealed by
the next one, which its header says ("Күші жойылды - … қаулысымен") as the seeds' headers do.

The headers are made up (clearly: the dates and numbers are random); the bodies are real
text. ``OUT/truth.json`` lists every act (file, issuer, adoption date, number, registration
number) and every repeal edge (repealing act -> repealed act, each by adoption date and
number), so a check can find them in ``graph.json`` without knowing how ids are formed.

Deterministic: the same N, seed and seed files give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

REGIONS = ("Абай облысы", "Ақмола облысы", "Ақтөбе облысы", "Алматы облысы", "Атырау облысы",
           "Батыс Қазақстан облысы", "Жамбыл облысы", "Жетісу облысы", "Қарағанды облысы",
           "Қостанай облысы", "Қызылорда облысы", "Маңғыстау облысы", "Павлодар облысы",
           "Солтүстік Қазақстан облысы", "Түркістан облысы", "Ұлытау облысы",
           "Шығыс Қазақстан облысы")
# Month names as a date "of" (жылғы 6 маусымдағы) and "on" (2012 жылғы 9 шілдеде) takes them.
MONTHS_OF = ("қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы",
             "шілдедегі", "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы",
             "желтоқсандағы")
MONTHS_ON = ("қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде",
             "тамызда", "қыркүйекте", "қазанда", "қарашада", "желтоқсанда")


@dataclass(frozen=True)
class Seed:
    name: str
    title: str
    body: str


@dataclass(frozen=True)
class Act:
    file: str
    region: str
    adopted: dt.date
    number: str
    registered: dt.date
    registration: str
    seed: str


def seed_parts(path: Path) -> Seed:
    """The seed's title (its first paragraph) and body (from the first line after the header
    block: the preamble, or the enacting formula where the text is not indented)."""
    lines = path.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip())
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    title = "\n".join(lines[start:end])
    registered = next(i for i, line in enumerate(lines) if "тіркелді" in line)
    body_at = None
    for i in range(registered + 1, len(lines)):
        text = lines[i].strip()
        if not text or text.startswith(("Ескерту", "(", "ЗҚАИ", "Осы ")):
            continue
        if lines[i].startswith("      ") or (text.endswith(":") and text.isupper()) or \
                text.startswith("БҰЙЫРАМЫН"):
            body_at = i
            break
    if body_at is None:
        raise SystemExit(f"{path}: cannot find where the body begins")
    return Seed(path.name, title, "\n".join(lines[body_at:]) + "\n")


def kk_date_of(day: dt.date) -> str:
    return f"{day.year} жылғы {day.day} {MONTHS_OF[day.month - 1]}"


def kk_date_on(day: dt.date) -> str:
    return f"{day.year} жылғы {day.day} {MONTHS_ON[day.month - 1]}"


def header(act: Act, repealer: Act | None) -> str:
    issuer = f"{act.region} әкімдігінің"
    sentence = (f"{issuer} {kk_date_of(act.adopted)} № {act.number} қаулысы. {act.region} "
                f"Әділет департаментінде {kk_date_on(act.registered)} № {act.registration} "
                f"болып тіркелді.")
    if repealer is None:
        return "Қолданыстағы\n" + sentence + "\n"
    return ("Күшін жойған\n" + sentence + f" Күші жойылды - {repealer.region} әкімдігінің "
            f"{kk_date_of(repealer.adopted)} № {repealer.number} қаулысымен\n")


def make_acts(n: int, seeds: list[Seed], rng: random.Random) -> list[list[Act]]:
    """Chains of acts: n acts in all, unique numbers and registration numbers."""
    chains: list[list[Act]] = []
    made = 0
    while made < n:
        length = min(rng.randint(1, 4), n - made)
        region = rng.choice(REGIONS)
        day = dt.date(rng.randint(1998, 2016), rng.randint(1, 12), rng.randint(1, 28))
        chain = []
        for _ in range(length):
            made += 1
            seed = seeds[rng.randrange(len(seeds))]
            registered = day + dt.timedelta(days=rng.randint(5, 40))
            chain.append(Act(f"act-{made:06d}.txt", region, day, f"{made}/{rng.randint(1, 99)}",
                             registered, str(10_000 + made), seed.name))
            day = day + dt.timedelta(days=rng.randint(60, 900))
        chains.append(chain)
    return chains


def act_text(act: Act, repealer: Act | None, seeds: dict[str, Seed]) -> str:
    seed = seeds[act.seed]
    return f"\n{seed.title}\n\n{header(act, repealer)}\n{seed.body}"


def write_corpus(n: int, out: Path, *, seed: int = 13, seeds_dir: Path = REPO / "corpus") -> dict:
    seeds = [seed_parts(p) for p in sorted(seeds_dir.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"{seeds_dir}: no *.txt seeds")
    by_name = {s.name: s for s in seeds}
    rng = random.Random(seed)
    chains = make_acts(n, seeds, rng)
    acts_dir = out / "acts"
    acts_dir.mkdir(parents=True, exist_ok=True)
    truth: dict = {"n": n, "seed": seed, "acts": [], "repeals": []}
    for chain in chains:
        for k, act in enumerate(chain):
            repealer = chain[k + 1] if k + 1 < len(chain) else None
            (acts_dir / act.file).write_text(act_text(act, repealer, by_name), "utf-8")
            truth["acts"].append({"file": act.file, "issuer": f"{act.region} әкімдігі",
                                  "adopted": act.adopted.isoformat(), "number": act.number,
                                  "registration": act.registration, "seed": act.seed})
            if repealer is not None:
                truth["repeals"].append({
                    "repealing": {"adopted": repealer.adopted.isoformat(),
                                  "number": repealer.number},
                    "repealed": {"adopted": act.adopted.isoformat(), "number": act.number}})
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                    "utf-8")
    return truth


def missing_repeals(truth: dict, graph: dict) -> list[dict]:
    """The true repeal edges that ``graph`` (graph.json's node-link data) lacks."""
    ids = {(n.get("adopted"), n.get("number")): n["id"] for n in graph["nodes"]}
    edges = {(e["source"], e["target"]) for e in graph.get("edges", graph.get("links", []))
             if e.get("relation") == "repeals"}
    missing = []
    for edge in truth["repeals"]:
        src = ids.get((edge["repealing"]["adopted"], edge["repealing"]["number"]))
        dst = ids.get((edge["repealed"]["adopted"], edge["repealed"]["number"]))
        if src is None or dst is None or (src, dst) not in edges:
            missing.append(edge)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--seeds-dir", type=Path, default=REPO / "corpus")
    args = parser.parse_args(argv)
    truth = write_corpus(args.n, args.out, seed=args.seed, seeds_dir=args.seeds_dir)
    print(f"{len(truth['acts'])} acts and {len(truth['repeals'])} repeal edges written to "
          f"{args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
