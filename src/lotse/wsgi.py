import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
application = get_wsgi_application()

from lotse.core.runtime import tune_garbage_collector  # noqa: E402  (after Django is set up)

tune_garbage_collector()
