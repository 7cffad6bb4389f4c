"""The register of personal data: every field that holds personal data, in one place, with its
purpose, legal basis and retention rule (GDPR Art. 5, 6, 30).

`tests/privacy/test_register.py` keeps it complete: every model of Lotse is either declared here
or listed in NOT_PERSONAL with a reason, every declared field exists, and a field whose name
looks personal (name, e-mail, phone, address, notes, ...) in a declared model is declared or
explicitly exempted. A new model or field with personal data therefore fails the tests until
someone decides here what it is for and how long it is kept.

The retention task (`retention.py`), the access export and erasure (`subjects.py`) and the records
of processing (Art. 30, `records.py`) are generated from this register.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Legal bases (Art. 6 (1) GDPR; Art. 9 (2) for special categories).
CONSENT = "art-6-1-a"
CONTRACT = "art-6-1-b"
PUBLIC_TASK = "art-6-1-e"
LEGITIMATE_INTEREST = "art-6-1-f"

LEGAL_BASES = {
    CONSENT: _("Consent (Art. 6 (1) a GDPR)"),
    CONTRACT: _("Contract or steps before one (Art. 6 (1) b GDPR)"),
    PUBLIC_TASK: _("Public task (Art. 6 (1) e GDPR)"),
    LEGITIMATE_INTEREST: _("Legitimate interest (Art. 6 (1) f GDPR)"),
}

#: Retention rules by key. The automatic ones (AUTOMATIC_RULES) are applied by the nightly
#: retention task (`lotse.privacy.retention`) after the office's number of months.
RETENTION = {
    "counseling": _(
        "Erased %(months)s months after the last contact, unless a case is still open; the "
        "statistical facts of consultations and referrals are kept without the person."
    ),
    "event-registrations": _(
        "Name, contact and needs cleared %(months)s months after the event; status, target "
        "group and country are kept for statistics."
    ),
    "volunteers-ended": _(
        "Erased %(months)s months after the volunteering ended; the record stays as a number "
        "for statistics."
    ),
    "applications-declined": _(
        "Erased %(months)s months after an application ended without volunteering."
    ),
    "requests-closed": _(
        "Contact, needs and notes cleared %(months)s months after the request was closed."
    ),
    "pool-left": _("Erased %(months)s months after the person left the pool."),
    "task-results": _(
        "Finished background tasks (they hold the texts of e-mails sent) are deleted after "
        "LOTSE_TASK_RESULTS_DAYS days (default 30), for the whole installation."
    ),
    "asked-questions": _(
        "Questions asked on the portal (text only, e-mail addresses and phone numbers removed "
        "before storing) are deleted after %(days)s days (LOTSE_ASK_QUESTION_DAYS), for the "
        "whole installation."
    ),
    "account": _("Kept while the account exists; removed with it."),
    "audit": _(
        "Audit entries name records by number only and are kept for accountability "
        "(Art. 5 (2) GDPR)."
    ),
    "directory-contact": _("Kept while the service is listed; removed with the contact."),
}

#: The rules the retention task applies, with their default periods in months.
DEFAULT_MONTHS = {
    "counseling": 36,
    "event-registrations": 6,
    "volunteers-ended": 12,
    "applications-declined": 6,
    "requests-closed": 12,
    "pool-left": 12,
}
AUTOMATIC_RULES = [
    ("counseling", _("Counseling records")),
    ("event-registrations", _("Event registrations")),
    ("volunteers-ended", _("Volunteers who ended")),
    ("applications-declined", _("Volunteer applications that ended")),
    ("requests-closed", _("Closed sponsorship requests")),
    ("pool-left", _("People who left the pool")),
]


def retention_text(rule: str, months: int | None = None) -> str:
    """The rule in words, with the office's period (or the default)."""
    text = str(RETENTION[rule])
    if rule in DEFAULT_MONTHS:
        return text % {"months": months or DEFAULT_MONTHS[rule]}
    if rule == "asked-questions":
        return text % {"days": settings.LOTSE_ASK_QUESTION_DAYS}
    return text


@dataclass(frozen=True)
class Declaration:
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    purpose: str
    legal_basis: str
    retention: str
    #: Fields whose names look personal but are not, with the reason.
    not_personal: dict[str, str] = field(default_factory=dict)


