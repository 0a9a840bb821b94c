"""Months and periods in Veracruz's local time (America/Mexico_City)."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from sirc.fechas import MESES, MESES_CORTOS


def zona() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def inicio_de_mes(anio: int, mes: int) -> datetime:
    """Local midnight of the 1st of the month (aware); mes may be 13 for January of the next year."""
    anio, mes = anio + (mes - 1) // 12, (mes - 1) % 12 + 1
    return datetime(anio, mes, 1, tzinfo=zona())


@dataclass(frozen=True, order=True)
class Mes:
    anio: int
    mes: int

    @classmethod
    def de(cls, momento: datetime) -> "Mes":
        local = timezone.localtime(momento, zona())
        return cls(local.year, local.month)

    @classmethod
    def actual(cls) -> "Mes":
        return cls.de(timezone.now())

    @classmethod
    def desde_texto(cls, texto: str) -> "Mes":
        """'2026-10' → Mes(2026, 10); ValueError with a Spanish message otherwise."""
        try:
            anio, mes = (int(p) for p in texto.strip().split("-"))
        except (ValueError, AttributeError):
            raise ValueError(f"«{texto}» no es un mes válido (use AAAA-MM, por ejemplo 2026-10).") from None
        if not 1 <= mes <= 12 or not 2000 <= anio <= 2100:
            raise ValueError(f"«{texto}» no es un mes válido (use AAAA-MM, por ejemplo 2026-10).")
        return cls(anio, mes)

    @property
    def inicio(self) -> datetime:
        return inicio_de_mes(self.anio, self.mes)

    @property
    def fin(self) -> datetime:
        """Start of the next month (exclusive end)."""
        return inicio_de_mes(self.anio, self.mes + 1)

    def mas(self, meses: int) -> "Mes":
        total = self.anio * 12 + (self.mes - 1) + meses
        return Mes(total // 12, total % 12 + 1)

    def anterior(self) -> "Mes":
        return self.mas(-1)

    @property
    def clave(self) -> str:
        return f"{self.anio:04d}-{self.mes:02d}"

    @property
    def nombre(self) -> str:
        return f"{MESES[self.mes - 1]} {self.anio}"

    @property
    def corto(self) -> str:
        return f"{MESES_CORTOS[self.mes - 1]} {self.anio}"

    def __str__(self) -> str:
        return self.nombre


def meses_entre(desde: Mes, hasta: Mes) -> list[Mes]:
    """Every month from `desde` to `hasta`, both included."""
    meses, mes = [], desde
    while mes <= hasta:
        meses.append(mes)
        mes = mes.mas(1)
    return meses
