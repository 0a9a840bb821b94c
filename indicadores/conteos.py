"""Per-month request counters (`ConteoMensual`) for the dashboard and the MIR, PostgreSQL only.

A row trigger on peticiones_peticion adds a request's contribution on INSERT, subtracts it on DELETE and does
both on an UPDATE that changes a counted field, so the counters change in the same transaction as the request
(whatever writes it: the ORM, `.update()`, raw SQL). `reconstruir()` (command `reconstruir_conteos`) recomputes
them from the requests, e.g. after a bulk load with triggers off. The definitions are the same as the direct
queries of `indicadores.tablero` / `indicadores.calculo`; `tests/test_indicadores_conteos.py` compares both.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet, Sum

from .models import ConteoMensual
from .periodos import Mes, zona

TABLA = "indicadores_conteomensual"
CLAVE = "mes, dimension, direccion_id, canal_id, evento_id, colonia_id"
CIFRAS = "recibidas, atendidas_recibidas, a_tiempo, tarde, atendidas"
# Fields whose change moves a request between counters; any other UPDATE does not fire the trigger.
CAMPOS = (
    "estado",
    "fecha_recepcion",
    "fecha_limite",
    "fecha_atendida",
    "fecha_improcedente",
    "direccion_id",
    "canal_id",
    "evento_id",
    "colonia_id",
)


def _mes_sql(columna: str) -> str:
    return f"date_trunc('month', {columna} AT TIME ZONE '{settings.TIME_ZONE}')::date"


def _contribucion(p: str) -> str:
    """SELECT of the counter rows one request (`p.` prefix: a row variable or the table) contributes to."""
    recibida = f"{p}estado <> 'duplicada'"
    atendida = f"{p}estado IN ('atendida', 'cerrada')"
    respondida = f"{p}estado IN ('atendida', 'cerrada', 'improcedente')"
    respuesta = f"COALESCE({p}fecha_atendida, {p}fecha_improcedente)"
    cifras_recepcion = (
        f"1, CASE WHEN {atendida} THEN 1 ELSE 0 END, "
        f"CASE WHEN {respondida} AND {respuesta} <= {p}fecha_limite THEN 1 ELSE 0 END, "
        f"CASE WHEN {respondida} AND {respuesta} > {p}fecha_limite THEN 1 ELSE 0 END, 0"
    )
    mes_r, mes_a = _mes_sql(f"{p}fecha_recepcion"), _mes_sql(f"{p}fecha_atendida")
    evento = f"COALESCE({p}evento_id, 0)"
    return (
        f"SELECT {mes_r}, 'c', {p}direccion_id, {p}canal_id, {evento}, 0, {cifras_recepcion} WHERE {recibida} "
        f"UNION ALL SELECT {mes_r}, 'l', {p}direccion_id, 0, 0, {p}colonia_id, {cifras_recepcion} WHERE {recibida} "
        f"UNION ALL SELECT {mes_a}, 'c', {p}direccion_id, {p}canal_id, {evento}, 0, 0, 0, 0, 0, 1 "
        f"WHERE {atendida} AND {p}fecha_atendida IS NOT NULL"
    )


def sql_instalar() -> list[str]:
    sumar = f"""
CREATE OR REPLACE FUNCTION indicadores_conteo_sumar(p peticiones_peticion, signo integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLA} AS c ({CLAVE}, {CIFRAS})
    SELECT m, d, di, ca, ev, co, signo * sum(r), signo * sum(ar), signo * sum(t), signo * sum(ta), signo * sum(a)
    FROM ({_contribucion("p.")}) AS x (m, d, di, ca, ev, co, r, ar, t, ta, a)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ({CLAVE}) DO UPDATE SET
        recibidas = c.recibidas + EXCLUDED.recibidas,
        atendidas_recibidas = c.atendidas_recibidas + EXCLUDED.atendidas_recibidas,
        a_tiempo = c.a_tiempo + EXCLUDED.a_tiempo,
        tarde = c.tarde + EXCLUDED.tarde,
        atendidas = c.atendidas + EXCLUDED.atendidas;
END $$"""
    disparador = """