COUNSELING = _("Counseling and referral of newcomers")
EVENTS = _("Registration and participation in events")
SPONSORS = _("Welcome sponsor program (volunteers and newcomers)")
STAFF = _("Staff accounts, access control and accountability")
POOL = _("Interpreters and moderators the office works with")
DIRECTORY = _("Contact persons of partner services")
QUESTIONS = _("Improving the directory: what newcomers ask on the portal and do not find")

REGISTER: tuple[Declaration, ...] = (
    Declaration(
        "core.User",
        ("username", "first_name", "last_name", "email", "password", "last_login"),
        STAFF, CONTRACT, "account",
    ),
    Declaration(
        "core.Membership", ("user", "role"), STAFF, CONTRACT, "account",
    ),
    Declaration(
        "core.BackupCodeDevice", ("user", "code_hashes"), STAFF, CONTRACT, "account",
        not_personal={"name": _("The same label for everyone (“Backup codes”).")},
    ),
    Declaration(
        "core.AuditEntry", ("actor", "ip_address", "object_id"), STAFF, LEGITIMATE_INTEREST,
        "audit",
    ),
    Declaration(
        "directory.ServiceContact", ("name", "role", "phone", "email"), DIRECTORY,
        LEGITIMATE_INTEREST, "directory-contact",
    ),
    Declaration(
        "counseling.Person",
        ("display_name", "full_name", "email", "phone", "phone_digits", "address",
         "preferred_language", "nationality", "arrival_date", "arrival_is_planned", "time_zone",
         "profession", "qualification", "recognition_pending", "name_keys", "client_number",
         "country_of_origin", "target_group", "residence_status", "whereabouts", "municipality",
         "abroad_country", "languages", "last_contact_at", "restricted_at", "restriction_ground"),
        COUNSELING, PUBLIC_TASK, "counseling",
    ),
    Declaration(
        "counseling.HouseholdLink", ("person", "relative", "relation"), COUNSELING, PUBLIC_TASK,
        "counseling",
    ),
    Declaration(
        "counseling.Consent", ("person", "purpose", "given_on", "form", "withdrawn_on"),
        COUNSELING, CONSENT, "counseling",
    ),
    Declaration(
        "counseling.Consultation", ("person", "notes", "outcome", "next_steps", "interpreted_by"),
        COUNSELING, PUBLIC_TASK, "counseling",
        not_personal={"subject": _("An opaque number that names nobody; kept for statistics.")},
    ),
    Declaration(
        "counseling.Referral", ("person", "reason"), COUNSELING, PUBLIC_TASK, "counseling",
    ),
    Declaration(
        "counseling.HandoverLetter", ("recipient",), COUNSELING, CONSENT, "counseling",
    ),
    Declaration(
        "counseling.Outcome", ("person", "note"), COUNSELING, PUBLIC_TASK, "counseling",
    ),
    Declaration(
        "counseling.RecognitionCase",
        ("person", "profession", "country", "reference_occupation", "decision"),
        COUNSELING, PUBLIC_TASK, "counseling",
    ),
    Declaration(
        "counseling.FollowUp", ("person", "title"), COUNSELING, PUBLIC_TASK, "counseling",
    ),
    Declaration(
        "sponsorship.Volunteer",
        ("first_name", "last_name", "email", "phone", "district", "gender", "availability",
         "offers", "interests", "prefers", "motivation", "pledge_signed_on",
         "certificate_seen_on", "certificate_recheck_on", "coordinator_notes", "user"),
        SPONSORS, CONSENT, "volunteers-ended",
    ),
    Declaration(
        "sponsorship.VolunteerLanguage", ("volunteer", "language", "level"), SPONSORS, CONSENT,
        "volunteers-ended",
    ),
    Declaration(
        "sponsorship.Attendance", ("volunteer", "status"), SPONSORS, CONSENT, "volunteers-ended",
    ),
    Declaration(
        "sponsorship.SponsorshipRequest",
        ("person", "needs", "languages", "district", "availability", "has_children",
         "gender_preference", "interests", "note", "contact_name", "contact_email",
         "contact_phone"),
        SPONSORS, CONSENT, "requests-closed",
        not_personal={"close_reason": _("A choice among fixed reasons (matched, withdrawn…).")},
    ),
    Declaration(
        "sponsorship.Proposal", ("volunteer", "reasons"), SPONSORS, CONSENT, "requests-closed",
    ),
    Declaration(
        "sponsorship.Tandem",
        ("volunteer", "person", "agreement", "usual_places", "end_reason", "feedback_newcomer",
         "feedback_volunteer"),
        SPONSORS, CONSENT, "volunteers-ended",
        not_personal={"last_contact_on": _("A date the alerts use.")},
    ),
    Declaration(
        "sponsorship.CheckIn", ("mood", "note"), SPONSORS, CONSENT, "volunteers-ended",
        not_personal={"had_contact": _("Yes or no, for the alerts.")},
    ),
    Declaration(
        "pool.PoolMember", ("name", "email", "phone", "languages", "availability", "fee_note",
                            "notes"),
        POOL, CONTRACT, "pool-left",
    ),
    Declaration(
        "events.Registration",
        ("name", "email", "phone", "language", "interpreting_into", "childcare",
         "accessibility_needs"),
        EVENTS, CONSENT, "event-registrations",
        not_personal={
            "target_group": _("Kept for statistics once the name and contact are cleared."),
            "country_of_origin": _("Kept for statistics once the name and contact are cleared."),
            "feedback_requested_at": _("When the request went out; the answer is stored apart."),
            "feedback_given_at": _("Whether feedback came; the answer is stored apart."),
        },
    ),
    Declaration(
        "events.Staffing", ("member", "note"), POOL, CONTRACT, "pool-left",
    ),
    # Anonymous text, but a question may still say something about the asker ("my daughter,
    # 7, ..."); stored without address, cookie or account, stripped of contact data.
    Declaration(
        "ask.AskedQuestion", ("text", "language", "feedback", "created_at"), QUESTIONS,
        PUBLIC_TASK, "asked-questions",
        not_personal={"key": _("A random value for the feedback buttons; names nobody.")},
    ),
)  # fmt: skip

