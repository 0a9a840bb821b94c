/* SIRC · Jefes de Manzana app (installable). On every page of the app:
   - registers the service worker (/jefes-manzana/sw.js) that keeps the shell on the phone;
   - sends the drafts kept on this phone (IndexedDB) as soon as there is signal, one at a time, each with its
     own key (`clave`): the server answers the same folio to a repeated send, so a draft is never filed twice;
   - shows what is waiting and what was sent.
   On «Presentar una petición»: a request filed with no signal is kept here (with its photo) instead of lost;
   with signal the form is sent as usual, and a copy of its fields stays until the server has it. */
(function () {
  "use strict";
  var app = document.getElementById("app-jdm");
  if (!app) return;
  var usuario = app.dataset.usuario || "";
  var lista = document.getElementById("borradores");
  var aviso = document.getElementById("estado-senal");
  var BD = "sirc-jefes-manzana", ALMACEN = "borradores";

  // --- service worker ------------------------------------------------------------------------------------
  if ("serviceWorker" in navigator && app.dataset.sw) {
    navigator.serviceWorker.register(app.dataset.sw, { scope: app.dataset.alcance }).catch(function () {});
    // Once the service worker controls the page, the app opens with no signal: say so (and tests wait on it).
    var listo = function () {
      if (!navigator.serviceWorker.controller) return;
      app.dataset.sinSenal = "listo";
      var nota = document.getElementById("sin-senal-listo");
      if (nota) nota.classList.remove("oculto");
    };
    listo();
    navigator.serviceWorker.addEventListener("controllerchange", listo);
    document.querySelectorAll("form[action$='/logout/']").forEach(function (salir) {
      salir.addEventListener("submit", function () {  // nothing of this person stays cached on a shared phone
        if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("olvidar");
      });
    });
  }

  // --- IndexedDB -------------------------------------------------------------------------------------------
  function abrir() {
    return new Promise(function (resolver, rechazar) {
      var solicitud = indexedDB.open(BD, 1);
      solicitud.onupgradeneeded = function () { solicitud.result.createObjectStore(ALMACEN, { keyPath: "clave" }); };
      solicitud.onsuccess = function () { resolver(solicitud.result); };
      solicitud.onerror = function () { rechazar(solicitud.error); };
    });
  }
  function operar(modo, accion) {
    return abrir().then(function (bd) {
      return new Promise(function (resolver, rechazar) {
        var tx = bd.transaction(ALMACEN, modo), resultado;
        var peticion = accion(tx.objectStore(ALMACEN));
        if (peticion) peticion.onsuccess = function () { resultado = peticion.result; };
        tx.oncomplete = function () { bd.close(); resolver(resultado); };
        tx.onerror = tx.onabort = function () { bd.close(); rechazar(tx.error); };
      });
    });
  }
  function guardar(borrador) { return operar("readwrite", function (a) { return a.put(borrador); }); }
  function borrar(clave) { return operar("readwrite", function (a) { return a.delete(clave); }); }
  function todos() {
    return operar("readonly", function (a) { return a.getAll(); }).then(function (items) {
      return (items || []).filter(function (b) { return b.usuario === usuario; })
        .sort(function (x, y) { return x.creado - y.creado; });
    });
  }

  // --- showing them ----------------------------------------------------------------------------------------
  var enviados = [];
  function texto(valor) { return document.createTextNode(valor); }
  function pintar() {
    return todos().then(function (pendientes) {
      lista.textContent = "";
      if (!pendientes.length && !enviados.length) return;
      var ul = document.createElement("ul");
      pendientes.forEach(function (b) {
        var li = document.createElement("li");
        li.className = b.error ? "pendiente con-error" : "pendiente";
        li.appendChild(texto((b.error ? "No se pudo enviar: " + b.error + " — " : "Sin enviar: ") +
          (b.resumen || "petición") + (b.error ? "" : " · se enviará al volver la señal.")));
        ul.appendChild(li);
      });
      enviados.forEach(function (e) {
        var li = document.createElement("li"), a = document.createElement("a");
        li.className = "enviado";
        li.appendChild(texto("Enviada: " + e.resumen + " · folio "));
        a.href = e.url; a.textContent = e.folio; a.className = "folio-enviado";
        li.appendChild(a);
        ul.appendChild(li);
      });
      lista.appendChild(ul);
    }).catch(function () {});
  }
  function senal() { if (aviso) aviso.classList.toggle("oculto", navigator.onLine); }

  // --- sending ---------------------------------------------------------------------------------------------
  function token() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function enviar(b) {
    var datos = new FormData();
    Object.keys(b.campos).forEach(function (nombre) {
      [].concat(b.campos[nombre]).forEach(function (valor) { datos.append(nombre, valor); });
    });
    if (b.foto) datos.append("foto", b.foto, b.nombreFoto || "foto.jpg");
    return fetch(app.dataset.nueva, {
      method: "POST", body: datos, credentials: "same-origin", redirect: "manual",
      headers: { "Accept": "application/json", "X-CSRFToken": token() }
    }).then(function (r) {
      if (r.type === "opaqueredirect" || r.status === 0 || r.status === 302) {
        return { conservar: true, error: "inicie sesión de nuevo para enviarlo" };
      }
      return r.json().then(function (cuerpo) {
        if (r.status === 201) return { folio: cuerpo.folio, url: cuerpo.url };
        if (r.status === 422) {
          var mensajes = [];
          Object.keys(cuerpo.errores || {}).forEach(function (c) { mensajes = mensajes.concat(cuerpo.errores[c]); });
          return { conservar: b.origen === "sin-senal", error: mensajes.join(" ") || "revise los datos" };
        }
        return { conservar: true, error: cuerpo.error || ("el servidor respondió " + r.status) };
      }, function () { return { conservar: true, error: "respuesta inesperada del servidor" }; });
    });
  }
  var vaciando = false;
  function vaciar() {
    if (vaciando || !navigator.onLine) return Promise.resolve();
    vaciando = true;
    return todos().then(function (pendientes) {
      return pendientes.filter(function (b) { return !b.error; }).reduce(function (cadena, b) {
        return cadena.then(function () {
          return enviar(b).then(function (r) {
            if (r.folio) {
              if (b.origen === "sin-senal") enviados.push({ folio: r.folio, url: r.url, resumen: b.resumen });
              return borrar(b.clave);
            }
            if (!r.conservar) return borrar(b.clave);
            b.error = r.error;
            return guardar(b);
          }, function () { /* no signal after all: it stays for the next time */ });
        });
      }, Promise.resolve());
    }).catch(function () {}).then(function () { vaciando = false; return pintar(); });
  }

  // --- the form --------------------------------------------------------------------------------------------
  var form = document.getElementById("form-vecino");
  function nuevaClave() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }
  function borradorDe(origen) {
    var campos = {}, datos = new FormData(form), foto = null, nombreFoto = "";
    datos.forEach(function (valor, nombre) {
      if (nombre === "csrfmiddlewaretoken") return;
      if (valor instanceof File) { if (valor.size) { foto = valor; nombreFoto = valor.name; } return; }
      if (nombre in campos) campos[nombre] = [].concat(campos[nombre], valor); else campos[nombre] = valor;
    });
    if (!campos.clave) campos.clave = nuevaClave();
    var categoria = form.querySelector("#id_categoria");
    var etiqueta = categoria && categoria.selectedIndex > 0 ? categoria.options[categoria.selectedIndex].text : "Petición";
    return {
      clave: campos.clave, usuario: usuario, origen: origen, creado: Date.now(), campos: campos,
      foto: origen === "sin-senal" ? foto : null, nombreFoto: nombreFoto,
      resumen: etiqueta + (campos.nombre ? " · vecino " + campos.nombre : "")
    };
  }
  if (form) {
    var conError = form.querySelector(".errorlist ~ input, [aria-invalid=true]");
    if (conError) conError.focus();
    ["nombre", "descripcion", "calle"].forEach(function (campo) {  // the browser checks these before keeping a draft
      var entrada = form.querySelector("#id_" + campo);
      if (entrada) entrada.required = true;
    });
    var aviso_privacidad = form.querySelector("#id_aviso_privacidad");
    if (aviso_privacidad) aviso_privacidad.required = true;

    window.SircMapaPunto && window.SircMapaPunto.iniciar({
      mapa: document.getElementById("mapa"), latitud: document.getElementById("id_latitud"),
      longitud: document.getElementById("id_longitud"), texto: document.getElementById("punto-texto"),
      quitar: document.getElementById("pin-quitar"), ubicacion: document.getElementById("mi-ubicacion")
    });
    var foto = form.querySelector("#id_foto"), vista = document.getElementById("vista-foto");
    if (foto && vista) foto.addEventListener("change", function () {
      var archivo = foto.files && foto.files[0];
      if (!archivo) { vista.classList.add("oculto"); return; }
      vista.src = URL.createObjectURL(archivo); vista.classList.remove("oculto");
    });

    form.addEventListener("submit", function (e) {
      if (navigator.onLine) {
        // Signal: the form goes as usual; a copy (without the photo) stays until the server has it.
        try { guardar(borradorDe("respaldo")); } catch (error) { /* private mode: the form still goes */ }
        return;
      }
      e.preventDefault();
      if (!form.reportValidity()) return;
      var borrador = borradorDe("sin-senal");
      guardar(borrador).then(function () {
        form.reset();
        var clave = form.querySelector("input[name=clave]");
        if (clave) clave.value = nuevaClave();
        if (vista) vista.classList.add("oculto");
        window.scrollTo(0, 0);
        return pintar();
      }).catch(function () {
        alert("No se pudo guardar en este teléfono. Intente de nuevo con señal.");
      });
    });
  }

  window.addEventListener("online", function () { senal(); vaciar(); });
  window.addEventListener("offline", senal);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) vaciar(); });
  senal();
  pintar().then(vaciar);
})();
