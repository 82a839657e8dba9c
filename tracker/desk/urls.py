"""The newsroom home and the journalists' desk, mounted under /newsroom/."""

from django.urls import path

from tracker.desk import views as desk
from tracker.desk.home import newsroom_home
from tracker.desk.public_name import public_name_edit

urlpatterns = [
    path("", newsroom_home, name="newsroom-home"),
    path("name/", public_name_edit, name="newsroom-public-name"),
    path("desk/", desk.desk, name="desk"),
    path("desk/pledges/<str:slug>/", desk.desk_pledge, name="desk-pledge"),
    path(
        "desk/pledges/<str:slug>/updates/",
        desk.status_update_create,
        name="desk-status-update",
    ),
    path(
        "desk/pledges/<str:slug>/measurements/",
        desk.measurement_create,
        name="desk-measurement",
    ),
    path(
        "desk/pledges/<str:slug>/corrections/status/",
        desk.status_update_correct,
        name="desk-status-correction",
    ),
    path(
        "desk/pledges/<str:slug>/corrections/measurement/",
        desk.measurement_correct,
        name="desk-measurement-correction",
    ),
    path(
        "desk/pledges/<str:slug>/amendments/",
        desk.amendment_create,
        name="desk-amendment",
    ),
    path("desk/pledges/<str:slug>/follow/", desk.follow, name="desk-follow"),
]
