"""Follow-ups the office manager can trust: signed with the audit key, dated by the reader.

Anyone who writes the share can add a file to `annotations/`; a forged line dated 2099
used to override the manager's real follow-up. With an audit key in the policy, a
reviewer signs each annotation with the key's Ed25519 half (`--audit-key FILE`), and
only annotations whose signature verifies are ever shown as a record's follow-up; the
others are counted as a problem ("not signed with the audit key"). Which annotation is
the latest is decided by when this reader first saw it, then by its own time: a date
in the file cannot put an annotation ahead of ones read before it. Without an audit key
every annotation counts, ordered the same way. Qt-free.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, replace

from cryptography.exceptions import InvalidSignature

from app.core.journal.audit_key import AuditPrivate, AuditPublic
from app.core.review.annotations import Annotation


class UnsignedFollowUpError(ValueError):
    """The policy names an audit key, but this reviewer has no private key to sign with."""


def sign(annotation: Annotation, key: AuditPrivate) -> Annotation:
    """The annotation signed with the audit key's signing half."""
    unsigned = replace(annotation, key_id=key.public.key_id, signature="")
    signature = key.signing.sign(_message(unsigned))
    return replace(unsigned, signature=base64.b64encode(signature).decode())


def verified(annotation: Annotation, trusted: Sequence[AuditPublic]) -> bool:
    """Whether one of the trusted keys signed exactly this annotation."""
    try:
        signature = base64.b64decode(annotation.signature, validate=True)
    except (binascii.Error, ValueError):
        return False
    message = _message(replace(annotation, signature=""))
    for key in trusted:
        if key.key_id != annotation.key_id:
            continue
        try:
            key.signing.verify(signature, message)
        except InvalidSignature:
            return False
        return True
    return False


def trusted_latest(
    annotations: Iterable[Annotation],
    trusted: Sequence[AuditPublic] | None,
    seen: Mapping[str, str],
    now: str,
) -> tuple[dict[tuple[str, int], Annotation], int]:
    """Per record the latest trusted annotation, and how many were not trusted.

    `trusted` None: no audit key, every annotation counts. `seen`: annotation id → when
    this reader first saw it (`now` for those seen for the first time).
    """
    kept, refused = [], 0
    for item in annotations:
        if trusted is None or verified(item, trusted):
            kept.append(item)
        else:
            refused += 1
    best: dict[tuple[str, int], Annotation] = {}
    for item in sorted(kept, key=lambda a: (seen.get(a.annotation_id, now), a.time)):
        best[item.target] = item
    return best, refused


def _message(annotation: Annotation) -> bytes:
    data = asdict(annotation)
    data.pop("signature", None)
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
