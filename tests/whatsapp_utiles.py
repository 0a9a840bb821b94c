"""WhatsApp Cloud API webhook payloads as Meta documents them (messages and statuses) and a signed POST."""

import hashlib
import hmac
import json
import time

SECRETO = "secreto-de-la-app-de-meta"


def _cambio(valor: dict) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "522291888845", "phone_number_id": "106540352242922"},
                            **valor,
                        },
                        "field": "messages",
                    }
                ],
            }
        ],
    }


def mensaje(
    tipo: str = "text",
    wa_id: str = "5212291112233",
    nombre: str = "Rosa Chama",
    id_: str = "wamid.1",
    hace_segundos: int = 0,
    **cuerpo,
) -> dict:
    """The `messages` webhook (object → entry → changes → value); sent `hace_segundos` ago (0: now)."""
    datos = {"from": wa_id, "id": id_, "timestamp": str(int(time.time()) - hace_segundos), "type": tipo}
    if tipo == "text":
        datos["text"] = {"body": cuerpo.get("texto", "Hay una fuga de agua en mi calle")}
    elif tipo == "location":
        datos["location"] = {
            "latitude": cuerpo.get("lat", 19.2001),
            "longitude": cuerpo.get("lng", -96.1401),
            "name": "Esquina de Arista",
            "address": "Calle Arista, Centro",
        }
    elif tipo == "image":
        datos["image"] = {
            "caption": "Así está",
            "mime_type": "image/jpeg",
            "sha256": "abc",
            "id": cuerpo.get("medio", "m1"),
        }
    else:
        datos[tipo] = {}
    return _cambio({"contacts": [{"profile": {"name": nombre}, "wa_id": wa_id}], "messages": [datos]})


def estado_fallido(wamid: str, codigo: int, wa_id: str = "5212291112233", titulo: str = "Message undeliverable"):
    """The `statuses` webhook of a message WhatsApp accepted and then could not deliver."""
    return _cambio(
        {
            "statuses": [
                {
                    "id": wamid,
                    "status": "failed",
                    "timestamp": str(int(time.time())),
                    "recipient_id": wa_id,
                    "errors": [{"code": codigo, "title": titulo, "message": titulo, "error_data": {"details": titulo}}],
                }
            ]
        }
    )


def enviar_webhook(client, payload, secreto: str | None = SECRETO, firma: str | None = None):
    cuerpo = json.dumps(payload).encode()
    cabeceras = {}
    if secreto is not None:
        cabeceras["HTTP_X_HUB_SIGNATURE_256"] = (
            firma or "sha256=" + hmac.new(secreto.encode(), cuerpo, hashlib.sha256).hexdigest()
        )
    return client.post("/whatsapp/webhook/", cuerpo, content_type="application/json", **cabeceras)
