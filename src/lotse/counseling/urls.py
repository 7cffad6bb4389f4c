from lotse.counseling.urls_people import urlpatterns as people_urlpatterns
from lotse.counseling.urls_work import urlpatterns as work_urlpatterns

app_name = "counseling"

urlpatterns = people_urlpatterns + work_urlpatterns
