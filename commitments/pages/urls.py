from django.urls import path

from commitments.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("pledges/", views.pledge_list, name="pledge-list"),
    path("pledges/<str:slug>/", views.pledge_detail, name="pledge-detail"),
    path("pledges/<str:slug>/report/", views.pledge_report, name="pledge-report"),
    # The link-preview image (Open Graph / Twitter) of a pledge.
    path("pledges/<str:slug>/card.png", views.pledge_card, name="pledge-card"),
    path("owners/<str:slug>/", views.owner_detail, name="owner-detail"),
    path("categories/<str:slug>/", views.category_detail, name="category-detail"),
    path("methodology/", views.methodology, name="methodology"),
    # The only pages other sites may frame or hotlink.
    path("embed/pledges/<str:slug>/", views.pledge_embed, name="pledge-embed"),
    path("badge/pledges/<str:slug>.svg", views.pledge_badge, name="pledge-badge"),
]
