"""How well the two languages' check holds what it should, and how long it takes.

    .venv/bin/python bench/preflight.py [--runs 50]      (make bench-preflight)

Reads the corpus in bench/preflight/corpus.json (release pairs in the
department's style, consistent as written; consistent variants that write the
same facts another way; and planted disagreements, one fact changed in one
language, of every kind the check reads), with the seed release and
releases/demo among the consistent, and the glossary seeded by migration 0012.
Prints how many planted disagreements were held, how many consistent pairs
were held by mistake (naming each miss), and the median time of the check for
a release of 2,000 English words with its Chinese. Exits 1 when a target is
missed: every planted disagreement held, no consistent pair held, under 50 ms.
Needs no database. Not run by CI: the time depends on the machine.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "preflight" / "corpus.json"
DEMO = ROOT / "releases" / "demo" / "aeo-expert-mission-2023.json"
GLOSSARY = ROOT / "releases" / "glossary_seed.csv"
WORDS = 2_000
TARGET_MS = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation

    from releases.facts import Entry, Glossary, Texts, check
    from releases.glossary import SEPARATOR, read_csv

    glossary = Glossary(
        [
            Entry(
                row["zh_hant"],
                row["en"],
                tuple(filter(None, row["avoid_zh"].split(SEPARATOR))),
                tuple(filter(None, row["avoid_en"].split(SEPARATOR))),
            )
            for row in read_csv(GLOSSARY.read_bytes())
        ]
    )
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    releases = {release["slug"]: release for release in corpus["releases"]}
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    releases["releases/demo"] = {
        "slug": "releases/demo",
        "year": int(demo["publish_at"][:4]),
        **{
            f"{name}_{side}": demo["translations"][code][name]
            for name in ("title", "body")
            for side, code in (("zh", "zh-hant"), ("en", "en"))
        },
    }

    def findings(release: dict) -> list[str]:
        texts = Texts(
            release["title_zh"], release["body_zh"], release["title_en"], release["body_en"]
        )
        with translation.override("en"):
            return [f.message() for f in check(texts, year=release["year"], glossary=glossary)]

    def changed(change: dict) -> dict:
        release = dict(releases[change["release"]])
        body = f"body_{change['language']}"
        if change["find"] not in release[body]:
            sys.exit(f"{change['release']}: {change['find']!r} is not in its {body}")
        release[body] = release[body].replace(change["find"], change["replace"], 1)
        return release

    consistent = [(slug, "as written", release) for slug, release in releases.items()]
    consistent += [(c["release"], c["kind"], changed(c)) for c in corpus["consistent_variants"]]
    held_by_mistake = [(s, k, found) for s, k, r in consistent if (found := findings(r))]
    planted = corpus["planted"]
    missed = [(c["release"], c["kind"]) for c in planted if not findings(changed(c))]

    english, chinese, index = [], [], 0
    bases = list(releases.values())
    while sum(len(body.split()) for body in english) < WORDS:
        english.append(bases[index % len(bases)]["body_en"])
        chinese.append(bases[index % len(bases)]["body_zh"])
        index += 1
    long_release = Texts("標題", "\n\n".join(chinese), "Title", "\n\n".join(english))
    check(long_release, year=2026, glossary=glossary)  # patterns compiled, numerals cached
    times = []
    for _run in range(args.runs):
        started = time.perf_counter()
        check(long_release, year=2026, glossary=glossary)
        times.append((time.perf_counter() - started) * 1000)
    words = len(long_release.body_en.split())
    median = statistics.median(times)

    print(f"Pairs: {len(consistent)} consistent, {len(planted)} with one fact changed")
    print(f"Planted disagreements held: {len(planted) - len(missed)} of {len(planted)}")
    for slug, kind in missed:
        print(f"  not held: {slug} ({kind})")
    print(f"Consistent pairs held by mistake: {len(held_by_mistake)} of {len(consistent)}")
    for slug, kind, found in held_by_mistake:
        print(f"  held: {slug} ({kind}): {' | '.join(found)}")
    print(
        f"Time for a {words}-word release (with its Chinese): median {median:.1f} ms, "
        f"slowest {max(times):.1f} ms of {args.runs} runs (target < {TARGET_MS} ms)"
    )
    if missed or held_by_mistake or median >= TARGET_MS:
        sys.exit(1)


if __name__ == "__main__":
    main()
