-- wrk script for bench/paginas_http.py. Configuration from the environment:
--   WRK_METODO  GET or POST
--   WRK_RUTAS   paths separated by newlines; each request takes one at random
--   WRK_COOKIE  Cookie header (session and CSRF cookies)
--   WRK_SECRETO the CSRF secret (csrftoken cookie); every POST gets a freshly masked token
--   WRK_CUERPO  POST body with @CLAVE@ (fresh UUID), @TELEFONO@ (fresh 10-digit phone), @CSRF@
-- done() prints one JSON line: requests, duration (us), status errors and p50/p95/p99 latency (us).

local metodo = os.getenv("WRK_METODO") or "GET"
local cookie = os.getenv("WRK_COOKIE") or ""
local secreto = os.getenv("WRK_SECRETO") or ""
local cuerpo = os.getenv("WRK_CUERPO") or ""
local rutas = {}
for r in string.gmatch(os.getenv("WRK_RUTAS") or "/", "[^\n]+") do
   rutas[#rutas + 1] = r
end

local hilos = 0
function setup(thread)
   hilos = hilos + 1
   thread:set("numero_hilo", hilos)
end

local ALFABETO = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
local contador = 0

function init(args)
   math.randomseed(os.time() * 1000 + (numero_hilo or 0) * 7919 + math.floor(os.clock() * 1000000))
   wrk.headers["Cookie"] = cookie
   if metodo == "POST" then
      wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   end
end

local function hex(n)
   local t = {}
   for i = 1, n do
      t[i] = string.format("%x", math.random(0, 15))
   end
   return table.concat(t)
end

-- Django's _mask_cipher_secret: mask + each secret char shifted by the mask char (alphabet of 62).
local function csrf()
   local mascara, cifra = {}, {}
   for i = 1, #secreto do
      local m = math.random(0, 61)
      local s = string.find(ALFABETO, string.sub(secreto, i, i), 1, true) - 1
      mascara[i] = string.sub(ALFABETO, m + 1, m + 1)
      local c = (s + m) % 62
      cifra[i] = string.sub(ALFABETO, c + 1, c + 1)
   end
   return table.concat(mascara) .. table.concat(cifra)
end

function request()
   local ruta = rutas[math.random(1, #rutas)]
   if metodo ~= "POST" then
      return wrk.format("GET", ruta)
   end
   contador = contador + 1
   local clave = hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-a" .. hex(3) .. "-" .. hex(12)
   -- 10 digits, first one 3–9 (not a lada 0/1); thread number and counter keep them apart within a run
   local telefono = tostring(math.random(3, 9)) .. string.format("%01d", numero_hilo % 10)
      .. string.format("%04d", contador % 10000) .. string.format("%04d", math.random(0, 9999))
   local c = string.gsub(cuerpo, "@CLAVE@", clave)
   c = string.gsub(c, "@TELEFONO@", telefono)
   c = string.gsub(c, "@CSRF@", csrf())
   return wrk.format("POST", ruta, nil, c)
end

function done(summary, latency, requests)
   io.write(string.format(
      '{"solicitudes": %d, "duracion_us": %d, "errores_estado": %d, "errores_conexion": %d, '
         .. '"errores_lectura": %d, "errores_escritura": %d, "errores_tiempo": %d, '
         .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
      summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
      summary.errors.read, summary.errors.write, summary.errors.timeout,
      latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
