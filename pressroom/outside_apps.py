"""The apps of other packages, named in the admin in the reader's language.

django-axes names its section after its label ("Axes") and django-tasks' database
backend with a plain string, so neither can be translated; these configurations,
named in INSTALLED_APPS, give them names that can. They live apart from
pressroom/apps.py because Django takes the one configuration it finds in an
app's apps.py module as the app's own.
"""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class SignInAttemptsConfig(AxesConfig):
    verbose_name = _("Sign-in attempts")


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
