"""Import every feature's models so the metadata knows all tables."""

from consult.api.models import ApiToken  # noqa: F401
from consult.audit.models import AuditEvent  # noqa: F401
from consult.auth.models import Invitation, Membership, StaffSession, User  # noqa: F401
from consult.feedback.models import ThemeResponse  # noqa: F401
from consult.groupsession.models import GroupSession  # noqa: F401
from consult.implementation.models import Agreement, AgreementStatus  # noqa: F401
from consult.privacy.models import RetainedCount  # noqa: F401
from consult.regionpage.models import PageItem  # noqa: F401
from consult.regions.models import (  # noqa: F401
    Municipality,
    Region,
    StakeholderGroup,
    VisionChapter,
)
from consult.rounds.models import Question, Round  # noqa: F401
from consult.safeguarding.models import (  # noqa: F401
    CrisisSignal,
    SafeguardingContact,
    SignalAction,
)
from consult.submissions.models import (  # noqa: F401
    Answer,
    ImportBatch,
    InputSession,
    Submission,
)
from consult.themes.models import (  # noqa: F401
    AnalysisRun,
    Assignment,
    CurationEvent,
    SignOff,
    Theme,
    ThemeSet,
)
