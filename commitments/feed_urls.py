urlpatterns: list = []  # Atom feeds (issue 7)
