"""Output redaction (``analyze --redact``): personal data left, references kept, speed cost.

    PYTHONPATH=src python3 benchmarks/output_redaction.py [--pii FILE] [--copies 6] [--runs 2]

* leftover: runs ``servicemind analyze --redact --summary --report --rejects`` on the set
  below (written for this benchmark: emails, phones in several national formats, card
  numbers, IBANs, names after greetings and titles; order, ticket, booking and invoice
  references that must stay) and, with ``--pii``, on a file of your own whose personal
  values are listed in ``PII_FILE_VALUES`` (the UX trial's pii.jsonl). It counts each
  personal value's occurrences in the input texts, and how many are left in the output's
  ``turns[].text``; and whether each value appears anywhere at all in what the command
  wrote (results, rejects, report, stderr). References: how many are kept in the texts.
* speed: the demo set ``--copies`` times with fresh ids (every text unique, as in
  ``cli_speed.py --unique``), ``servicemind analyze FILE -o OUT --jobs 1`` with and
  without ``--redact``, alternately, ``--runs`` times; median wall and CPU seconds (CPU of
  the command, less sensitive to a shared machine's load). Also the
  in-process cost of :func:`servicemind.redaction.redact_result` per conversation.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

#: (customer text, agent text, personal values in them, references that must stay).
CASES: list[tuple[str, str, list[str], list[str]]] = [
    ("My email is jane.doe+billing@mail.example.co.uk and order #A-88213 never came.",
     "Hi Jane, I have resent the confirmation for order #A-88213 to your email.",
     ["jane.doe+billing@mail.example.co.uk", "Jane"], ["A-88213"]),
    ("Call me on +44 20 7946 0958 about ticket 55213 please.",
     "Hello Tom, I'll call +44 20 7946 0958 today about ticket 55213.",
     ["+44 20 7946 0958", "Tom"], ["55213"]),
    ("You can reach me at (555) 123-4567 or 555-987-6543.",
     "Thanks Priya, I'll ring (555) 123-4567 within the hour.",
     ["(555) 123-4567", "555-987-6543", "Priya"], []),
    ("Mein Telefon: +49 30 12345678, Festnetz 030 98765432. Bestellung 55667788 fehlt.",
     "Guten Tag Herr Becker, wir rufen Sie unter +49 30 12345678 an.",
     ["+49 30 12345678", "030 98765432", "Becker"], ["55667788"]),
    ("Mon numéro est le 06 12 34 56 78 ou +33 6 98 76 54 32.",
     "Bonjour Mme Laurent, je vous appelle au 06 12 34 56 78.",
     ["06 12 34 56 78", "+33 6 98 76 54 32", "Laurent"], []),
    ("Mi móvil es +34 612 345 678, pedido 998877.",
     "Hola Lucía, le llamamos al +34 612 345 678 por el pedido 998877.",
     ["+34 612 345 678", "Lucía"], ["998877"]),
    ("Please call +91 98765 43210 or +1 415 555 0132.",
     "Dear Mr Hale, we will call +1 415 555 0132 tomorrow.",
     ["+91 98765 43210", "+1 415 555 0132", "Hale"], []),
    ("My card 4111 1111 1111 1111 was charged twice for invoice INV-2024-0042.",
     "Hi Maria, I refunded the charge on 4111 1111 1111 1111 for invoice INV-2024-0042.",
     ["4111 1111 1111 1111", "Maria"], ["INV-2024-0042"]),
    ("Card 5500-0000-0000-0004 and my Amex 3782 822463 10005 were both declined.",
     "Thanks Ahmed, both cards, 5500-0000-0000-0004 and 3782 822463 10005, are unblocked.",
     ["5500-0000-0000-0004", "3782 822463 10005", "Ahmed"], []),
    ("Refund to 4242424242424242 please, booking ref K7QPLM.",
     "Hello Sofia, booking ref K7QPLM is refunded to the card 4242424242424242.",
     ["4242424242424242", "Sofia"], ["K7QPLM"]),
    ("My IBAN is GB29 NWBK 6016 1331 9268 19, order no. 4471.",
     "Hi Oliver, the refund for order no. 4471 goes to GB29 NWBK 6016 1331 9268 19.",
     ["GB29 NWBK 6016 1331 9268 19", "Oliver"], ["4471"]),
    ("Send it to DE89370400440532013000 or FR14 2004 1010 0505 0001 3M02 606.",
     "Dear Ms Novak, we will pay DE89370400440532013000 today.",
     ["DE89370400440532013000", "FR14 2004 1010 0505 0001 3M02 606", "Novak"], []),
    ("Hello, I'm writing about my parcel, tracking 1Z999AA10123456784.",
     "Good morning John Smith, tracking 1Z999AA10123456784 shows it was delivered.",
     ["John Smith"], ["1Z999AA10123456784"]),
    ("My name is Chiara Rossi and my number is 06 1234 5678.",
     "Thank you Chiara, I have noted 06 1234 5678 on your file.",
     ["Chiara Rossi", "Chiara", "06 1234 5678"], []),
]  # fmt: skip

#: The personal values of the UX trial's pii.jsonl (``--pii``) and its reference.
PII_FILE_VALUES = [
    "Margaret",
    "Oduya",
    "14 Elm Road",
    "LS6 2AB",
    "07700 900123",
    "m.oduya@example.org",
    "4111 1111 1111 1111",
]
PII_FILE_KEEP = ["A-88213"]


def _case_file(path: Path) -> list[tuple[list[str], list[str]]]:
    with path.open("w", encoding="utf-8") as fh:
        for i, (customer, agent, _, _) in enumerate(CASES):
            turns = [{"role": "customer", "text": customer}, {"role": "agent", "text": agent}]
            fh.write(json.dumps({"id": f"case-{i}", "turns": turns}, ensure_ascii=False) + "\n")
    return [(pii, keep) for _, _, pii, keep in CASES]


def _count(texts: list[str], value: str) -> int:
    return sum(t.count(value) for t in texts)


def leftover(path: Path, pii: list[str], keep: list[str], tmp: Path, name: str) -> None:
    out, rej, rep = tmp / f"{name}.jsonl", tmp / f"{name}.rej.jsonl", tmp / f"{name}.html"
    cmd = [sys.executable, "-m", "servicemind", "analyze", str(path), "-o", str(out)]
    cmd += ["--redact", "--summary", "--report", str(rep), "--rejects", str(rej), "--jobs", "1"]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    lines = [json.loads(s) for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
    before = [t["text"] for c in lines for t in c["turns"]]
    results = [json.loads(s) for s in out.read_text(encoding="utf-8").splitlines()]
    after = [t["text"] for r in results for t in r["turns"]]
    everything = done.stderr + out.read_text(encoding="utf-8") + rep.read_text(encoding="utf-8")
    everything += rej.read_text(encoding="utf-8") if rej.exists() else ""
    n_in = sum(_count(before, v) for v in set(pii))
    n_left = sum(_count(after, v) for v in set(pii))
    anywhere = sorted(v for v in set(pii) if v in everything)
    k_in = sum(_count(before, v) for v in set(keep))
    k_kept = sum(_count(after, v) for v in set(keep))
    print(
        f"{name}: personal values left in turns[].text: {n_left}/{n_in}"
        f" ({n_left / max(n_in, 1):.1%}); anywhere in the outputs: "
        f"{len(anywhere)}/{len(set(pii))} values {anywhere}; references kept: {k_kept}/{k_in}"
    )


def _big_file(path: Path, copies: int) -> int:
    demo = resources.files("servicemind.demo").joinpath("conversations.jsonl").read_text("utf-8")
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for j, line in enumerate(demo.splitlines()):
                obj = json.loads(line)
                obj["id"] = f"{obj['id']}-{k}"
                for i, turn in enumerate(obj["turns"]):
                    turn["text"] = f"{turn['text']} (ref {k}-{j}-{i})"
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
                n += 1
    return n


def speed(tmp: Path, copies: int, runs: int) -> None:
    big = tmp / "big.jsonl"
    n = _big_file(big, copies)
    times: dict[str, list[tuple[float, float]]] = {"plain": [], "--redact": []}
    for _ in range(runs):
        for name, extra in (("plain", []), ("--redact", ["--redact"])):
            out = tmp / "speed.jsonl"
            cmd = [sys.executable, "-m", "servicemind", "analyze", str(big), "-o", str(out)]
            t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([*cmd, "--jobs", "1", *extra], check=True, capture_output=True)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime
            times[name].append((time.perf_counter() - t0, cpu))
    for name, runs_of in times.items():
        wall = statistics.median(w for w, _ in runs_of)
        cpu = statistics.median(c for _, c in runs_of)
        print(
            f"analyze {n} conversations {name}: median {wall:.1f} s wall, {cpu:.1f} s CPU "
            f"(runs: " + ", ".join(f"{w:.1f}/{c:.1f}" for w, c in runs_of) + ")"
        )
    from servicemind.redaction import redact_result

    results = [json.loads(s) for s in (tmp / "speed.jsonl").read_text("utf-8").splitlines()]
    t0, c0 = time.perf_counter(), time.process_time()
    for r in results:
        redact_result(r)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"redact_result alone: {secs / len(results) * 1000:.2f} ms wall, "
        f"{cpu / len(results) * 1000:.2f} ms CPU per conversation"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pii", type=Path, default=None)
    ap.add_argument("--copies", type=int, default=6)
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cases = tmp / "cases.jsonl"
        expected = _case_file(cases)
        pii = [v for values, _ in expected for v in values]
        keep = [v for _, values in expected for v in values]
        leftover(cases, pii, keep, tmp, "written set")
        if args.pii is not None:
            leftover(args.pii, PII_FILE_VALUES, PII_FILE_KEEP, tmp, args.pii.name)
        speed(tmp, args.copies, args.runs)


if __name__ == "__main__":
    main()
