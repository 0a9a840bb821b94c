"""The first version of the aviso de privacidad (LGPDPPSO, 2025). Admins publish new versions in /admin/."""

from django.db import migrations

SIMPLIFICADO = (
    "El H. Ayuntamiento de Veracruz, por medio de la Dirección de Atención Ciudadana, es responsable de los datos "
    "personales que nos proporcione (nombre, teléfono, correo electrónico y domicilio). Los usamos para registrar, "
    "turnar y dar seguimiento a su petición, avisarle de su avance y llamarle para saber si se resolvió; también "
    "para estadísticas sin datos que lo identifiquen. Sólo los compartimos con la dependencia municipal que debe "
    "atender su petición. Si no desea que lo contactemos para el seguimiento, puede oponerse en cualquier momento. "
    "Puede ejercer sus derechos de acceso, rectificación, cancelación y oposición (ARCO) ante la Unidad de "
    "Transparencia o llamando a la Línea 072. Consulte el aviso de privacidad integral en /aviso-de-privacidad/."
)
GUION = (
    "Antes de tomar sus datos: el Ayuntamiento de Veracruz usará su nombre y teléfono sólo para atender su reporte, "
    "avisarle de su avance y llamarle para saber si quedó resuelto. Puede consultar el aviso completo en la página "
    "del Ayuntamiento o pedirlo aquí. ¿Está de acuerdo?"
)
INTEGRAL = """AVISO DE PRIVACIDAD INTEGRAL
Sistema Integral de Relación con Ciudadanos (SIRC)

Responsable. El H. Ayuntamiento de Veracruz, Ver., a través de la Dirección de Atención Ciudadana, con domicilio en el Palacio Municipal, Zaragoza s/n, Centro, C.P. 91700, Veracruz, Ver., es responsable del tratamiento de los datos personales que se recaban por la Línea 072, el centro de atención telefónica, WhatsApp, el chat del sitio web, redes sociales, las oficinas, las brigadas y los Jefes de Manzana, conforme a la Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados y la legislación del Estado de Veracruz en la materia.

Datos personales que se recaban. Nombre y apellidos, teléfono, correo electrónico, domicilio y colonia; la descripción y ubicación del problema que reporta; y, si decide darla, su opinión sobre el servicio. No se recaban datos personales sensibles. Las denuncias pueden presentarse de forma anónima.

Finalidades. (1) Registrar su petición, queja, denuncia o sugerencia y darle un folio; (2) turnarla a la dependencia municipal competente y darle seguimiento hasta su atención; (3) avisarle por SMS, WhatsApp o correo electrónico del avance y de la respuesta; (4) llamarle o visitarle para confirmar que el problema se resolvió y conocer su satisfacción; (5) elaborar estadísticas e indicadores del Programa Anual de Trabajo, en las que no se le identifica. Las finalidades 3 y 4 no son necesarias para atender su petición: puede oponerse a ellas en cualquier momento sin que su petición deje de atenderse.

Fundamento. Artículos 115 de la Constitución Política de los Estados Unidos Mexicanos; 8 (derecho de petición); la Ley Orgánica del Municipio Libre del Estado de Veracruz; la Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados y el Reglamento de Atención Ciudadana del Municipio.

Transferencias. Sus datos se comunican a la dirección municipal que atiende su petición y, si la competencia es de otra autoridad, a ésta para que la atienda. No se transfieren a terceros para otros fines, salvo los casos que la ley permite sin su consentimiento (por ejemplo, requerimientos de autoridad competente).

Conservación. Los datos se conservan mientras su petición esté en trámite y hasta cinco años después de concluida; después se anonimizan de forma que las estadísticas se conservan sin datos que lo identifiquen.

Derechos ARCO. Usted puede solicitar el acceso a sus datos, su rectificación, su cancelación u oponerse a su tratamiento presentando su solicitud ante la Unidad de Transparencia del H. Ayuntamiento de Veracruz (Palacio Municipal, Zaragoza s/n, Centro), por la Plataforma Nacional de Transparencia o por la Línea 072. Debe acreditar su identidad (o la de su representante) con identificación oficial. La respuesta se le dará en un plazo máximo de veinte días hábiles contados desde el día siguiente a la recepción de su solicitud.

Cambios al aviso. Cualquier cambio a este aviso se publicará en esta misma página, con su número de versión y fecha; cada petición registra la versión del aviso que usted aceptó."""


def crear(apps, schema_editor):
    Aviso = apps.get_model("peticiones", "AvisoPrivacidad")
    if not Aviso.objects.exists():
        Aviso.objects.create(version=1, simplificado=SIMPLIFICADO, guion=GUION, integral=INTEGRAL)


class Migration(migrations.Migration):
    dependencies = [("peticiones", "0010_privacidad_arco")]

    operations = [migrations.RunPython(crear, migrations.RunPython.noop)]
