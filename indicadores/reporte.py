"""Everything the monthly MIR report shows, gathered once (used by the page, the PDF and the archive)."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from peticiones.models import Peticion
from sirc import cifras

from . import tablero
from .calculo import SIN_FUENTE, ValorIndicador, formato_numero, series_del_anio, valores_del_mes
from .calendario import FilaCalendario, calendario
from .models import Programa
from .periodos import Mes


class SinPrograma(Exception):
    """There is no Programa Anual de Trabajo for the report's year."""


@dataclass
class ReporteMIR:
    programa: Programa
    mes: Mes
    corte: datetime
    valores: list[ValorIndicador]
    calendario: list[FilaCalendario]
    por_mes: list[dict]  # received vs attended, Jan–Dec of the year
    del_mes: dict  # received, attended, %, on-time figures of the month
    puntualidad: tablero.Puntualidad

    @property
    def sin_fuente(self) -> list[ValorIndicador]:
        return [v for v in self.valores if v.sin_fuente]

    def cifras(self) -> list[tuple[str, str, str]]:
        """(cifra, valor, definición) of the month, the definition beside every figure."""
        d, p = self.del_mes, self.puntualidad

        def pct(valor) -> str:
            return cifras.porcentaje(valor, vacio="no definido")

        def horas(valor) -> str:
            return "sin atendidas" if valor is None else f"{formato_numero(valor)} h"

        D = tablero.DEFINICIONES
        return [
            ("Solicitudes recibidas", formato_numero(d["recibidas"]), D["recibidas"]),
            ("Solicitudes atendidas", formato_numero(d["atendidas"]), D["atendidas"]),
            ("Porcentaje de atención (MIR)", pct(d["porcentaje"]), D["porcentaje"]),
            (
                "Atención a tiempo (vencidas abiertas cuentan como tarde)",
                pct(p.tasa),
                D["a_tiempo"]
                + f" Este mes: {p.a_tiempo} a tiempo, {p.tarde} tarde, {p.vencidas_abiertas} vencidas abiertas, "
                f"{p.en_plazo} abiertas aún en plazo.",
            ),
            ("Atención a tiempo sólo de respondidas (referencia)", pct(p.tasa_ingenua), D["a_tiempo_ingenua"]),
            ("Vencidas abiertas de lo recibido en el mes", formato_numero(d["vencidas"]), D["vencidas"]),
            ("Mediana del tiempo de atención", horas(d["mediana_horas"]), D["mediana"]),
            ("Percentil 90 del tiempo de atención", horas(d["p90_horas"]), D["p90"]),
        ]

    def datos(self) -> dict:
        """A JSON snapshot of the figures, stored with each issued report."""
        return {
            "periodo": self.mes.clave,
            "corte": self.corte.isoformat(),
            "programa": self.programa.anio,
            "indicadores": [
                {
                    "orden": v.indicador.orden,
                    "nombre": v.indicador.nombre,
                    "metodo": v.indicador.metodo_calculo,
                    "valor": None if v.valor is None else str(v.valor),
                    "valor_texto": v.valor_texto,
                    "numerador": v.numerador,
                    "denominador": v.denominador,
                    "meta_periodo": None if v.meta_periodo is None else str(v.meta_periodo),
                    "avance": None if v.avance is None else str(v.avance),
                    "semaforo": v.semaforo,
                    "sin_fuente": v.sin_fuente,
                }
                for v in self.valores
            ],
            "cifras": [{"cifra": c, "valor": v} for c, v, _ in self.cifras()],
            "por_mes": [
                {"mes": f["mes"].clave, "recibidas": f["recibidas"], "atendidas": f["atendidas"]} for f in self.por_mes
            ],
        }


def armar(mes: Mes, corte: datetime | None = None) -> ReporteMIR:
    """Compute the month's MIR report from live data (all requests: it is the programme's report)."""
    programa = Programa.objects.filter(anio=mes.anio).first()
    if programa is None:
        raise SinPrograma(
            f"No hay Programa Anual de Trabajo capturado para {mes.anio}. Un administrador puede copiarlo de otro "
            f"año en Administración › Programas anuales de trabajo."
        )
    corte = corte or timezone.now()
    qs = Peticion.objects.all()
    series = series_del_anio(mes.anio)
    valores = valores_del_mes(programa, mes, series)
    resumen = tablero.resumen(qs, mes.inicio, mes.fin, corte)
    return ReporteMIR(
        programa=programa,
        mes=mes,
        corte=corte,
        valores=valores,
        calendario=calendario(programa, hasta=mes, series=series),
        por_mes=_por_mes_de_series(series, mes.anio),
        del_mes=resumen,
        puntualidad=resumen["puntualidad"],
    )


def _por_mes_de_series(series: dict, anio: int) -> list[dict]:
    filas = []
    for m in range(1, 13):
        mes = Mes(anio, m)
        r = series["recibidas"].get(mes, 0)
        a = series["atendidas"].get(mes, 0)
        filas.append({"mes": mes, "recibidas": r, "atendidas": a})
    return filas


__all__ = ["SIN_FUENTE", "ReporteMIR", "SinPrograma", "armar"]
