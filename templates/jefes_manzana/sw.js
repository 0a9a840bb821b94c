/* SIRC · Jefes de Manzana: service worker (scope /jefes-manzana/). Keeps the app's shell on the phone so
   its pages open with no signal; the requests themselves are kept by the pages (IndexedDB, js/jefes_app.js)
   and sent when the signal returns. Version {{ version }}. */
"use strict";
const CACHE = "sirc-jdm-{{ version }}";
const ESTATICOS = {{ estaticos }};
const PAGINAS = {{ paginas }};
const SIN_CONEXION = {{ sin_conexion }};

self.addEventListener("install", (evento) => {
  evento.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(ESTATICOS);
    // Pages need the session cookie; a page that cannot be fetched now is kept the first time it is visited.
    await Promise.allSettled(PAGINAS.map(async (url) => {
      const respuesta = await fetch(url, { credentials: "same-origin", redirect: "follow" });
      if (respuesta.ok && !respuesta.redirected) await cache.put(url, respuesta);
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (evento) => {
  evento.waitUntil((async () => {
    for (const nombre of await caches.keys()) {
      if (nombre.startsWith("sirc-jdm-") && nombre !== CACHE) await caches.delete(nombre);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (evento) => {
  if (evento.data === "olvidar") evento.waitUntil(caches.delete(CACHE));  // on sign-out: nothing stays
});

self.addEventListener("fetch", (evento) => {
  const peticion = evento.request;
  const url = new URL(peticion.url);
  if (peticion.method !== "GET" || url.origin !== self.location.origin) return;
  if (ESTATICOS.includes(url.pathname)) {
    evento.respondWith(caches.match(url.pathname).then((guardada) => guardada || fetch(peticion)));
    return;
  }
  if (peticion.mode === "navigate" && url.pathname.startsWith(self.registration.scope.replace(self.location.origin, ""))) {
    // Network first (fresh data and CSRF token); the kept copy when there is no signal.
    evento.respondWith((async () => {
      try {
        const respuesta = await fetch(peticion);
        if (respuesta.ok && !respuesta.redirected && PAGINAS.includes(url.pathname)) {
          const cache = await caches.open(CACHE);
          await cache.put(url.pathname, respuesta.clone());
        }
        return respuesta;
      } catch (error) {
        return (await caches.match(url.pathname)) || (await caches.match(SIN_CONEXION)) || Response.error();
      }
    })());
  }
});
