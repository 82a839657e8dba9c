urlpatterns: list = []  # review queue, article submission, API keys (issue 4)
