"""The operators' view of the platforms the tool trusts (the same checks as ``nihongo lti register``)."""

from django import forms
from django.contrib import admin

from .models import PlatformRegistration
from .operations import RegistrationError, check_url


class PlatformRegistrationForm(forms.ModelForm):
    # CharFields, checked by ``check_url`` (Django's URLField would guess a scheme for a bare host).
    auth_login_url = forms.CharField(max_length=500, label="Login (auth) URL")
    auth_token_url = forms.CharField(max_length=500, label="Access token URL")
    key_set_url = forms.CharField(max_length=500, label="Key set (JWKS) URL")
    deployment_ids = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One deployment ID per line (Moodle: the tool's Deployment ID; Open edX: 1).")

    class Meta:
        model = PlatformRegistration
        fields = ("name", "issuer", "client_id", "auth_login_url", "auth_token_url", "auth_audience",
                  "key_set_url", "deployment_ids")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["deployment_ids"] = "\n".join(self.instance.deployment_ids)

    def clean_deployment_ids(self):
        lines = self.cleaned_data["deployment_ids"].splitlines()
        ids = [d for d in dict.fromkeys(x.strip() for x in lines) if d]
        if not ids:
            raise forms.ValidationError("Give at least one deployment ID.")
        return ids

    def _url(self, field: str, label: str) -> str:
        url = self.cleaned_data.get(field, "")
        try:
            return check_url(label, url)
        except RegistrationError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_auth_login_url(self):
        return self._url("auth_login_url", "The login (auth) URL")

    def clean_auth_token_url(self):
        return self._url("auth_token_url", "The token URL")

    def clean_key_set_url(self):
        return self._url("key_set_url", "The key set URL")


@admin.register(PlatformRegistration)
class PlatformRegistrationAdmin(admin.ModelAdmin):
    form = PlatformRegistrationForm
    list_display = ("name", "issuer", "client_id", "deployments")
    search_fields = ("name", "issuer", "client_id")

    @admin.display(description="deployment IDs")
    def deployments(self, obj: PlatformRegistration) -> str:
        return ", ".join(obj.deployment_ids)