#: Models without personal data, and why.
NOT_PERSONAL: dict[str, str] = {
    "core.Office": "an organisation's public contact details",
    "core.Country": "taxonomy",
    "core.Language": "taxonomy",
    "core.Topic": "taxonomy",
    "core.TargetGroup": "taxonomy",
    "core.ResidenceStatus": "taxonomy",
    "directory.Organisation": "public directory content",
    "directory.Location": "public directory content (addresses of services)",
    "directory.Service": "public directory content; internal notes are about the service",
    "directory.ServiceTranslation": "public directory content",
    "directory.InfoPage": "public content",
    "directory.InfoPageTranslation": "public content",
    "directory.ServiceSearchEntry": "search index of public content",
    "directory.ExampleQuestion": (
        "example questions staff write for an entry, or take over from an asked question "
        "(already without contact data, and no longer linked to it)"
    ),
    "directory.RoutingVector": "numeric vectors of public directory texts and example questions",
    "counseling.LetterTemplate": "wording of letters, with placeholders",
    "counseling.ClientNumberCounter": "a counter",
    "sponsorship.TrainingSession": "dates and places of seminars",
    "sponsorship.ProgramSettings": "the office's matching weights",
    "events.Program": "public content",
    "events.ProgramTranslation": "public content",
    "events.Event": "public content",
    "events.EventTranslation": "public content",
    "events.Feedback": "anonymous answers, stored apart from the registration",
    "reports.ReportSettings": "a threshold",
    "reports.FunderTemplate": "which figures a funder wants",
    "reports.FunderTemplateItem": "which figures a funder wants",
    "privacy.RetentionRule": "an office's retention periods",
    "privacy.RetentionRun": "when the retention task ran and how many records it changed",
    "privacy.ErasureRecord": "a random reference, a date and counts: nothing about the person",
    "privacy.RetentionSchedule": "when the next retention run is due",
}

#: Field names that usually hold personal data: in a declared model they must be declared.
LOOKS_PERSONAL = (
    "name", "email", "phone", "address", "street", "birth", "note", "notes", "comment",
    "motivation", "recipient", "feedback", "reason", "gender", "contact", "agreement",
    "ip_address", "mood", "needs",
)  # fmt: skip


def declaration_for(model_label: str) -> Declaration | None:
    return next((d for d in REGISTER if d.model == model_label), None)
