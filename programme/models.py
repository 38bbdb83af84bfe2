"""The programme's registry (companies, learners, managers) and the daily activity the sync fills."""

from django.db import models


class Company(models.Model):
    """An employer in the prefecture that hosts learners (受入企業)."""

    name = models.CharField(max_length=200)
    employees = models.PositiveIntegerField()
    industry = models.CharField(max_length=100, blank=True)
    joined_on = models.DateField()
    address = models.CharField(max_length=300, blank=True)
    corporate_number = models.CharField(max_length=13, blank=True, db_index=True,
                                        help_text="法人番号 (13 digits), from the entry form")

    class Meta:
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name


class Manager(models.Model):
    """The company account that sees its own learners' progress (管理者)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="managers")
    login_id = models.CharField(max_length=64, unique=True)
    display_name = models.CharField(max_length=200)
    lms_user_id = models.CharField(max_length=255, unique=True, help_text="The user's ID in the host LMS")


class Learner(models.Model):
    """A foreign worker in the programme (学習者). Names and nationality are personal data."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        STOPPED = "stopped"

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="learners")
    login_id = models.CharField(max_length=64, unique=True)
    display_name = models.CharField(max_length=200)
    nationality = models.CharField(max_length=100)
    residence_status = models.CharField(max_length=100)
    help_language = models.CharField(max_length=8, default="en")
    level = models.CharField(max_length=8, default="N5")
    lms_user_id = models.CharField(max_length=255, unique=True,
                                   help_text="An ID an operator knows the host uses for this learner (often "
                                             "the login ID); hosts' own IDs are linked in LMS identities")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField()

    def __str__(self):
        return self.login_id  # never the name: strings end up in logs


class DailyActivity(models.Model):
    """One learner's day (Japan time), rebuilt from the hosts' records by ``nihongo sync``."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="activity")
    day = models.DateField()
    logins = models.PositiveIntegerField(default=0)
    items_answered = models.PositiveIntegerField(default=0)
    items_correct = models.PositiveIntegerField(default=0)
    best_score = models.FloatField(null=True, blank=True, help_text="Best drill score that day, 0–1")
    minutes = models.FloatField(default=0, help_text="Estimated study minutes, from the answers' times")
    other_events = models.PositiveIntegerField(
        default=0, help_text="Other things done in the course that day (pages, videos, problems)")

    #: A day present (docs/programme.md, "What counts as a login (P6)"): any activity that day.
    PRESENT = models.Q(logins__gt=0) | models.Q(items_answered__gt=0) | models.Q(other_events__gt=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "day"], name="one_activity_per_day")]
        ordering = ["day"]


class LmsIdentity(models.Model):
    """One user of one host (an LTI issuer, or a synced host such as ``openedx``) and the learner it is.

    Hosts name users their own way (Moodle's numeric id, Canvas's opaque id, Open edX's anonymous id),
    never by our login ID. A link is made from a claim the host sends that carries the login ID
    (docs/deployers/identities.md), or once by an operator. A subject that matches no one waits here,
    unmatched, with what its host said of it; its activity is held and added once it is linked.
    """

    class Status(models.TextChoices):
        LINKED = "linked"
        UNMATCHED = "unmatched"
        IGNORED = "ignored"

    issuer = models.CharField(max_length=255, help_text="The LTI issuer, or the synced host's name")
    subject = models.CharField(max_length=255, help_text="The host's ID for the user (LTI sub, username)")
    learner = models.ForeignKey(Learner, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="identities")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNMATCHED)
    via = models.CharField(max_length=100, blank=True,
                           help_text="How it was linked: the claim that named the login ID, or the operator")
    hints = models.JSONField(default=dict, blank=True,
                             help_text="What the host sent about the user (username, name), for review")
    held = models.JSONField(default=dict, blank=True,
                            help_text="Activity read while unmatched, per Japan day; added when linked")
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    linked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="one_identity_per_subject")]
        ordering = ["status", "first_seen", "id"]
        verbose_name_plural = "LMS identities"

    def __str__(self):
        return f"{self.issuer} {self.subject}"


class SeenLogin(models.Model):
    """A login already counted, so the same login read from two sources of one host counts once."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="+")
    host = models.CharField(max_length=255)
    at = models.DateTimeField()
    source = models.CharField(max_length=50, help_text="The sync source that read it")

    class Meta:
        indexes = [models.Index(fields=["learner", "host", "at"])]


class SyncRun(models.Model):
    """One run of ``nihongo sync`` for one source: what it read and what it changed."""

    source = models.CharField(max_length=50)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    records_read = models.PositiveIntegerField(default=0)
    rows_changed = models.PositiveIntegerField(default=0)
    unmatched_subjects = models.PositiveIntegerField(default=0)
    ok = models.BooleanField(default=True, help_text="False: the run failed, or skipped something (problems)")
    problems = models.TextField(blank=True, help_text="What failed or was skipped, named")


class SyncCheckpoint(models.Model):
    """Where the last successful sync of a source stopped (per-record-kind IDs, offsets…)."""

    source = models.CharField(max_length=50, unique=True)
    position = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)