CREATE OR REPLACE FUNCTION indicadores_conteo_peticion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM indicadores_conteomensual;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM indicadores_conteo_sumar(OLD, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM indicadores_conteo_sumar(NEW, 1);
    END IF;
    RETURN NULL;
END $$"""
    cambio = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in CAMPOS)
    return [
        sumar,
        disparador,
        "DROP TRIGGER IF EXISTS indicadores_conteo_alta_baja ON peticiones_peticion",
        "DROP TRIGGER IF EXISTS indicadores_conteo_cambio ON peticiones_peticion",
        "DROP TRIGGER IF EXISTS indicadores_conteo_vaciado ON peticiones_peticion",
        "CREATE TRIGGER indicadores_conteo_alta_baja AFTER INSERT OR DELETE ON peticiones_peticion "
        "FOR EACH ROW EXECUTE FUNCTION indicadores_conteo_peticion()",
        f"CREATE TRIGGER indicadores_conteo_cambio AFTER UPDATE ON peticiones_peticion FOR EACH ROW "
        f"WHEN ({cambio}) EXECUTE FUNCTION indicadores_conteo_peticion()",
        "CREATE TRIGGER indicadores_conteo_vaciado AFTER TRUNCATE ON peticiones_peticion "
        "FOR EACH STATEMENT EXECUTE FUNCTION indicadores_conteo_peticion()",
    ]


SQL_QUITAR = [
    "DROP TRIGGER IF EXISTS indicadores_conteo_alta_baja ON peticiones_peticion",
    "DROP TRIGGER IF EXISTS indicadores_conteo_cambio ON peticiones_peticion",
    "DROP TRIGGER IF EXISTS indicadores_conteo_vaciado ON peticiones_peticion",
    "DROP FUNCTION IF EXISTS indicadores_conteo_peticion()",
    "DROP FUNCTION IF EXISTS indicadores_conteo_sumar(peticiones_peticion, integer)",
]


def sql_reconstruir() -> list[str]:
    return [
        # Writers wait (readers do not) while the counters are recomputed, so none is lost in between.
        "LOCK TABLE peticiones_peticion IN SHARE MODE",
        f"DELETE FROM {TABLA}",
        f"INSERT INTO {TABLA} ({CLAVE}, {CIFRAS}) "
        f"SELECT m, d, di, ca, ev, co, sum(r), sum(ar), sum(t), sum(ta), sum(a) "
        f"FROM peticiones_peticion p CROSS JOIN LATERAL ({_contribucion('p.')}) "
        f"AS x (m, d, di, ca, ev, co, r, ar, t, ta, a) "
        f"GROUP BY 1, 2, 3, 4, 5, 6",
    ]


def disponibles() -> bool:
    """Whether the counters exist (PostgreSQL; in SQLite the figures come from the requests)."""
    return connection.vendor == "postgresql"


def reconstruir() -> int:
    """Recompute every counter from the requests; returns the number of counter rows."""
    if not disponibles():
        return 0
    with transaction.atomic(), connection.cursor() as c:
        for sentencia in sql_reconstruir():
            c.execute(sentencia)
    return ConteoMensual.objects.count()


def dia_de(mes: Mes) -> date:
    return date(mes.anio, mes.mes, 1)


def es_inicio_de_mes(momento: datetime) -> bool:
    """True for local midnight of a 1st (the bounds the counters can answer exactly)."""
    local = momento.astimezone(zona())
    return (local.day, local.hour, local.minute, local.second, local.microsecond) == (1, 0, 0, 0, 0)


def del_periodo(desde: Mes, hasta: Mes, direccion_id: int | None = None) -> QuerySet[ConteoMensual]:
    """Counter rows of the months [desde, hasta], optionally of one dirección."""
    qs = ConteoMensual.objects.filter(mes__gte=dia_de(desde), mes__lte=dia_de(hasta))
    return qs if direccion_id is None else qs.filter(direccion_id=direccion_id)


def sumas(qs: QuerySet[ConteoMensual], *cifras: str) -> dict:
    """SUM of `cifras` (0 when there are no rows)."""
    fila = qs.aggregate(**{c: Sum(c) for c in cifras})
    return {c: fila[c] or 0 for c in cifras}
