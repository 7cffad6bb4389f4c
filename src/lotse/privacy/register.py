"""The register of personal data: every field that holds personal data, in one place, with its
purpose, legal basis and retention rule (GDPR Art. 5, 6, 30).

`tests/privacy/test_register.py` keeps it complete: every model of Lotse is either declared here
or listed in NOT_PERSONAL with a reason, every declared field exists, and a field whose name
looks personal (name, e-mail, phone, address, notes, ...) in a declared model is declared or
explicitly exempted. A new model or field with personal data therefore fails the tests until
someone decides here what it is for and how long it is kept.

Retention rules are named here; issue 8's retention task and the records of processing (Art. 30)
are to be generated from this register.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

#: Retention rules by key: what the retention task is to do (issue 8 makes them configurable).
RETENTION = {
    "counseling-3y": _("Erased 3 years after the last contact, unless a case is open."),
    "events-6m": _("Name and contact cleared 6 months after the event."),
    "volunteer-end-1y": _("Erased 1 year after the end of the volunteering."),
    "application-rejected-6m": _("Erased 6 months after an application was declined."),
    "request-closed-1y": _("Contact cleared 1 year after the request was closed."),
    "account": _("Kept while the account exists; removed with it."),
    "pool-active": _("Kept while the person is in the pool; erased 1 year after leaving."),
    "audit-2y": _("Audit entries are kept 2 years (accountability, Art. 5 (2) GDPR)."),
    "directory-contact": _("Kept while the service is listed; removed with the contact."),
}


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
        "core.AuditEntry", ("actor", "ip_address", "object_id"), STAFF, LEGITIMATE_INTEREST,
        "audit-2y",
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
         "abroad_country", "languages", "last_contact_at"),
        COUNSELING, PUBLIC_TASK, "counseling-3y",
    ),
    Declaration(
        "counseling.HouseholdLink", ("person", "relative", "relation"), COUNSELING, PUBLIC_TASK,
        "counseling-3y",
    ),
    Declaration(
        "counseling.Consent", ("person", "purpose", "given_on", "form", "withdrawn_on"),
        COUNSELING, CONSENT, "counseling-3y",
    ),
    Declaration(
        "counseling.Consultation", ("person", "notes", "outcome", "next_steps", "interpreted_by"),
        COUNSELING, PUBLIC_TASK, "counseling-3y",
        not_personal={"subject": _("An opaque number that names nobody; kept for statistics.")},
    ),
    Declaration(
        "counseling.Referral", ("person", "reason"), COUNSELING, PUBLIC_TASK, "counseling-3y",
    ),
    Declaration(
        "counseling.HandoverLetter", ("recipient",), COUNSELING, CONSENT, "counseling-3y",
    ),
    Declaration(
        "counseling.Outcome", ("person", "note"), COUNSELING, PUBLIC_TASK, "counseling-3y",
    ),
    Declaration(
        "counseling.RecognitionCase",
        ("person", "profession", "country", "reference_occupation", "decision"),
        COUNSELING, PUBLIC_TASK, "counseling-3y",
    ),
    Declaration(
        "counseling.FollowUp", ("person", "title"), COUNSELING, PUBLIC_TASK, "counseling-3y",
    ),
    Declaration(
        "sponsorship.Volunteer",
        ("first_name", "last_name", "email", "phone", "district", "gender", "availability",
         "offers", "interests", "prefers", "motivation", "pledge_signed_on",
         "certificate_seen_on", "certificate_recheck_on", "coordinator_notes", "user"),
        SPONSORS, CONSENT, "volunteer-end-1y",
    ),
    Declaration(
        "sponsorship.VolunteerLanguage", ("volunteer", "language", "level"), SPONSORS, CONSENT,
        "volunteer-end-1y",
    ),
    Declaration(
        "sponsorship.Attendance", ("volunteer", "status"), SPONSORS, CONSENT, "volunteer-end-1y",
    ),
    Declaration(
        "sponsorship.SponsorshipRequest",
        ("person", "needs", "languages", "district", "availability", "has_children",
         "gender_preference", "interests", "note", "contact_name", "contact_email",
         "contact_phone"),
        SPONSORS, CONSENT, "request-closed-1y",
        not_personal={"close_reason": _("A choice among fixed reasons (matched, withdrawn…).")},
    ),
    Declaration(
        "sponsorship.Proposal", ("volunteer", "reasons"), SPONSORS, CONSENT, "request-closed-1y",
    ),
    Declaration(
        "sponsorship.Tandem",
        ("volunteer", "person", "agreement", "usual_places", "end_reason", "feedback_newcomer",
         "feedback_volunteer"),
        SPONSORS, CONSENT, "volunteer-end-1y",
        not_personal={"last_contact_on": _("A date the alerts use.")},
    ),
    Declaration(
        "sponsorship.CheckIn", ("mood", "note"), SPONSORS, CONSENT, "volunteer-end-1y",
        not_personal={"had_contact": _("Yes or no, for the alerts.")},
    ),
    Declaration(
        "pool.PoolMember", ("name", "email", "phone", "languages", "availability", "fee_note",
                            "notes"),
        POOL, CONTRACT, "pool-active",
    ),
    Declaration(
        "events.Registration",
        ("name", "email", "phone", "language", "interpreting_into", "childcare",
         "accessibility_needs"),
        EVENTS, CONSENT, "events-6m",
        not_personal={
            "target_group": _("Kept for statistics once the name and contact are cleared."),
            "country_of_origin": _("Kept for statistics once the name and contact are cleared."),
            "feedback_requested_at": _("When the request went out; the answer is stored apart."),
            "feedback_given_at": _("Whether feedback came; the answer is stored apart."),
        },
    ),
    Declaration(
        "events.Staffing", ("member", "note"), POOL, CONTRACT, "pool-active",
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
}

#: Field names that usually hold personal data: in a declared model they must be declared.
LOOKS_PERSONAL = (
    "name", "email", "phone", "address", "street", "birth", "note", "notes", "comment",
    "motivation", "recipient", "feedback", "reason", "gender", "contact", "agreement",
    "ip_address", "mood", "needs",
)  # fmt: skip


def declaration_for(model_label: str) -> Declaration | None:
    return next((d for d in REGISTER if d.model == model_label), None)
