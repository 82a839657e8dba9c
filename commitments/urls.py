from django.urls import path

from commitments import views

urlpatterns = [
    path("", views.home, name="home"),
    path("pledges/<str:slug>/", views.pledge_detail, name="pledge-detail"),
]
