"""The forms readers fill in."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from newsfold.community.comments import MAX_REASON, MAX_TEXT
from newsfold.community.prefs import muted_words_from
from newsfold.news.home import editions
from newsfold.sources.models import Source
from newsfold.sources.outlets import UNATTRIBUTED


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label=_("Email"), help_text=_("Only for resetting your password; never shown.")
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email exists: log in instead."))
        return email


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_REASON, required=False)


class PreferencesForm(forms.Form):
    edition = forms.ChoiceField(label=_("Edition"), required=False)
    language = forms.ChoiceField(label=_("Interface language"), required=False)
    muted_words = forms.CharField(
        label=_("Muted words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One word or phrase a line: articles holding it are hidden from you."),
    )
    muted_outlets = forms.MultipleChoiceField(
        label=_("Muted outlets"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = [("", _("All regions")), *editions()]
        self.fields["language"].choices = [("", _("As my browser asks")), *settings.LANGUAGES]
        outlets = Source.objects.exclude(name=UNATTRIBUTED).order_by("name")
        self.fields["muted_outlets"].choices = [(str(s.pk), s.name) for s in outlets]

    def clean_muted_words(self) -> list[str]:
        return muted_words_from(self.cleaned_data["muted_words"])

    def clean_muted_outlets(self) -> list[int]:
        return sorted(int(v) for v in self.cleaned_data["muted_outlets"])


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
