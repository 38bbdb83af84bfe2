"""Starting a launch (OIDC initiation) and answering the tool's auth request with an id_token."""

from __future__ import annotations

from lti1p3platform.framework.django.message_launch import DjangoLTI1P3MessageLaunch
from lti1p3platform.framework.django.oidc_login import DjangoAPIOIDCLogin

from .gradebook import line_item_for
from .models import ContentLink
from .platform import RESOURCE_LINK_ID, DemoPlatform, platform_url
from .users import COURSE_TYPE, DemoUser

DEEP_LINK_HINT = "deep-link"
LINK_HINT_PREFIX = "link-"
DRILL_SETTINGS = {"activity": "jlpt_drill", "level": "N5", "item_count": "10"}
PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
EXT = "https://purl.imsglobal.org/spec/lti/claim/ext"


def identity_claims(user: DemoUser) -> dict:
    """The claim that names the login ID, as Moodle sends it (its ``ext`` claim's ``user_username``)."""
    return {EXT: {"user_username": user.login_id, "lms": "kagoshima-demo-lms"}}


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
        self.set_extra_claims({PRESENTATION: {"document_target": "window", "locale": user.locale},
                               **identity_claims(user)})
        base = self._platform_config.base_url
        item = line_item_for(course, int(DRILL_SETTINGS.get("item_count", 10)))
        self.set_ags(platform_url("lineitems", base), platform_url("lineitem", base, line_item_id=item.pk),
                     allow_creating_lineitems=False)
        if user.is_manager:  # the manager's view reads the course's roster
            self.set_nrps(platform_url("memberships", base, context_id=course.context_id))


class DemoDeepLinkLaunch(DemoMessageLaunch):
    """An ``LtiDeepLinkingRequest``: a manager adds activities to the course through the tool's picker."""

    def __init__(self, request, platform: DemoPlatform, user: DemoUser, request_id: str):
        super().__init__(request, platform, user)
        self.request_id = request_id

    def prepare_launch(self, preflight_response: dict) -> None:
        user, course = self.user, self.user.course
        self.set_user_data(user.lms_user_id, [user.role], full_name=user.display_name)
        self.set_launch_context_claim(course.context_id, [COURSE_TYPE], course.title, course.label)
        self.set_extra_claims({PRESENTATION: {"document_target": "iframe", "locale": user.locale},
                               **identity_claims(user)})
        self.set_dl(platform_url("deep_link_return", self._platform_config.base_url),
                    title=f"Add activities to {course.title}", accept_types={"ltiResourceLink"},
                    extra_data={"request": self.request_id})


class DemoLinkLaunch(DemoMessageLaunch):
    """A launch of a link the course got by deep linking: its own custom parameters and line item."""

    def __init__(self, request, platform: DemoPlatform, user: DemoUser, link: ContentLink):
        super().__init__(request, platform, user)
        self.link = link

    def prepare_launch(self, preflight_response: dict) -> None:
        user, course, link = self.user, self.user.course, self.link
        self.set_user_data(user.lms_user_id, [user.role], full_name=user.display_name)
        self.set_resource_link_claim(link.resource_link_id, title=link.title)
        self.set_launch_context_claim(course.context_id, [COURSE_TYPE], course.title, course.label)
        self.set_custom_parameters_claim(dict(link.custom))
        self.set_extra_claims({PRESENTATION: {"document_target": "iframe", "locale": user.locale},
                               **identity_claims(user)})
        if link.line_item_id:
            base = self._platform_config.base_url
            self.set_ags(platform_url("lineitems", base),
                         platform_url("lineitem", base, line_item_id=link.line_item_id),
                         allow_creating_lineitems=False)


def link_hint(link: ContentLink) -> str:
    return f"{LINK_HINT_PREFIX}{link.pk}"


def link_for(hint: str, user: DemoUser) -> ContentLink | None:
    """The course link a ``link-<pk>`` hint names, if it is in ``user``'s course."""
    pk = hint[len(LINK_HINT_PREFIX):] if hint.startswith(LINK_HINT_PREFIX) else ""
    if not pk.isdigit():
        return None
    return ContentLink.objects.filter(pk=int(pk), context_id=user.course.context_id).first()


def initiate(request, platform: DemoPlatform, user: DemoUser, hint: str = RESOURCE_LINK_ID):
    """The redirect to the tool's login URL (third-party initiated login)."""
    login = DemoOIDCLogin(request, platform)
    login.set_lti_message_hint(hint=hint)
    return login.initiate_login(user.lms_user_id)
