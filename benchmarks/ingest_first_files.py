"""The files a new user tries first: does each read, and what is lost or analysed wrongly?

Run from the repo root (``PYTHONPATH`` picks the code to measure):

    PYTHONPATH=src python3 benchmarks/ingest_first_files.py

Writes small hand-made files shaped like real help-desk exports (invented text) into a
temporary folder and reads each with :func:`servicemind.ingest.read` (format detected).
Per file: the conversations and turns read, the turns with an empty text that were read as
turns (they would be analysed as neutral), the rejects, or the whole-file error.
"""

from __future__ import annotations

import json
import signal
import tempfile
from pathlib import Path

from servicemind.errors import ServicemindError
from servicemind.ingest import read

CONVS = [
    {"id": "a", "turns": [{"role": "customer", "text": "Hi"}, {"role": "agent", "text": "Hello"}]},
    {"id": "b", "turns": [{"role": "customer", "text": "Refund?"}, {"role": "agent", "text": ""}]},
]
CHAT = {
    "messages": [
        {"role": "user", "content": "Late order"},
        {"role": "assistant", "content": "Sorry"},
    ]
}

FILES: dict[str, bytes] = {
    "id_speaker_message.csv": b"id,speaker,message\n1,customer,Hi\n1,agent,Hello\n",
    "ticket_export.csv": (
        b"Ticket ID,Sender Type,Agent Name,Message Text,Created At\n"
        b"7,Customer,,My card was declined,2024-05-02 09:14\n"
        b"7,Agent,Kim,Sorry! Try again now.,2024-05-02 09:20\n"
        b"7,End User,,Works now,2024-05-02 09:25\n"
    ),
    "excel_semicolon.csv": (
        b"\xef\xbb\xbfconversation_id;role;text\r\n1;customer;I paid 12,50 twice\r\n"
        b"1;agent;Refunded.\r\n"
    ),
    "excel_unicode_text.txt.tsv": (
        "conversation_id\trole\ttext\r\n1\tcustomer\tHéllo\r\n1\tagent\tBonjour\r\n"
    ).encode("utf-16"),
    "empty_messages.csv": (
        b"conversation_id,role,text\n1,customer,Where is it?\n1,agent,\n1,agent,  \n"
        b"1,customer,Hello?\n"
    ),
    "crlf_quoted_newlines.tsv": (
        b'conversation_id\trole\ttext\r\n1\tcustomer\t"two\r\nlines"\r\n1\tagent\tok\r\n'
    ),
    "repeated_header.csv": b"conversation_id,role,text,note,note\n1,agent,hi,x,y\n",
    "chat_messages.jsonl": (json.dumps(CHAT) + "\n").encode(),
    "conversations.json": json.dumps(CONVS, indent=2).encode(),
    "pretty.jsonl": "\n".join(json.dumps(c, indent=2) for c in CONVS).encode(),
    "stamped_chat.txt": b"[10:32] Customer: Hi, my card was declined.\n[10:33] Agent: Sorry!\n",
    "paren_time.txt": b"Customer (10:32 AM): Hi\nAgent (10:33 AM): Hello\n",
    "empty_turn.txt": b"Customer: Hi\nAgent:\nCustomer: Hello?\n",
    "livechat.txt": b"Visitor: Hi, anyone there?\nSarah (Agent): Hello! How can I help?\n",
    "stray_brace.json": (
        b'[\n{"id": 1, "requester_id": 1, "comments": [{"author_id": 1, "body": "a"}]},\n}\n,'
        b'{"id": 2, "requester_id": 1, "comments": [{"author_id": 1, "body": "b"}]}\n]\n'
    ),
}


class _Hang(Exception):
    pass


def _stop(signum: int, frame: object) -> None:
    raise _Hang


def measure(path: Path) -> str:
    rejects: list[ServicemindError] = []
    signal.alarm(10)  # a reader that never finishes is reported, not waited for
    try:
        convs = list(read(path, on_reject=lambda e, raw: rejects.append(e)))
    except _Hang:
        return "hangs (stopped after 10 s)"
    except ServicemindError as exc:
        return f"error: {str(exc).replace(str(path), path.name)[:90]}"
    finally:
        signal.alarm(0)
    turns = sum(len(c.turns) for c in convs)
    empty = sum(1 for c in convs for t in c.turns if not t.text.strip())
    authors = sum(1 for c in convs for t in c.turns if t.author and ":" in t.author)
    extra = f", {authors} clock times read as authors" if authors else ""
    return (
        f"{len(convs)} conversations, {turns} turns ({empty} empty), {len(rejects)} rejects{extra}"
    )


def main() -> None:
    signal.signal(signal.SIGALRM, _stop)
    with tempfile.TemporaryDirectory() as tmp:
        print("| file | result |\n|---|---|")
        for name, data in FILES.items():
            path = Path(tmp) / name
            path.write_bytes(data)
            print(f"| `{name}` | {measure(path)} |")


if __name__ == "__main__":
    main()
