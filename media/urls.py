from django.urls import path

from media import room, views

app_name = "media"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("check-your-email/", views.check_email, name="check-email"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/<str:token>/", views.signed_in, name="signed-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("room/", room.room, name="room"),
    path("room/settings/", room.settings_page, name="settings"),
    path("room/releases/<int:pk>/", room.release_page, name="release"),
]