class RuleDecision(models.Model):
    """A decision of the weekly-login rule, with the evidence it was taken on (P6, P7)."""

    class Kind(models.TextChoices):
        NUDGE = "nudge"
        WARNING = "warning"
        SUSPENSION = "suspension"
        IMPROVED = "improved"
        REPLACEMENT = "replacement"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="decisions")
    week = models.DateField(help_text="Monday of the week the decision is about")
    learners = models.ManyToManyField(Learner, blank=True, related_name="decisions")
    learner_key = models.CharField(max_length=500, help_text="The learners' IDs, for uniqueness")
    evidence = models.JSONField(default=dict)
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "company", "week", "learner_key"],
                                               name="one_decision_per_rule_week")]
        ordering = ["decided_at", "id"]


class Notice(models.Model):
    """A message waiting in the outbox, in the recipient's language (never sent from here)."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        SENT = "sent"

    decision = models.ForeignKey(RuleDecision, on_delete=models.CASCADE, related_name="notices")
    recipient_kind = models.CharField(max_length=16)  # learner | manager
    learner = models.ForeignKey(Learner, null=True, blank=True, on_delete=models.CASCADE)
    manager = models.ForeignKey(Manager, null=True, blank=True, on_delete=models.CASCADE)
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField()


class WaitingListEntry(models.Model):
    """A learner applicant waiting for a freed place (補充候補), in order of ``position``."""

    class Status(models.TextChoices):
        WAITING = "waiting"
        OFFERED = "offered"

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="waiting")
    position = models.PositiveIntegerField(unique=True)
    display_name = models.CharField(max_length=200)
    nationality = models.CharField(max_length=100)
    residence_status = models.CharField(max_length=100)
    help_language = models.CharField(max_length=8, default="en")
    added_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    offered_at = models.DateTimeField(null=True, blank=True)
    application = models.ForeignKey("Application", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="waiting")
    level = models.CharField(max_length=8, blank=True, help_text="Current JLPT/JFT level, if any")
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "waiting list"

    def __str__(self):
        return f"waiting #{self.position}"


class HostAction(models.Model):
    """Something a host LMS must do because of a decision (P6: stopped learners lose access there)."""

    class Status(models.TextChoices):
        PENDING = "pending"
        DONE = "done"
        FAILED = "failed"

    decision = models.ForeignKey(RuleDecision, on_delete=models.CASCADE, related_name="host_actions")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="host_actions")
    action = models.CharField(max_length=32, default="unenroll")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "learner", "action"],
                                               name="one_host_action_per_learner_decision")]


class OperationsEntry(models.Model):
    """The operators' log of incidents, planned maintenance and work done (O1, O9, P8 "work done")."""

    class Kind(models.TextChoices):
        INCIDENT = "incident"
        MAINTENANCE = "maintenance"
        WORK = "work"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True, help_text="No learners' personal data here")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    impact = models.TextField(blank=True, help_text="Incidents: who or what was affected, and how")
    cause = models.TextField(blank=True, help_text="Incidents: the cause, once known")
    recorded_by = models.CharField(max_length=100)

    class Meta:
        ordering = ["started_at", "id"]
        verbose_name_plural = "operations log"


class ProgrammeCounter(models.Model):
    """The programme's one row (id 1): its places and recruitment dates (P1, P3).

    Every approval locks this row, so approvals that could take the last places happen one at a time.
    """

    places = models.PositiveIntegerField(default=300)
    recruitment_opens_on = models.DateField(null=True, blank=True, help_text="Contract start (Japan time)")
    recruitment_closes_on = models.DateField(
        null=True, blank=True, help_text="Last day applications are accepted (Japan time); empty: 2026-08-31")

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_programme_counter")]

    def __str__(self):
        return f"programme: {self.places} places"


