urlpatterns: list = []  # journalists' desk (issue 5)
