from django.urls import include, path

app_name = "peticiones"

urlpatterns: list = [
    path("seguimiento/", include("peticiones.urls_seguimiento")),
]