class Application(models.Model):
    """A company's application through the entry form (利用申請, P4): what the prefecture needs to decide.

    The company's details are kept as submitted; the learners are ``applicants`` (within the free
    places) and ``waiting`` (beyond them). The receipt number is what the company quotes.
    """

    class Status(models.TextChoices):
        RECEIVED = "received"
        FORWARDED = "forwarded"
        DECIDED = "decided"

    receipt_number = models.CharField(max_length=20, unique=True)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="applications")
    company_name = models.CharField(max_length=200)
    address = models.CharField(max_length=300)
    corporate_number = models.CharField(max_length=13)
    employees = models.PositiveIntegerField()
    industry = models.CharField(max_length=100)
    support_name = models.CharField(max_length=200, help_text="学習支援担当者")
    support_email = models.EmailField()
    support_phone = models.CharField(max_length=20)
    submitted_at = models.DateTimeField()
    consent_version = models.CharField(max_length=20, help_text="The privacy notice the company agreed to")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forwarded_by = models.CharField(max_length=100, blank=True)
    #: The same submission sent twice (a double click, two tabs) is this one application.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    #: Contacts (and, for a known company, changed details) count only once confirmed: by the prefecture's
    #: approval of a new company's first application, or by an operator (`nihongo applications confirm`).
    contact_confirmed_at = models.DateTimeField(null=True, blank=True)
    contact_confirmed_by = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        permissions = [
            ("forward_application", "Can forward applications to the prefecture"),
            ("review_application", "Can approve or reject applicants (prefecture)"),
        ]

    def __str__(self):
        return self.receipt_number


class ApplicationLearner(models.Model):
    """A learner named in a company's application (利用申請), until the prefecture decides (P4, P5)."""

    class Status(models.TextChoices):
        PENDING = "pending"
        APPROVED = "approved"
        REJECTED = "rejected"

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="applicants")
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="applicants")
    login_id = models.CharField(max_length=64, unique=True, help_text="Issued to the learner once approved")
    display_name = models.CharField(max_length=200)
    nationality = models.CharField(max_length=100)
    residence_status = models.CharField(max_length=100)
    help_language = models.CharField(max_length=8, default="en")
    level = models.CharField(max_length=8, blank=True, help_text="Current JLPT/JFT level, if any")
    email = models.EmailField(blank=True)
    applied_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    learner = models.OneToOneField(Learner, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="application")
    reviewer = models.CharField(max_length=100, blank=True, help_text="Who decided (login ID)")
    reason = models.TextField(blank=True, help_text="Why: the prefecture's reference; no personal data")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["applied_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="approved") | models.Q(learner__isnull=False),
                                   name="an_approved_applicant_is_a_learner"),
            models.CheckConstraint(condition=~models.Q(status="rejected") | ~models.Q(reason=""),
                                   name="a_rejection_has_its_reason"),
        ]

    def __str__(self):
        return self.login_id  # never the name: strings end up in logs


class ApplicationDecision(models.Model):
    """One decision on one applicant: who, when, why, and how it reached us (P5). Never edited."""

    class Outcome(models.TextChoices):
        APPROVED = "approved"
        REJECTED = "rejected"

    class Via(models.TextChoices):
        WEB = "web"
        SHEET = "sheet"

    applicant = models.ForeignKey(ApplicationLearner, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    decided_by = models.CharField(max_length=100, help_text="The prefecture's reviewer")
    recorded_by = models.CharField(max_length=100, help_text="Who entered it (the same, or the operator)")
    via = models.CharField(max_length=8, choices=Via.choices)
    reason = models.TextField()
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason="") & ~models.Q(decided_by=""),
                                              name="a_decision_says_who_and_why")]

    def __str__(self):
        return f"decision #{self.pk}: applicant #{self.applicant_id} {self.outcome}"


class RejectionCounter(models.Model):
    """Refused entry-form submissions, counted per Japan day and kind; nothing else of them is kept."""

    class Kind(models.TextChoices):
        INVALID = "invalid"
        CLOSED = "closed"

    day = models.DateField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "kind"], name="one_rejection_count_per_day")]

    def __str__(self):
        return f"{self.day} {self.kind}: {self.count}"


class AccessRecord(models.Model):
    """Who viewed or exported whose personal data, when, from where (O11: audits possible).

    Written by the admin's registry pages, the prefecture's review pages, the exports that carry names and
    the manager's view; read by ``nihongo audit``. Holds IDs, never the data itself.
    """

    class Action(models.TextChoices):
        VIEW = "view"
        EXPORT = "export"
        CHANGE = "change"

    at = models.DateTimeField(db_index=True)
    who = models.CharField(max_length=150, help_text="The user name, or the operator who ran a command")
    action = models.CharField(max_length=8, choices=Action.choices)
    what = models.CharField(max_length=100, help_text="The page or the export, e.g. admin:learner")
    company_ids = models.JSONField(default=list, blank=True)
    subjects = models.JSONField(default=list, blank=True, help_text="Login IDs or LMS user IDs concerned")
    where = models.CharField(max_length=100, blank=True, help_text="IP address, or 'cli' for a command")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["who", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.who} {self.action} {self.what}"
