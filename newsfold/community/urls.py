from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from newsfold.community import accounts, views

app_name = "community"


def _form_page(view, heading, submit, **extra):
    """Django's account views, shown in the site's own form page."""
    return view.as_view(
        template_name="community/form_page.html",
        extra_context={"heading": heading, "submit": submit},
        **extra,
    )


def _message_page(view, heading, text, link="", link_text=""):
    return view.as_view(
        template_name="community/message_page.html",
        extra_context={"heading": heading, "text": text, "link": link, "link_text": link_text},
    )


urlpatterns = [
    path("account/signup/", accounts.signup, name="signup"),
    path(
        "account/login/",
        accounts.LoginView.as_view(
            template_name="community/login.html",
            extra_context={"heading": _("Log in"), "submit": _("Log in")},
        ),
        name="login",
    ),
    path("account/logout/", accounts.LogoutView.as_view(), name="logout"),
    path(
        "account/password/reset/",
        _form_page(
            auth.PasswordResetView,
            _("Reset your password"),
            _("Send me a link"),
            email_template_name="community/password_reset_email.txt",
            subject_template_name="community/password_reset_subject.txt",
            success_url=reverse_lazy("community:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "account/password/reset/sent/",
        _message_page(
            auth.PasswordResetDoneView,
            _("Check your email"),
            _("If an account has that address, a link to choose a new password is on its way."),
        ),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        _form_page(
            auth.PasswordResetConfirmView,
            _("Choose a new password"),
            _("Set my password"),
            success_url=reverse_lazy("community:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/done/",
        _message_page(
            auth.PasswordResetCompleteView,
            _("Password changed"),
            _("Your new password is set."),
            reverse_lazy("community:login"),
            _("Log in"),
        ),
        name="password_reset_complete",
    ),
    path(
        "account/password/change/",
        _form_page(
            auth.PasswordChangeView,
            _("Change your password"),
            _("Change my password"),
            success_url=reverse_lazy("community:preferences"),
        ),
        name="password_change",
    ),
    path("account/", accounts.preferences, name="preferences"),
    path("account/delete/", accounts.delete_account, name="delete"),
    path("account/export.json", accounts.export, name="export"),
    path("comments/<str:kind>/<id:pk>/", views.post_comment, name="comment"),
    path("comment/<id:pk>/edit/", views.edit_comment, name="comment-edit"),
    path("comment/<id:pk>/delete/", views.delete_comment, name="comment-delete"),
    path("comment/<id:pk>/report/", views.report_comment, name="comment-report"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<id:pk>/<str:action>/", views.moderate, name="moderate"),
    path("follow/", views.follow, name="follow"),
    path("saved/", views.saved, name="saved"),
    path("saved/<id:pk>/", views.bookmark, name="bookmark"),
    path("read/<id:pk>/", views.mark_read, name="read"),
    path("for-you/", views.for_you, name="for-you"),
]
