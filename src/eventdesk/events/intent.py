"""Announced intentions: "X will visit Y", "X said it would allow inspectors", "X wants to attack Y".

CAMEO codes a statement of intent as the statement, not as the action: intent to cooperate (03x,
PLOVER AGREE) for a cooperative action, a threat (13x, PLOVER THREATEN) for a conflictual one.
An event whose modality cue is a future auxiliary or a word of intent (not "could", "might",
"if", nor a request or forecast by someone else) is recoded here; verbal categories (REQUEST,
ACCUSE, REJECT, THREATEN, AGREE) and MOBILIZE stay as they are. The modality flags keep
describing the intended action.
"""

from __future__ import annotations

from eventdesk.events.modality import Modality

__all__ = ["INTENT_CUES", "intent_code", "refusal_code"]

INTENT_CUES = frozenset({
    "will", "shall", "'ll", "would", "'d", "want", "wants", "wish", "intend", "intends", "intention", "ready",
    "willing", "prepared", "plan", "plans", "planned", "going to", "is to", "determined", "eager", "readiness",
    "willingness", "aim", "aims", "seek", "seeks", "seeking", "sought",
})
# PLOVER category of the intended action -> CAMEO code of the statement of intent.
INTENT_CODES = {
    "CONSULT": "036",  # intent to meet or negotiate
    "AID": "033",  # intent to provide material aid
    "COOPERATE": "031",  # intent to engage in material cooperation
    "SUPPORT": "032",  # intent to provide diplomatic cooperation
    "RETREAT": "035",  # intent to yield
    "CONCEDE": "035",
    "ASSAULT": "138",  # threaten to use military force
    "COERCE": "132",  # threaten with administrative sanctions
    "SANCTION": "131",  # threaten non-force
    "PROTEST": "133",  # threaten political dissent, protest
}


# PLOVER category of an action announced as not going to happen -> CAMEO code of the refusal.
REFUSAL_CODES = {
    "CONSULT": "125",  # reject proposal to meet or negotiate
    "AID": "122",  # reject request for material aid
    "COOPERATE": "121",  # reject material cooperation
    "SUPPORT": "120",
    "RETREAT": "120",
    "CONCEDE": "120",
}


def refusal_code(category: str, modality: Modality, *, reported: bool) -> str | None:
    """"X will not send aid", "X said it would not provide support": CAMEO codes the refusal (12x,
    PLOVER REJECT). A negated future, or a negated "would" in reported speech; not "could not"."""
    if not modality.negated or (not modality.future and not (modality.hypothetical and reported)):
        return None
    return REFUSAL_CODES.get(category)


def intent_code(category: str, modality: Modality) -> str | None:
    """The CAMEO code of the statement of intent, or None where the event is not one."""
    if modality.negated or modality.cue is None or modality.cue.lower() not in INTENT_CUES:
        return None
    return INTENT_CODES.get(category)
