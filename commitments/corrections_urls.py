urlpatterns: list = []  # public corrections log (issue 5)
