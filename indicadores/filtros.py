"""Filters of the dashboard, the heat map and the exports: validated, with Spanish errors, never lost."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from peticiones.models import Categoria, Direccion, Peticion
from peticiones.visibilidad import visibles_para

from .periodos import Mes

MAXIMO_MESES = 36


class CampoMes(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month"})

    def prepare_value(self, value):
        return value.clave if isinstance(value, Mes) else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return Mes.desde_texto(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class FiltroPeriodo(forms.Form):
    desde = CampoMes(label="Desde (mes)", required=False)
    hasta = CampoMes(label="Hasta (mes)", required=False)

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        hasta = hasta or Mes.actual()
        desde = desde or hasta.mas(-11)
        if desde > hasta:
            raise forms.ValidationError("El mes «desde» debe ser anterior o igual al mes «hasta».")
        if len(range(desde.anio * 12 + desde.mes, hasta.anio * 12 + hasta.mes + 1)) > MAXIMO_MESES:
            raise forms.ValidationError(f"Elija un periodo de {MAXIMO_MESES} meses o menos.")
        datos["desde"], datos["hasta"] = desde, hasta
        return datos


def _campo_direccion() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Dirección",
        queryset=Direccion.objects.all(),
        required=False,
        empty_label="Todas las direcciones",
        error_messages={"invalid_choice": "Esa dirección no existe."},
    )


class FiltroTablero(FiltroPeriodo):
    direccion = _campo_direccion()


class FiltroMapa(FiltroPeriodo):
    categoria = forms.ModelChoiceField(
        label="Categoría",
        queryset=Categoria.objects.select_related("direccion").order_by("nombre"),
        required=False,
        empty_label="Todas las categorías",
        error_messages={"invalid_choice": "Esa categoría no existe."},
    )
    direccion = _campo_direccion()


@dataclass
class Filtros:
    """Clean filter values, whichever form produced them."""

    desde: Mes
    hasta: Mes
    direccion: Direccion | None = None
    categoria: Categoria | None = None

    @property
    def inicio(self) -> datetime:
        return self.desde.inicio

    @property
    def fin(self) -> datetime:
        return self.hasta.fin

    def peticiones(self, usuario: AbstractBaseUser) -> QuerySet[Peticion]:
        """The requests `usuario` may see, narrowed by dirección and categoría (not by date)."""
        qs = visibles_para(usuario)
        if self.direccion is not None:
            qs = qs.filter(direccion=self.direccion)
        if self.categoria is not None:
            qs = qs.filter(categoria=self.categoria)
        return qs

    def como_parametros(self) -> dict[str, str]:
        parametros = {"desde": self.desde.clave, "hasta": self.hasta.clave}
        if self.direccion is not None:
            parametros["direccion"] = str(self.direccion.pk)
        if self.categoria is not None:
            parametros["categoria"] = str(self.categoria.pk)
        return parametros

    def descripcion(self) -> str:
        texto = f"{self.desde.corto} a {self.hasta.corto}"
        if self.direccion is not None:
            texto += f" · {self.direccion.nombre}"
        if self.categoria is not None:
            texto += f" · {self.categoria.nombre}"
        return texto


def por_omision() -> dict:
    """The last twelve months, the current one included."""
    hasta = Mes.actual()
    return {"desde": hasta.mas(-11), "hasta": hasta}


def leer_filtros(datos, formulario=FiltroTablero) -> tuple[forms.Form, Filtros]:
    """Bind the form; on errors fall back to the default period so the page still shows figures."""
    form = formulario(datos or None, initial=por_omision())
    limpio = form.cleaned_data if form.is_bound and form.is_valid() else por_omision()
    return form, Filtros(
        desde=limpio["desde"],
        hasta=limpio["hasta"],
        direccion=limpio.get("direccion"),
        categoria=limpio.get("categoria"),
    )
