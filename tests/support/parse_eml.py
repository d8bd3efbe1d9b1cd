#!/usr/bin/env python3
"""Reads an .eml file with Python's standard `email` package and prints what it saw as JSON.

The Swift tests use this as an independent reader: if Python's parser gets back the
same subject, parts and attachment bytes that went in, other mail readers will too.

    python3 parse_eml.py MESSAGE.eml
    -> {"subject": ..., "from": ..., "to": ..., "headers": [[name, value], ...],
        "content_type": ..., "text": ..., "html": ..., "defects": [...],
        "attachments": [{"filename", "content_type", "disposition", "data_base64"}]}
"""

import base64
import email
import json
import sys
from email import policy


def main(path):
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=policy.default)

    def body(kind):
        part = message.get_body(preferencelist=(kind,))
        if part is None:
            return None
        return part.get_content().replace("\r\n", "\n")

    defects = [repr(d) for d in message.defects]
    for part in message.walk():
        defects += [repr(d) for d in part.defects]

    attachments = []
    for part in message.iter_attachments():
        attachments.append({
            "filename": part.get_filename(),
            "content_type": str(part["Content-Type"]),
            "disposition": part.get_content_disposition(),
            "data_base64": base64.b64encode(part.get_payload(decode=True)).decode("ascii"),
        })

    result = {
        "subject": str(message["Subject"]) if message["Subject"] is not None else None,
        "from": str(message["From"]),
        "to": str(message["To"]),
        "headers": [[name, str(value)] for name, value in message.items()],
        "content_type": message.get_content_type(),
        "text": body("plain"),
        "html": body("html"),
        "attachments": attachments,
        "defects": defects,
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
