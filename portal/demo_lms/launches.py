"""Starting a launch (OIDC initiation) and answering the tool's auth request with an id_token."""

from __future__ import annotations

from lti1p3platform.framework.django.message_launch import DjangoLTI1P3MessageLaunch
from lti1p3platform.framework.django.oidc_login import DjangoAPIOIDCLogin

from .gradebook import line_item_for
from .platform import RESOURCE_LINK_ID, DemoPlatform, platform_url
from .users import COURSE_TYPE, DemoUser

DRILL_SETTINGS = {"activity": "jlpt_drill", "level": "N5", "item_count": "10"}
PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"


class DemoOIDCLogin(DjangoAPIOIDCLogin):
    def set_lti_message_hint(self, **kwargs) -> None:
        self._lti_message_hint = kwargs["hint"]


class DemoMessageLaunch(DjangoLTI1P3MessageLaunch):
    """The id_token for one user's launch of the course's drill."""

    def __init__(self, request, platform: DemoPlatform, user: DemoUser):
        super().__init__(request, platform)
        self.user = user

    def prepare_launch(self, preflight_response: dict) -> None:
        user, course = self.user, self.user.course
        self.set_user_data(user.lms_user_id, [user.role], full_name=user.display_name)
        self.set_resource_link_claim(RESOURCE_LINK_ID, title="N5 vocabulary drill")
        self.set_launch_context_claim(course.context_id, [COURSE_TYPE], course.title, course.label)
        self.set_custom_parameters_claim(dict(DRILL_SETTINGS))
        # 0.1.8's set_launch_presentation_claim has no locale; the claim allows one.
        self.set_extra_claims({PRESENTATION: {"document_target": "window", "locale": user.locale}})
        base = self._platform_config.base_url
        item = line_item_for(course, int(DRILL_SETTINGS["item_count"]))
        self.set_ags(platform_url("lineitems", base), platform_url("lineitem", base, line_item_id=item.pk),
                     allow_creating_lineitems=False)
        if user.is_manager:  # the manager's view reads the course's roster
            self.set_nrps(platform_url("memberships", base, context_id=course.context_id))


def initiate(request, platform: DemoPlatform, user: DemoUser):
    """The redirect to the tool's login URL (third-party initiated login)."""
    login = DemoOIDCLogin(request, platform)
    login.set_lti_message_hint(hint=RESOURCE_LINK_ID)
    return login.initiate_login(user.lms_user_id)
